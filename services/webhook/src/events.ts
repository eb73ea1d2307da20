import {
  messagesValueSchema,
  DELIVERY_STATUSES,
  type InboundEvent,
  type MessagesValue,
  type StatusEvent,
  type WebhookEnvelope,
  type WebhookMessage,
  type WebhookStatus,
} from '@taskline/core';
import type { z } from 'zod';

export interface ExtractedEvents {
  inbound: InboundEvent[];
  statuses: StatusEvent[];
  /** Changes we accept but do not publish (other fields, unknown statuses), for the log. */
  skipped: string[];
}

export type ValueProblem = { path: string; message: string };

/**
 * Turns one Cloud API webhook delivery into the events published on the tenant stream. Throws nothing: shape
 * problems of `messages` changes are returned, with the path of each, so the caller can answer 400.
 */
export function extractEvents(
  envelope: WebhookEnvelope,
  tenant: string,
  receivedAt: Date,
): { events: ExtractedEvents; problems: ValueProblem[] } {
  const events: ExtractedEvents = { inbound: [], statuses: [], skipped: [] };
  const problems: ValueProblem[] = [];
  envelope.entry.forEach((entry, e) => {
    entry.changes.forEach((change, c) => {
      const at = `entry[${e}].changes[${c}]`;
      if (change.field !== 'messages') {
        events.skipped.push(`${at}: field "${change.field}"`);
        return;
      }
      const parsed = messagesValueSchema.safeParse(change.value);
      if (!parsed.success) {
        problems.push(...issues(parsed.error, `${at}.value`));
        return;
      }
      collect(parsed.data, tenant, receivedAt.toISOString(), events, at);
    });
  });
  return { events, problems };
}

function collect(
  value: MessagesValue,
  tenant: string,
  receivedAt: string,
  out: ExtractedEvents,
  at: string,
): void {
  const phoneNumberId = value.metadata.phone_number_id;
  for (const message of value.messages ?? []) {
    out.inbound.push(toInbound(message, value, tenant, phoneNumberId, receivedAt));
  }
  for (const status of value.statuses ?? []) {
    const event = toStatus(status, tenant, phoneNumberId, receivedAt);
    if (event) out.statuses.push(event);
    else out.skipped.push(`${at}: status "${status.status}"`);
  }
}

function toInbound(
  message: WebhookMessage,
  value: MessagesValue,
  tenant: string,
  phoneNumberId: string,
  receivedAt: string,
): InboundEvent {
  const contact =
    value.contacts?.find(
      (c) =>
        (message.from && c.wa_id === message.from) ||
        (message.from_user_id && c.user_id === message.from_user_id),
    ) ?? (value.contacts?.length === 1 ? value.contacts[0] : undefined);
  const userId = message.from_user_id ?? contact?.user_id;
  const profileName = contact?.profile?.name;
  const reply = message.interactive?.button_reply ?? message.interactive?.list_reply;
  const media = message.image ?? message.video ?? message.document;
  const text = message.text?.body ?? media?.caption;
  return {
    v: 1,
    tenant,
    phoneNumberId,
    wamid: message.id,
    ...(message.from ? { from: message.from } : {}),
    ...(userId ? { userId } : {}),
    ...(profileName ? { profileName } : {}),
    timestamp: Number(message.timestamp),
    type: message.type,
    ...(text !== undefined ? { text } : {}),
    ...(reply
      ? { reply: { id: reply.id, title: reply.title } }
      : message.button
        ? { reply: { id: message.button.payload ?? message.button.text, title: message.button.text } }
        : {}),
    ...(message.context?.id ? { contextId: message.context.id } : {}),
    receivedAt,
    message,
  };
}

function toStatus(
  status: WebhookStatus,
  tenant: string,
  phoneNumberId: string,
  receivedAt: string,
): StatusEvent | null {
  const known = DELIVERY_STATUSES.find((s) => s === status.status);
  if (!known) return null;
  return {
    v: 1,
    tenant,
    phoneNumberId,
    wamid: status.id,
    status: known,
    timestamp: Number(status.timestamp),
    ...(status.recipient_id ? { recipientId: status.recipient_id } : {}),
    ...(status.biz_opaque_callback_data ? { callbackData: status.biz_opaque_callback_data } : {}),
    ...(status.errors
      ? {
          errors: status.errors.map((error) => ({
            code: error.code,
            ...(error.title ? { title: error.title } : {}),
            ...(error.message ? { message: error.message } : {}),
            ...(error.error_data?.details ? { details: error.error_data.details } : {}),
          })),
        }
      : {}),
    receivedAt,
  };
}

/** zod issues as `path: message` pairs, with the path written like the JSON it points into. */
export function issues(error: z.ZodError, prefix = ''): ValueProblem[] {
  return error.issues.map((issue) => ({
    path: issue.path.reduce<string>(
      (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : `${acc}${acc ? '.' : ''}${String(key)}`),
      prefix,
    ),
    message: issue.message,
  }));
}
