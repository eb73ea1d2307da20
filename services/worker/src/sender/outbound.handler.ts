import {
  SecurityAuditLog,
  SpanKind,
  WhatsAppMessage,
  inSpan,
  inTenant,
  type EntityManager,
  type MikroORM,
  type OutboundMessage,
  type Tenant,
  type Logger,
} from '@taskline/core';
import type { CloudApiClient, SendResult } from './cloud-api.client.ts';
import type { CircuitBreaker } from '../circuit-breaker.ts';
import type { TokenBucket } from './rate-limit.ts';
import type { WorkerMetrics } from '../metrics.ts';
import { done, invalid, retry, type Outcome } from '../outcome.ts';
import { TransactionBatch } from '../transaction-batch.ts';

export interface SenderDeps {
  orm: MikroORM;
  tenant: Tenant;
  api: CloudApiClient;
  log: Logger;
  metrics?: WorkerMetrics;
  /** The tenant's circuit breaker around the Cloud API and its number's send rate. */
  guard?: { breaker: CircuitBreaker; bucket: TokenBucket };
  /** Delivery statuses waiting to be applied (the status consumer's backlog); an interrupted send waits for them. */
  statusBacklog?: () => Promise<number>;
  /** Groups the marks and records of concurrent sends into shared transactions (see TransactionBatch). */
  batches?: SenderBatches;
}

interface Accepted {
  id: string;
  wamid: string | null;
  at: string;
}

export interface SenderBatches {
  mark: TransactionBatch<string, { id: string; interruptedAt?: Date } | Outcome>;
  accept: TransactionBatch<Accepted, void>;
}

export const senderBatches = (orm: MikroORM, tenantId: string): SenderBatches => ({
  mark: new TransactionBatch(orm, tenantId, (em, replyKey: string) =>
    markSendStarted(em, tenantId, replyKey),
  ),
  accept: new TransactionBatch(orm, tenantId, (em, accepted: Accepted) =>
    recordAccepted(em, tenantId, accepted),
  ),
});

/**
 * Sends one queued reply through the Cloud API. The outbound row is the record of truth: a row that already has
 * a wamid was sent and is not sent again (redelivery after a crash between the API call and the ack). Transient
 * failures come back as retry with the delay the error calls for; permanent ones mark the row failed and stop.
 *
 * The one window a crash leaves open is the call itself: the API may have accepted a reply whose response never
 * reached us. Every send is marked (`sendStartedAt`) before the call and carries its reply key as
 * `biz_opaque_callback_data`, which Meta echoes in the reply's status webhooks; a redelivered reply still marked
 * waits for such a status (the status handler records the wamid) and is sent again only if none comes.
 */
export async function handleOutbound(message: OutboundMessage, deps: SenderDeps): Promise<Outcome> {
  const { orm, tenant, api, log } = deps;
  // While the Cloud API is failing, wait here: the message stays in hand (heartbeats keep it), no delivery is
  // spent, and the consumer pulls nothing new until the circuit closes.
  await deps.guard?.breaker.enter();
  let recorded = false;
  const found = await (
    deps.batches
      ? deps.batches.mark.run(message.replyKey)
      : inTenant(orm, tenant.id, (em) => markSendStarted(em, tenant.id, message.replyKey))
  ).catch((error: unknown) => {
    deps.guard?.breaker.release();
    throw error;
  });
  if (!('id' in found)) {
    deps.guard?.breaker.release();
    return found;
  }
  const { id } = found;
  if (found.interruptedAt) {
    deps.guard?.breaker.release();
    if (await sentMeanwhile(deps, id, found.interruptedAt)) return done;
    await deps.guard?.breaker.enter();
    await inTenant(orm, tenant.id, (em) =>
      em.nativeUpdate(WhatsAppMessage, { id, tenant: tenant.id }, { sendStartedAt: new Date() }),
    );
  }
  const result = await inSpan(
    'cloudapi.send',
    {
      kind: SpanKind.CLIENT,
      attributes: { 'taskline.reply_key': message.replyKey, 'taskline.message.type': message.content.type },
    },
    async (span) => {
      await deps.guard?.bucket.take();
      const sent = await api.sendMessage(message.to, message.content, undefined, message.replyKey);
      recorded = true;
      if (sent.kind === 'retry' && !sent.throttled) deps.guard?.breaker.failure(sent.reason);
      else deps.guard?.breaker.success();
      span.setAttribute('taskline.cloudapi.result', sent.kind);
      if (sent.kind !== 'accepted' && sent.code !== undefined)
        span.setAttribute('taskline.cloudapi.error_code', sent.code);
      return sent;
    },
  ).finally(() => {
    if (!recorded) deps.guard?.breaker.release();
  });
  const at = new Date().toISOString();
  observeSend(deps.metrics, message, result);
  if (result.kind === 'accepted') {
    const accepted = { id, wamid: result.wamid || null, at };
    await (deps.batches
      ? deps.batches.accept.run(accepted)
      : inTenant(orm, tenant.id, (em) => recordAccepted(em, tenant.id, accepted)));
    return done;
  }
  return inTenant(orm, tenant.id, async (em) => {
    const fresh = await em.findOneOrFail(WhatsAppMessage, { id, tenant: tenant.id });
    fresh.attempts += 1;
    switch (result.kind) {
      case 'retry':
        // Known not to have been sent: a later attempt need not wait for a status. After a timeout it may have
        // been: the mark stays, and the next attempt first waits for a status webhook that says so.
        if (!result.uncertain) fresh.sendStartedAt = null;
        await em.flush();
        log.warn(
          { replyKey: message.replyKey, code: result.code, reason: result.reason },
          'send failed, will retry',
        );
        return retry(result.delayMs, result.reason);
      case 'permanent':
        fresh.status = 'failed';
        fresh.error = { code: result.code ?? 0, message: result.reason };
        fresh.statusHistory = [
          ...fresh.statusHistory,
          { status: 'failed', at, error: { code: result.code ?? 0, details: result.reason } },
        ];
        // Audited so a tenant admin sees it; a rejected token fails every send, so that is written once in a while.
        if (!result.credentials || credentialsAuditDue(tenant.id)) {
          em.create(SecurityAuditLog, {
            tenantId: tenant.id,
            actor: 'worker',
            action: result.credentials ? 'whatsapp.credentials_rejected' : 'whatsapp.send_failed',
            target: `reply:${message.replyKey}`,
            outcome: 'failure',
            details: { code: result.code, reason: result.reason },
          });
        }
        await em.flush();
        log.error(
          {
            replyKey: message.replyKey,
            code: result.code,
            credentials: result.credentials,
            reason: result.reason,
          },
          result.credentials
            ? 'Cloud API rejected our credentials: check the access token'
            : 'send failed permanently',
        );
        return done;
    }
  });
}

/** Records an accepted send; a status webhook may have recorded the wamid and moved the row on already: never back. */
async function recordAccepted(em: EntityManager, tenantId: string, accepted: Accepted): Promise<void> {
  await em.execute(
    `update whatsapp_messages set attempts = attempts + 1, wamid = coalesce(wamid, ?),
       status = case when status = 'queued' then 'accepted' else status end, sent_at = coalesce(sent_at, ?),
       status_history = status_history || ?::jsonb, updated_at = ?
     where id = ? and tenant_id = ?`,
    [
      accepted.wamid,
      new Date(),
      JSON.stringify([{ status: 'accepted', at: accepted.at }]),
      new Date(),
      accepted.id,
      tenantId,
    ],
  );
}

const CREDENTIALS_AUDIT_EVERY_MS = 10 * 60_000;
const credentialsAuditedAt = new Map<string, number>();

/** True when this tenant's rejected credentials were not audited in the last ten minutes (by this process). */
function credentialsAuditDue(tenantId: string, now = Date.now()): boolean {
  if (now - (credentialsAuditedAt.get(tenantId) ?? -Infinity) < CREDENTIALS_AUDIT_EVERY_MS) return false;
  credentialsAuditedAt.set(tenantId, now);
  return true;
}

function observeSend(metrics: WorkerMetrics | undefined, message: OutboundMessage, result: SendResult): void {
  if (!metrics) return;
  const code = result.kind === 'accepted' ? 0 : (result.code ?? 0);
  metrics.cloudApi.inc({ result: result.kind, code: String(code) });
  metrics.messages.inc({ direction: 'out', type: message.content.type, status: result.kind });
  if (result.kind !== 'accepted') return;
  if (message.inboundReceivedAt) {
    metrics.replyLatency.observe((Date.now() - Date.parse(message.inboundReceivedAt)) / 1000);
  }
  // Reminder reply keys end with the instant they were due: reminder:<id>:<ISO instant>.
  const due = /^reminder:[^:]+:(.+)$/.exec(message.replyKey)?.[1];
  if (due && !Number.isNaN(Date.parse(due)))
    metrics.reminderLag.observe((Date.now() - Date.parse(due)) / 1000);
}

/**
 * Marks the reply's send as started and returns its row id: one statement when it is queued and was never started
 * (the common case). Otherwise the outcome when there is nothing to send (sent or failed already: done; never
 * recorded: invalid), or the row and when an earlier attempt started, for a send that attempt left interrupted.
 */
async function markSendStarted(
  em: EntityManager,
  tenantId: string,
  replyKey: string,
): Promise<{ id: string; interruptedAt?: Date } | Outcome> {
  const [marked] = await em.execute<{ id: string }[]>(
    `update whatsapp_messages set send_started_at = ?
     where tenant_id = ? and reply_key = ? and status = 'queued' and send_started_at is null returning id`,
    [new Date(), tenantId, replyKey],
  );
  if (marked) return { id: marked.id };
  const row = await em.findOne(
    WhatsAppMessage,
    { tenant: tenantId, replyKey },
    { fields: ['id', 'status', 'sendStartedAt'] },
  );
  if (!row) return invalid(`no outbound message recorded for reply key ${replyKey}`);
  if (row.status !== 'queued') return done;
  if (!row.sendStartedAt) return retry(100, 'the reply changed while its send was being marked');
  return { id: row.id, interruptedAt: row.sendStartedAt };
}

/** How long a reply interrupted mid-send waits for a status webhook before it is sent again. */
const UNCERTAIN_WAIT_MS = 10_000;
/** The longest it waits while statuses are still queued for the status consumer. */
const UNCERTAIN_MAX_WAIT_MS = 60_000;

/**
 * A previous attempt at this reply died during its Cloud API call. Waits (holding the message, spending no
 * delivery) for a status webhook to show that the reply went out: at least until 10 s after that attempt and 3 s
 * from now, and on while the status consumer still has statuses to apply (up to a minute). False when none showed
 * it, and the reply must be sent again.
 */
async function sentMeanwhile(deps: SenderDeps, id: string, startedAt: Date): Promise<boolean> {
  const { orm, tenant, log } = deps;
  const began = Date.now();
  const deadline = Math.max(startedAt.getTime() + UNCERTAIN_WAIT_MS, began + 3000);
  for (;;) {
    const row = await inTenant(orm, tenant.id, (em) =>
      em.findOne(WhatsAppMessage, { id, tenant: tenant.id }),
    );
    if (!row || row.status !== 'queued') return true;
    const now = Date.now();
    if (now >= began + UNCERTAIN_MAX_WAIT_MS) break;
    if (now >= deadline) {
      const backlog = await deps.statusBacklog?.().catch(() => 0);
      if (!backlog) break;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  log.warn({ id }, 'an interrupted send showed no status: sending it again (the user may see it twice)');
  return false;
}
