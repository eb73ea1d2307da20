import { z } from 'zod';

/**
 * The Cloud API webhook shapes (../shared/whatsapp/README.md). Objects are loose: Meta adds fields over time and
 * an unknown field must never cost us a message. Unknown message types are accepted as they are.
 */
const errorDetail = z.looseObject({
  code: z.number().int(),
  title: z.string().optional(),
  message: z.string().optional(),
  error_data: z.looseObject({ details: z.string().optional() }).optional(),
});

const media = z.looseObject({
  id: z.string(),
  mime_type: z.string().optional(),
  caption: z.string().optional(),
});

/**
 * A message id (wamid). It becomes the JetStream dedup header (Nats-Msg-Id) and a database key, so it must be
 * printable ASCII without spaces: a CR/LF in it would break the NATS header block (found by the fuzz suite).
 */
const wamid = z
  .string()
  .regex(/^[\x21-\x7e]{1,128}$/, 'must be 1 to 128 printable ASCII characters without spaces');

/** Unix seconds as a string; at most 12 digits, so the number the events carry is an exact integer. */
const unixSeconds = z.string().regex(/^\d{1,12}$/, 'must be Unix seconds as a string (at most 12 digits)');

export const webhookMessageSchema = z.looseObject({
  id: wamid,
  timestamp: unixSeconds,
  type: z.string().min(1),
  from: z.string().optional(),
  from_user_id: z.string().optional(),
  context: z.looseObject({ id: z.string().optional(), from: z.string().optional() }).optional(),
  text: z.looseObject({ body: z.string() }).optional(),
  interactive: z
    .looseObject({
      type: z.string(),
      button_reply: z.looseObject({ id: z.string(), title: z.string() }).optional(),
      list_reply: z
        .looseObject({ id: z.string(), title: z.string(), description: z.string().optional() })
        .optional(),
    })
    .optional(),
  button: z.looseObject({ payload: z.string().optional(), text: z.string() }).optional(),
  image: media.optional(),
  audio: media.optional(),
  video: media.optional(),
  document: media.optional(),
  sticker: media.optional(),
  reaction: z.looseObject({ message_id: z.string(), emoji: z.string().optional() }).optional(),
  errors: z.array(errorDetail).optional(),
});

export const webhookStatusSchema = z.looseObject({
  id: wamid,
  status: z.string().min(1),
  timestamp: unixSeconds,
  recipient_id: z.string().optional(),
  recipient_user_id: z.string().optional(),
  biz_opaque_callback_data: z.string().optional(),
  errors: z.array(errorDetail).optional(),
});

const contactSchema = z.looseObject({
  wa_id: z.string().optional(),
  user_id: z.string().optional(),
  profile: z.looseObject({ name: z.string().optional() }).optional(),
});

export const messagesValueSchema = z.looseObject({
  messaging_product: z.literal('whatsapp'),
  metadata: z.looseObject({
    display_phone_number: z.string().optional(),
    phone_number_id: z.string().min(1),
  }),
  contacts: z.array(contactSchema).optional(),
  messages: z.array(webhookMessageSchema).optional(),
  statuses: z.array(webhookStatusSchema).optional(),
  errors: z.array(errorDetail).optional(),
});

export const webhookEnvelopeSchema = z.object({
  object: z.literal('whatsapp_business_account'),
  entry: z
    .array(
      z.looseObject({
        id: z.string(),
        changes: z.array(z.looseObject({ field: z.string(), value: z.unknown() })),
      }),
    )
    .min(1),
});

export type WebhookEnvelope = z.infer<typeof webhookEnvelopeSchema>;
export type WebhookMessage = z.infer<typeof webhookMessageSchema>;
export type WebhookStatus = z.infer<typeof webhookStatusSchema>;
export type MessagesValue = z.infer<typeof messagesValueSchema>;
