import { z } from 'zod';

/** Request and response bodies of `POST /{version}/{phone-number-id}/messages` (../shared/whatsapp/README.md). */
const recipient = z.string().min(1).max(64);

const textMessage = z.object({
  type: z.literal('text'),
  text: z.object({ body: z.string().min(1).max(4096), preview_url: z.boolean().optional() }),
});

const buttonInteractive = z.object({
  type: z.literal('button'),
  header: z.looseObject({ type: z.string() }).optional(),
  body: z.object({ text: z.string().min(1).max(1024) }),
  footer: z.object({ text: z.string().max(60) }).optional(),
  action: z.object({
    buttons: z
      .array(
        z.object({
          type: z.literal('reply'),
          reply: z.object({ id: z.string().min(1).max(256), title: z.string().min(1).max(20) }),
        }),
      )
      .min(1)
      .max(3),
  }),
});

const listInteractive = z.object({
  type: z.literal('list'),
  header: z.looseObject({ type: z.string() }).optional(),
  body: z.object({ text: z.string().min(1).max(4096) }),
  footer: z.object({ text: z.string().max(60) }).optional(),
  action: z.object({
    button: z.string().min(1).max(20),
    sections: z
      .array(
        z.object({
          title: z.string().max(24).optional(),
          rows: z
            .array(
              z.object({
                id: z.string().min(1).max(200),
                title: z.string().min(1).max(24),
                description: z.string().max(72).optional(),
              }),
            )
            .min(1),
        }),
      )
      .min(1)
      .max(10)
      .refine(
        (sections) => sections.reduce((n, s) => n + s.rows.length, 0) <= 10,
        'at most 10 rows in total',
      ),
  }),
});

const interactiveMessage = z.object({
  type: z.literal('interactive'),
  interactive: z.discriminatedUnion('type', [buttonInteractive, listInteractive]),
});

const templateMessage = z.object({
  type: z.literal('template'),
  template: z.object({
    name: z.string().min(1),
    language: z.object({ code: z.string().min(2) }),
    components: z.array(z.looseObject({ type: z.string() })).optional(),
  }),
});

/** What our outbound messages may contain (without the envelope fields). */
export const messageContentSchema = z.discriminatedUnion('type', [
  textMessage,
  interactiveMessage,
  templateMessage,
]);
export type MessageContent = z.infer<typeof messageContentSchema>;

export const sendMessageRequestSchema = z.intersection(
  z.object({
    messaging_product: z.literal('whatsapp'),
    recipient_type: z.literal('individual').optional(),
    to: recipient,
    context: z.object({ message_id: z.string() }).optional(),
    /** Echoed in this message's status webhooks: how a reply is recognised when its send response was lost. */
    biz_opaque_callback_data: z.string().max(512).optional(),
  }),
  messageContentSchema,
);
export type SendMessageRequest = z.infer<typeof sendMessageRequestSchema>;

export const markReadRequestSchema = z.object({
  messaging_product: z.literal('whatsapp'),
  status: z.literal('read'),
  message_id: z.string().min(1),
  typing_indicator: z.object({ type: z.literal('text') }).optional(),
});
export type MarkReadRequest = z.infer<typeof markReadRequestSchema>;

export const sendResponseSchema = z.looseObject({
  messaging_product: z.literal('whatsapp'),
  contacts: z.array(z.looseObject({ input: z.string(), wa_id: z.string().optional() })).optional(),
  messages: z.array(z.looseObject({ id: z.string(), message_status: z.string().optional() })).min(1),
});
export type SendResponse = z.infer<typeof sendResponseSchema>;

export const graphErrorSchema = z.object({
  error: z.looseObject({
    message: z.string(),
    type: z.string().optional(),
    code: z.number().int(),
    error_subcode: z.number().int().optional(),
    error_data: z.looseObject({ details: z.string().optional() }).optional(),
    fbtrace_id: z.string().optional(),
  }),
});
export type GraphError = z.infer<typeof graphErrorSchema>['error'];
