/**
 * What a handler decided about one JetStream message; the consumer loop owns the message and settles it:
 * done -> ack, retry -> nak(delay), invalid -> term + a DLQ record.
 */
export type Outcome =
  { kind: 'done' } | { kind: 'retry'; delayMs: number; reason: string } | { kind: 'invalid'; reason: string };

export const done: Outcome = { kind: 'done' };
export const retry = (delayMs: number, reason: string): Outcome => ({ kind: 'retry', delayMs, reason });
export const invalid = (reason: string): Outcome => ({ kind: 'invalid', reason });
