import {
  WhatsAppMessage,
  contextFrom,
  trace,
  tracer,
  inTenant,
  type MessageStatus,
  type MikroORM,
  type StatusEvent,
  type Tenant,
} from '@taskline/core';
import { done, retry, type Outcome } from './outcome.ts';

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
  deps: { orm: MikroORM; tenant: Tenant },
  deliveryCount: number,
): Promise<Outcome> {
  return inTenant(deps.orm, deps.tenant.id, async (em) => {
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
    const error = event.errors?.[0];
    row.statusHistory = [
      ...row.statusHistory,
      {
        status: event.status,
        at: new Date(event.timestamp * 1000).toISOString(),
        ...(error ? { error: { code: error.code, title: error.title, details: error.details } } : {}),
      },
    ];
    if (RANK[event.status] > RANK[row.status]) row.status = event.status;
    if (event.status === 'failed' && error) {
      row.error = {
        code: error.code,
        message: error.title ?? error.message ?? 'failed',
        details: error.details,
      };
    }
    await em.flush();
    return done;
  });
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
