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

export interface RunningScheduler {
  stop(): Promise<void>;
}

/** Ticks every `intervalMs`, one tick at a time; errors are logged and the next tick tries again. */
export function startScheduler(
  deps: {
    orm: MikroORM;
    tenant: { id: string; slug: string };
    log: Logger;
    publish: (m: OutboundMessage) => Promise<void>;
  },
  intervalMs = 1000,
): RunningScheduler {
  let stopped = false;
  let ticks = 0;
  const tick = async () => {
    const messages = await claimDueReminders(deps.orm, deps.tenant.id);
    // Every 30th tick, pick up replies whose publish was lost.
    if (++ticks % 30 === 0) messages.push(...(await staleQueued(deps.orm, deps.tenant)));
    for (const message of messages) await deps.publish(message);
    if (messages.length > 0) deps.log.info({ count: messages.length }, 'proactive messages queued');
  };
  const loop = (async () => {
    while (!stopped) {
      await tick().catch((error: unknown) => deps.log.error({ err: error }, 'scheduler tick failed'));
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
    },
  };
}
