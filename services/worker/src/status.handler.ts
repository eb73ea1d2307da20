import {
  WhatsAppMessage,
  contextFrom,
  trace,
  tracer,
  inTenant,
  type EntityManager,
  type MessageStatus,
  type MikroORM,
  type StatusChange,
  type StatusEvent,
  type Tenant,
} from '@taskline/core';
import { done, retry, type Outcome } from './outcome.ts';
import { TransactionBatch } from './transaction-batch.ts';

/** How far along a message is; a status event never moves a message back (failed < delivered, see below). */
const RANK: Record<MessageStatus, number> = {
  received: 0,
  processed: 1,
  queued: 1,
  accepted: 2,
  sent: 3,
  // A failed status can be followed by delivered when the user has several devices: delivered wins.
  failed: 4,
  delivered: 5,
  read: 6,
};

/** Statuses that arrive before the sender recorded the wamid are retried this many times, then dropped. */
const MAX_EARLY_DELIVERIES = 5;

/**
 * Applies one delivery status to the outbound message it refers to, as a monotonic state machine with the full
 * history kept. Duplicates (same wamid and status) change nothing. Statuses never trigger assistant logic.
 */
export async function handleStatus(
  event: StatusEvent,
  deps: { orm: MikroORM; tenant: Tenant; statusBatch?: StatusBatch },
  deliveryCount: number,
): Promise<Outcome> {
  const applied = await (deps.statusBatch
    ? deps.statusBatch.run(event)
    : inTenant(deps.orm, deps.tenant.id, (em) => applyInOneStatement(em, deps.tenant.id, event)));
  if (applied) {
    linkToMessageTrace(applied.traceParent, event.status);
    return done;
  }
  return inTenant(deps.orm, deps.tenant.id, async (em) => {
    // Not applied: a duplicate, or a status for a reply whose wamid is not recorded (yet).
    let row = await em.findOne(WhatsAppMessage, {
      tenant: deps.tenant.id,
      wamid: event.wamid,
      direction: 'out',
    });
    if (!row && event.callbackData) {
      // The sender has not recorded this wamid (yet, or ever: it died mid-call); the reply key it sent along says
      // which reply this is.
      row = await em.findOne(WhatsAppMessage, {
        tenant: deps.tenant.id,
        replyKey: event.callbackData,
        direction: 'out',
      });
      if (row && !row.wamid) {
        row.wamid = event.wamid;
        row.sentAt ??= new Date(event.timestamp * 1000);
      }
    }
    if (!row) {
      return deliveryCount < MAX_EARLY_DELIVERIES
        ? retry(500 * deliveryCount, `no outbound message with wamid ${event.wamid} yet`)
        : done;
    }
    if (row.statusHistory.some((change) => change.status === event.status)) return done;
    linkToMessageTrace(row.traceParent, event.status);
    row.statusHistory = [...row.statusHistory, statusChange(event)];
    if (RANK[event.status] > RANK[row.status]) row.status = event.status;
    row.error = sendError(event) ?? row.error;
    await em.flush();
    return done;
  });
}

/** Groups the common case of concurrent statuses into one transaction (see TransactionBatch). */
export type StatusBatch = TransactionBatch<StatusEvent, { traceParent: string | null } | null>;

export const statusBatch = (orm: MikroORM, tenantId: string): StatusBatch =>
  new TransactionBatch(orm, tenantId, (em, event: StatusEvent) => applyInOneStatement(em, tenantId, event));

function statusChange(event: StatusEvent): StatusChange {
  const error = event.errors?.[0];
  return {
    status: event.status,
    at: new Date(event.timestamp * 1000).toISOString(),
    ...(error ? { error: { code: error.code, title: error.title, details: error.details } } : {}),
  };
}

function sendError(event: StatusEvent): WhatsAppMessage['error'] | undefined {
  const error = event.errors?.[0];
  if (event.status !== 'failed' || !error) return undefined;
  return { code: error.code, message: error.title ?? error.message ?? 'failed', details: error.details };
}

const RANK_OF_STATUS = `case status ${Object.entries(RANK)
  .map(([status, rank]) => `when '${status}' then ${rank}`)
  .join(' ')} end`;

/**
 * The common case in one statement: the outbound row with this wamid exists and has not seen this status. Appends
 * the change, moves the status forward only, keeps a failure's error, and returns the row's trace; null when no
 * such row (unknown wamid or a duplicate), which the caller then sorts out.
 */
async function applyInOneStatement(
  em: EntityManager,
  tenantId: string,
  event: StatusEvent,
): Promise<{ traceParent: string | null } | null> {
  const error = sendError(event);
  const [row] = await em.execute<{ trace_parent: string | null }[]>(
    `update whatsapp_messages set status_history = status_history || ?::jsonb,
       status = case when ${RANK_OF_STATUS} < ? then ? else status end,
       error = coalesce(?::jsonb, error), updated_at = ?
     where tenant_id = ? and wamid = ? and direction = 'out' and not status_history @> ?::jsonb
     returning trace_parent`,
    [
      JSON.stringify([statusChange(event)]),
      RANK[event.status],
      event.status,
      error ? JSON.stringify(error) : null,
      new Date(),
      tenantId,
      event.wamid,
      JSON.stringify([{ status: event.status }]),
    ],
  );
  return row ? { traceParent: row.trace_parent } : null;
}

/** A span in the status's own trace that links to the trace of the message it is about. */
function linkToMessageTrace(traceParent: string | null | undefined, status: string): void {
  if (!traceParent) return;
  const linked = trace.getSpanContext(
    contextFrom((key) => (key === 'traceparent' ? traceParent : undefined)),
  );
  if (!linked) return;
  tracer()
    .startSpan('status.apply', { attributes: { 'taskline.status': status }, links: [{ context: linked }] })
    .end();
}
