import {
  SpanKind,
  WhatsAppMessage,
  inSpan,
  inTenant,
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

export interface SenderDeps {
  orm: MikroORM;
  tenant: Tenant;
  api: CloudApiClient;
  log: Logger;
  metrics?: WorkerMetrics;
  /** The tenant's circuit breaker around the Cloud API and its number's send rate. */
  guard?: { breaker: CircuitBreaker; bucket: TokenBucket };
}

/**
 * Sends one queued reply through the Cloud API. The outbound row is the record of truth: a row that already has
 * a wamid was sent and is not sent again (redelivery after a crash between the API call and the ack). Transient
 * failures come back as retry with the delay the error calls for; permanent ones mark the row failed and stop.
 */
export async function handleOutbound(message: OutboundMessage, deps: SenderDeps): Promise<Outcome> {
  const { orm, tenant, api, log } = deps;
  const row = await inTenant(orm, tenant.id, (em) =>
    em.findOne(WhatsAppMessage, { tenant: tenant.id, replyKey: message.replyKey }),
  );
  if (!row) return invalid(`no outbound message recorded for reply key ${message.replyKey}`);
  if (row.status !== 'queued') return done;

  // While the Cloud API is failing, wait here: the message stays in hand (heartbeats keep it), no delivery is
  // spent, and the consumer pulls nothing new until the circuit closes.
  await deps.guard?.breaker.enter();
  let recorded = false;
  const result = await inSpan(
    'cloudapi.send',
    {
      kind: SpanKind.CLIENT,
      attributes: { 'taskline.reply_key': message.replyKey, 'taskline.message.type': message.content.type },
    },
    async (span) => {
      await deps.guard?.bucket.take();
      const sent = await api.sendMessage(message.to, message.content);
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
  return inTenant(orm, tenant.id, async (em) => {
    const fresh = await em.findOneOrFail(WhatsAppMessage, { id: row.id, tenant: tenant.id });
    fresh.attempts += 1;
    switch (result.kind) {
      case 'accepted':
        fresh.wamid = result.wamid || null;
        fresh.status = 'accepted';
        fresh.sentAt = new Date();
        fresh.statusHistory = [...fresh.statusHistory, { status: 'accepted', at }];
        await em.flush();
        return done;
      case 'retry':
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
