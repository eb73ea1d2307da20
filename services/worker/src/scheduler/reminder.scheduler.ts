import {
  Reminder,
  Task,
  Tenant,
  User,
  WhatsAppContact,
  WhatsAppMessage,
  inTenant,
  type Logger,
  type MessageContent,
  type MikroORM,
  type OutboundMessage,
  listTasks,
} from '@taskline/core';
import { toOutbound } from '../inbound.handler.ts';
import { text } from '../replies.ts';
import { nextOccurrence } from './recurrence.ts';

const WINDOW_MS = 24 * 3600_000;
const BATCH = 50;

const WORDS: Record<string, (title: string) => string> = {
  en: (t) => `⏰ Reminder: *${t}*`,
  es: (t) => `⏰ Recordatorio: *${t}*`,
  pt: (t) => `⏰ Lembrete: *${t}*`,
};

const DIGEST: Record<string, { title: (n: number) => string; none: string }> = {
  en: { title: (n) => `☀️ *Your open tasks* (${n}):`, none: '☀️ No open tasks today. Enjoy! 🎉' },
  es: { title: (n) => `☀️ *Tus tareas pendientes* (${n}):`, none: '☀️ Hoy no tienes tareas pendientes. 🎉' },
  pt: { title: (n) => `☀️ *Suas tarefas abertas* (${n}):`, none: '☀️ Nenhuma tarefa aberta hoje. 🎉' },
};

function digestText(tasks: Task[], language: string | null | undefined): string {
  const words = DIGEST[language ?? 'en'] ?? DIGEST.en!;
  if (tasks.length === 0) return words.none;
  return [words.title(tasks.length), ...tasks.map((t, i) => `${i + 1}. ${t.title}`)].join('\n');
}

/**
 * One scheduler tick for a tenant: claims the due reminders with `FOR UPDATE SKIP LOCKED` (several worker
 * replicas never claim the same row), records each message as a queued outbound row and marks the reminder sent
 * (or re-arms a recurring one) in the same transaction. Returns the messages to publish after the commit; their
 * reply keys make a second publish harmless.
 */
export async function claimDueReminders(
  orm: MikroORM,
  tenantId: string,
  now = new Date(),
): Promise<OutboundMessage[]> {
  return inTenant(orm, tenantId, async (em) => {
    const due: { id: string }[] = await em.execute(
      `select id from reminders where status = 'pending' and remind_at <= ? order by remind_at limit ? for update skip locked`,
      [now, BATCH],
    );
    const messages: OutboundMessage[] = [];
    if (due.length === 0) return messages;
    // Read only when something is due: an idle tenant's tick is this one query. The tenant registry has no
    // row-level security, so it is read in this transaction.
    const tenant = await em.findOneOrFail(Tenant, { id: tenantId });
    for (const { id } of due) {
      const reminder = await em.findOneOrFail(Reminder, { id, tenant: tenantId });
      const user = await em.findOneOrFail(User, { id: reminder.user, tenant: tenantId });
      const contact = await em.findOne(
        WhatsAppContact,
        { tenant: tenantId, user: user.id, status: 'active' },
        { orderBy: { lastSeenAt: 'desc nulls last' } },
      );
      const task = reminder.task ? await em.findOne(Task, { id: reminder.task, tenant: tenantId }) : null;
      if (!contact || user.status !== 'active' || user.proactiveOptOut || (task && task.status === 'done')) {
        reminder.status = 'cancelled';
        continue;
      }
      const digest = reminder.task
        ? undefined
        : await listTasks(em, { tenantId, userId: user.id }, { status: 'open', limit: 10 });
      const title = task?.title ?? (digest ? `${digest.length} open tasks` : 'your reminder');
      const lastSeen = contact.lastSeenAt;
      const inWindow = !!lastSeen && now.getTime() - lastSeen.getTime() < WINDOW_MS;
      const content: MessageContent =
        !inWindow && tenant.reminderTemplate
          ? {
              type: 'template',
              template: {
                name: tenant.reminderTemplate,
                language: { code: tenant.reminderTemplateLanguage ?? 'en' },
                components: [{ type: 'body', parameters: [{ type: 'text', text: title }] }],
              },
            }
          : text(
              digest ? digestText(digest, user.language) : (WORDS[user.language ?? 'en'] ?? WORDS.en!)(title),
            );
      const row = em.create(WhatsAppMessage, {
        tenant: tenantId,
        direction: 'out',
        replyKey: `reminder:${reminder.id}:${reminder.remindAt.toISOString()}`,
        contact: contact.id,
        peer: contact.phone ? contact.phone.replace(/^\+/, '') : contact.waUserId!,
        type: content.type,
        body: content,
        status: 'queued',
        statusHistory: [{ status: 'queued', at: now.toISOString() }],
      });
      messages.push(toOutbound(row, tenant.slug));
      if (reminder.recurrence) {
        reminder.remindAt = nextOccurrence(reminder.recurrence, now, user.timezone ?? tenant.timezone);
      } else {
        reminder.status = 'sent';
        reminder.sentAt = now;
      }
    }
    await em.flush();
    return messages;
  });
}

/**
 * Replies recorded as queued but not sent a while later: their publish was lost (a crash between the commit and
 * the publish). Publishing them again is safe: JetStream dedups by reply key and the sender skips rows already sent.
 */
export async function staleQueued(orm: MikroORM, tenant: { id: string; slug: string }, olderThanMs = 30_000) {
  return inTenant(orm, tenant.id, async (em) => {
    const rows = await em.find(
      WhatsAppMessage,
      {
        tenant: tenant.id,
        direction: 'out',
        status: 'queued',
        createdAt: { $lt: new Date(Date.now() - olderThanMs) },
      },
      { limit: BATCH, orderBy: { createdAt: 'asc' } },
    );
    return rows.map((row) => toOutbound(row, tenant.slug));
  });
}

/** When the earliest pending reminder of the tenant is due, if any. */
export async function nextDueAt(orm: MikroORM, tenantId: string): Promise<Date | null> {
  const [row] = await inTenant(orm, tenantId, (em) =>
    em.execute<{ next: string | Date | null }[]>(
      `select min(remind_at) as next from reminders where status = 'pending'`,
    ),
  );
  return row?.next ? new Date(row.next) : null;
}

export interface RunningScheduler {
  /** A message arrived: tick every `intervalMs` again, at once if the scheduler was idle. */
  active(): void;
  stop(): Promise<void>;
}

export interface SchedulerTiming {
  /** Between ticks while messages arrive (a reminder a message creates goes out within this). */
  intervalMs: number;
  /** No message for this long: the scheduler is idle. */
  idleAfterMs: number;
  /** Idle, it sleeps until the next pending reminder is due, at most this long. */
  idleSleepMs: number;
  /** Replies whose publish was lost are looked for this often. */
  staleEveryMs: number;
}

const TIMING: SchedulerTiming = {
  intervalMs: 1000,
  idleAfterMs: 60_000,
  idleSleepMs: 30_000,
  staleEveryMs: 30_000,
};

/**
 * Ticks every `intervalMs` while messages arrive, one tick at a time; errors are logged and the next tick tries
 * again. Reminders are created only by messages (the assistant's tools, routines), so an idle tenant's scheduler
 * sleeps until its next pending reminder is due, at most `idleSleepMs`, instead of asking PostgreSQL every second
 * (an idle worker's one remaining query, docs/performance.md); the next message wakes it. A reminder created on a
 * replica that dies before it is due goes out from another replica at most `idleSleepMs` late.
 */
export function startScheduler(
  deps: {
    orm: MikroORM;
    tenant: { id: string; slug: string };
    log: Logger;
    publish: (m: OutboundMessage) => Promise<void>;
  },
  timing: Partial<SchedulerTiming> = {},
): RunningScheduler {
  const { intervalMs, idleAfterMs, idleSleepMs, staleEveryMs } = { ...TIMING, ...timing };
  let stopped = false;
  let lastMessageAt = -Infinity; // idle until the first message
  let lastStaleCheck = Date.now();
  const idle = () => Date.now() - lastMessageAt >= idleAfterMs;
  let wake: (() => void) | undefined;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });
  const tick = async () => {
    const messages = await claimDueReminders(deps.orm, deps.tenant.id);
    if (Date.now() - lastStaleCheck >= staleEveryMs) {
      lastStaleCheck = Date.now();
      messages.push(...(await staleQueued(deps.orm, deps.tenant)));
    }
    for (const message of messages) await deps.publish(message);
    if (messages.length > 0) deps.log.info({ count: messages.length }, 'proactive messages queued');
  };
  const pause = async () => {
    if (!idle()) return intervalMs;
    const next = await nextDueAt(deps.orm, deps.tenant.id);
    const until = next ? next.getTime() - Date.now() : idleSleepMs;
    return Math.min(idleSleepMs, Math.max(intervalMs, until));
  };
  const loop = (async () => {
    while (!stopped) {
      await tick().catch((error: unknown) => deps.log.error({ err: error }, 'scheduler tick failed'));
      const ms = await pause().catch(() => intervalMs);
      // Stopped, or woken by a message, while it ticked or looked for the next reminder: nothing to wake yet.
      if (stopped) break;
      await sleep(idle() ? ms : Math.min(ms, intervalMs));
    }
  })();
  return {
    active() {
      const wasIdle = idle();
      lastMessageAt = Date.now();
      if (wasIdle) wake?.();
    },
    async stop() {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}
