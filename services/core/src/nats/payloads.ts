import { z } from 'zod';
import { messageContentSchema } from '../whatsapp/send-payload.ts';

/**
 * Payloads on the tenant stream. Publishers build them with these schemas and consumers parse them with the same
 * schemas, so both ends agree by construction. `v` versions the payload for rolling upgrades.
 */
export const errorInfoSchema = z.object({
  code: z.number().int(),
  title: z.string().optional(),
  message: z.string().optional(),
  details: z.string().optional(),
});
export type ErrorInfo = z.infer<typeof errorInfoSchema>;

export const inboundEventSchema = z.object({
  v: z.literal(1),
  tenant: z.string(),
  phoneNumberId: z.string(),
  wamid: z.string().min(1),
  /** The sender's wa_id (digits); absent for a username user who withholds the number. */
  from: z.string().optional(),
  /** Meta's business-scoped user id (`from_user_id` / `contacts[].user_id`). */
  userId: z.string().optional(),
  profileName: z.string().optional(),
  /** Unix seconds, as Meta sent it. */
  timestamp: z.number().int(),
  type: z.string(),
  text: z.string().optional(),
  /** The id and title of a reply button, list row or template quick-reply the user tapped. */
  reply: z.object({ id: z.string(), title: z.string() }).optional(),
  contextId: z.string().optional(),
  receivedAt: z.iso.datetime(),
  /** The raw message object, for the types the assistant learns to read later. */
  message: z.record(z.string(), z.unknown()),
});
export type InboundEvent = z.infer<typeof inboundEventSchema>;

export const DELIVERY_STATUSES = ['sent', 'delivered', 'read', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const statusEventSchema = z.object({
  v: z.literal(1),
  tenant: z.string(),
  phoneNumberId: z.string(),
  wamid: z.string().min(1),
  status: z.enum(DELIVERY_STATUSES),
  timestamp: z.number().int(),
  recipientId: z.string().optional(),
  /** What the sender put in biz_opaque_callback_data: the reply key. */
  callbackData: z.string().optional(),
  errors: z.array(errorInfoSchema).optional(),
  receivedAt: z.iso.datetime(),
});
export type StatusEvent = z.infer<typeof statusEventSchema>;

export const outboundMessageSchema = z.object({
  v: z.literal(1),
  tenant: z.string(),
  /** Unique per reply: the Nats-Msg-Id and the key of the whatsapp_messages row. */
  replyKey: z.string().min(1),
  to: z.string().min(1),
  inReplyTo: z.string().optional(),
  content: messageContentSchema,
  createdAt: z.iso.datetime(),
  /** When the webhook received the message this answers: the start of the reply latency. */
  inboundReceivedAt: z.iso.datetime().optional(),
});
export type OutboundMessage = z.infer<typeof outboundMessageSchema>;

export const dlqRecordSchema = z.object({
  v: z.literal(1),
  tenant: z.string(),
  subject: z.string(),
  streamSeq: z.number().int(),
  deliveries: z.number().int(),
  reason: z.string(),
  payload: z.string(),
  at: z.iso.datetime(),
});
export type DlqRecord = z.infer<typeof dlqRecordSchema>;

/**
 * Suspicious activity the webhook saw, summed over a short window (it has no database): the worker writes it to the
 * audit log. `sources` names the busiest client addresses (at most 20); `count` includes the rest.
 */
export const securityEventSchema = z.object({
  v: z.literal(1),
  tenant: z.string(),
  kind: z.enum(['bad_signature']),
  count: z.number().int().positive(),
  firstAt: z.iso.datetime(),
  lastAt: z.iso.datetime(),
  sources: z.array(z.object({ ip: z.string().max(64), count: z.number().int().positive() })).max(20),
  /** Who reported it (the pod), and its window number: together the Nats-Msg-Id. */
  reporter: z.string().max(128),
  window: z.number().int(),
});
export type SecurityEvent = z.infer<typeof securityEventSchema>;

/** Message ids for JetStream dedup: the wamid for inbound, wamid+status for statuses, the reply key outbound. */
export const msgIds = {
  inbound: (e: InboundEvent) => e.wamid,
  status: (e: StatusEvent) => `${e.wamid}:${e.status}`,
  outbound: (m: OutboundMessage) => m.replyKey,
  security: (e: SecurityEvent) => `security:${e.reporter}:${e.window}`,
};
