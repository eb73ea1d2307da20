import type { WorkerMetrics } from './metrics.ts';
import {
  SecurityAuditLog,
  WhatsAppMessage,
  pseudonym,
  traceHeaders,
  inTenant,
  type EntityManager,
  type InboundEvent,
  type MessageContent,
  type MikroORM,
  type OutboundMessage,
  type Tenant,
} from '@taskline/core';
import { detectLanguage, type Assistant } from '@taskline/assistant';
import { applySetting, defaultsForPhone, parseSetting } from './settings.handler.ts';
import { handleAction } from './actions.handler.ts';
import { applyRoutine, parseRoutine } from './routines.handler.ts';
import { compose } from './interactive.ts';
import { resolveSender, type Sender } from './contact-resolver.ts';
import type { TenantInboundRate } from './tenant-inbound-rate.ts';
import { replies, text } from './replies.ts';

export interface InboundDeps {
  orm: MikroORM;
  tenant: Tenant;
  phoneNumberId: string;
  assistant: Assistant;
  metrics?: WorkerMetrics;
  /** Messages one sender may send per minute before they are recorded but no longer answered (default 20). */
  senderPerMinute?: number;
  /** The tenant-wide inbound limit: messages per minute across replicas, and the counter that measures it. */
  tenantLimit?: { perMinute: number; rate: TenantInboundRate };
}

export type InboundResult =
  { kind: 'replied'; outbound: OutboundMessage[]; duplicate: boolean } | { kind: 'ignored'; reason: string };

/** The other party of a conversation: the phone's wa_id, or the user id of a username user. */
export const peerOf = (event: InboundEvent): string => event.from ?? event.userId ?? 'unknown';

/**
 * Handles one inbound message in one transaction: records it, resolves the sender, acts, and records the reply
 * as a queued outbound row. The wamid is the idempotency key: a message already processed changes nothing and
 * returns its replies still waiting to be sent, so a redelivery re-publishes them (JetStream dedups by reply key)
 * and no message is ever answered twice. Messages of one conversation are serialised across worker replicas by
 * a transaction-scoped advisory lock.
 */
export async function handleInbound(event: InboundEvent, deps: InboundDeps): Promise<InboundResult> {
  const { orm, tenant } = deps;
  if (event.phoneNumberId !== deps.phoneNumberId) {
    return { kind: 'ignored', reason: `phone number id ${event.phoneNumberId} is not this tenant's number` };
  }
  const peer = peerOf(event);
  return inTenant(orm, tenant.id, async (em) => {
    await em.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`${tenant.id}:${peer}`]);

    // What the conversation's history says before acting, in one round trip: whether this message was handled
    // already, and how many this sender sent in the last minute (the burst limit below).
    const [history] = await em.execute<{ seen: boolean; recent: string }[]>(
      `select exists(select 1 from whatsapp_messages where tenant_id = ? and wamid = ?) as seen,
              (select count(*) from whatsapp_messages
               where tenant_id = ? and direction = 'in' and peer = ? and wamid <> ?
                 and created_at > now() - interval '1 minute') as recent`,
      [tenant.id, event.wamid, tenant.id, peer, event.wamid],
    );
    if (history?.seen) {
      const pending = await em.find(WhatsAppMessage, {
        tenant: tenant.id,
        direction: 'out',
        inReplyTo: event.wamid,
        status: 'queued',
      });
      return {
        kind: 'replied',
        duplicate: true,
        outbound: pending.map((row) => toOutbound(row, tenant.slug, event.receivedAt)),
      };
    }

    const now = new Date().toISOString();
    const inbound = em.create(WhatsAppMessage, {
      tenant: tenant.id,
      direction: 'in',
      wamid: event.wamid,
      peer,
      type: event.type,
      body: event.message,
      status: 'processed',
      statusHistory: [
        { status: 'received', at: event.receivedAt },
        { status: 'processed', at: now },
      ],
    });

    const sender = await resolveSender(em, tenant, event);
    inbound.contact = sender?.contact.id ?? null;
    if (!sender) await noteUnknownSender(em, tenant.id, peer, deps);

    const language = isLanguage(sender?.user.language)
      ? sender.user.language
      : defaultsForPhone(event.from)?.language;

    // The whole tenant over its limit: recorded, not worked on; each sender is told once a minute to resend later.
    if (deps.tenantLimit) {
      const { perMinute, rate } = deps.tenantLimit;
      const inLastMinute = await rate.note();
      if (inLastMinute > perMinute) {
        deps.metrics?.suspicious.inc({ kind: 'tenant_limit' });
        if (rate.shouldAudit()) {
          em.create(SecurityAuditLog, {
            tenantId: tenant.id,
            actor: 'whatsapp:*',
            action: 'whatsapp.tenant_limit',
            target: null,
            outcome: 'denied',
            details: { messagesInLastMinute: inLastMinute, limitPerMinute: perMinute },
          });
        }
        if (!rate.shouldTell(peer)) {
          await em.flush();
          return { kind: 'replied', duplicate: false, outbound: [] };
        }
        return recordReply(em, deps, event, peer, sender, replies.busy(language));
      }
    }

    // A burst from one number: recorded, answered once with a polite notice, then not answered until it slows down.
    const limit = deps.senderPerMinute ?? 20;
    const inLastMinute = Number(history?.recent ?? 0);
    if (inLastMinute >= limit) {
      if (inLastMinute > limit) {
        await em.flush();
        return { kind: 'replied', duplicate: false, outbound: [] };
      }
      deps.metrics?.suspicious.inc({ kind: 'burst' });
      em.create(SecurityAuditLog, {
        tenantId: tenant.id,
        actor: `whatsapp:${pseudonym(peer)}`,
        action: 'whatsapp.burst',
        target: sender ? `user:${sender.user.id}` : null,
        outcome: 'denied',
        details: { messagesInLastMinute: inLastMinute + 1, limitPerMinute: limit },
      });
    }
    const content: MessageContent =
      inLastMinute >= limit
        ? replies.slowDown(language)
        : sender
          ? await answer(em, event, sender, deps)
          : replies.unknownSender(tenant.displayName, language);
    return recordReply(em, deps, event, peer, sender, content);
  });
}

/** Records the reply to `event` as a queued outbound row, in the message's transaction, and returns it to send. */
async function recordReply(
  em: EntityManager,
  deps: InboundDeps,
  event: InboundEvent,
  peer: string,
  sender: Sender | null,
  content: MessageContent,
): Promise<InboundResult> {
  const { tenant } = deps;
  const now = new Date().toISOString();
  const reply = em.create(WhatsAppMessage, {
    tenant: tenant.id,
    direction: 'out',
    replyKey: `${event.wamid}:reply`,
    inReplyTo: event.wamid,
    contact: sender?.contact.id ?? null,
    peer,
    type: content.type,
    body: content,
    status: 'queued',
    statusHistory: [{ status: 'queued', at: now }],
    traceParent: traceHeaders().traceparent ?? null,
  });
  await em.flush();
  return {
    kind: 'replied',
    duplicate: false,
    outbound: [toOutbound(reply, tenant.slug, event.receivedAt)],
  };
}

/**
 * The answer to a mapped user: personal settings said in chat first, then the assistant. Message types it cannot
 * read get a polite reply instead. Zone and language default from the phone's country code.
 */
async function answer(
  em: EntityManager,
  event: InboundEvent,
  sender: Sender,
  deps: InboundDeps,
): Promise<MessageContent> {
  const said = event.text ?? event.reply?.title;
  const { user, contact } = sender;
  if (!said || (event.type !== 'text' && !event.reply)) {
    const language = isLanguage(user.language) ? user.language : defaultsForPhone(contact.phone)?.language;
    return replies.unreadable(event.type, language);
  }
  const owner = { tenantId: deps.tenant.id, userId: user.id };
  if (event.reply) {
    const acted = await handleAction(em, owner, event.reply.id);
    if (acted) return acted;
  }
  const defaults = defaultsForPhone(contact.phone);
  const chosen = isLanguage(user.language) ? user.language : undefined;
  const language = chosen ?? detectLanguage(said, defaults?.language);
  const timezone = user.timezone ?? defaults?.timezone ?? deps.tenant.timezone;
  const setting = parseSetting(said);
  if (setting) return text(applySetting(user, setting, language));
  const routine = parseRoutine(said);
  if (routine) return text(await applyRoutine(em, owner, routine, timezone, language));
  const endAgent = deps.metrics?.agent.startTimer();
  const result = await deps.assistant.reply({
    text: said,
    turn: {
      em,
      owner,
      timezone,
      now: sentAt(event),
      sourceWamid: event.wamid,
    },
    resourceId: user.id,
    threadId: `whatsapp:${deps.tenant.slug}:${contact.id}`,
    ...(chosen ? { language: chosen } : {}),
  });
  endAgent?.();
  if (!result.text) return text(replies.fallback(language));
  return compose(result, language);
}

/** "Tomorrow" means the day after the user wrote, even if the message waited in the queue; a stale clock does not count. */
function sentAt(event: InboundEvent): Date {
  const sent = event.timestamp * 1000;
  return Math.abs(Date.now() - sent) < 24 * 3600_000 ? new Date(sent) : new Date();
}

const isLanguage = (value: string | null | undefined): value is 'en' | 'es' | 'pt' =>
  value === 'en' || value === 'es' || value === 'pt';

export function toOutbound(
  row: WhatsAppMessage,
  tenant: string,
  inboundReceivedAt?: string,
): OutboundMessage {
  return {
    ...(inboundReceivedAt ? { inboundReceivedAt } : {}),
    v: 1,
    tenant,
    replyKey: row.replyKey!,
    to: row.peer,
    ...(row.inReplyTo ? { inReplyTo: row.inReplyTo } : {}),
    content: row.body as OutboundMessage['content'],
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * An unmapped number writing to the tenant is audited once a day per number (it may be a person to add, or someone
 * probing), without storing the number itself: the actor is its pseudonym.
 */
async function noteUnknownSender(
  em: EntityManager,
  tenantId: string,
  peer: string,
  deps: InboundDeps,
): Promise<void> {
  const actor = `whatsapp:${pseudonym(peer)}`;
  const [seen] = await em.execute<{ n: string }[]>(
    `select count(*) as n from security_audit_logs where tenant_id = ? and action = 'whatsapp.unknown-sender'
     and actor = ? and created_at > now() - interval '1 day'`,
    [tenantId, actor],
  );
  if (Number(seen?.n ?? 0) > 0) return;
  deps.metrics?.suspicious.inc({ kind: 'unknown_sender' });
  em.create(SecurityAuditLog, {
    tenantId,
    actor,
    action: 'whatsapp.unknown-sender',
    target: null,
    outcome: 'denied',
    details: { note: 'a number with no user mapping wrote; add it in User mapping if it is a colleague' },
  });
}
