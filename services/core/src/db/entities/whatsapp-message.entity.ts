import { defineEntity, p } from '@mikro-orm/core';
import { timestamps, uuidPrimaryKey } from './columns.ts';
import { Tenant } from './tenant.entity.ts';
import { WhatsAppContact } from './whatsapp-contact.entity.ts';
import { tenantScoped } from './tenant-scope.ts';
import { EncryptedJsonType } from './encrypted-json.type.ts';
import { searchTerms } from '../../crypto/keyring.ts';

export const MESSAGE_STATUSES = [
  'received',
  'processed',
  'queued',
  'accepted',
  'sent',
  'failed',
  'delivered',
  'read',
] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** The readable text of a message, whatever its kind (text, buttons, list choice, template); `[type]` otherwise. */
export function messageText(body: Record<string, unknown>, type: string): string {
  const at = (...path: string[]): unknown =>
    path.reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], body);
  const found = [
    at('text', 'body'),
    at('interactive', 'body', 'text'),
    at('interactive', 'button_reply', 'title'),
    at('interactive', 'list_reply', 'title'),
    at('button', 'text'),
    at('template', 'name'),
  ].find((v) => typeof v === 'string');
  return found ?? `[${type}]`;
}

export interface StatusChange {
  status: MessageStatus;
  at: string;
  error?: { code: number; title?: string; details?: string };
}

/**
 * Every message in and out. Inbound rows are keyed by wamid (the dedup key); outbound rows by `replyKey` until
 * the Cloud API returns their wamid. `statusHistory` keeps every status event; `status` is the furthest one.
 */
export const WhatsAppMessageSchema = defineEntity({
  name: 'WhatsAppMessage',
  tableName: 'whatsapp_messages',
  ...tenantScoped,
  properties: {
    ...uuidPrimaryKey(),
    tenant: () => p.manyToOne(Tenant).mapToPk().deleteRule('cascade'),
    direction: p.enum(['in', 'out'] as const),
    wamid: p.string().length(128).nullable(),
    replyKey: p.string().length(160).nullable(),
    inReplyTo: p.string().length(128).nullable(),
    contact: () => p.manyToOne(WhatsAppContact).mapToPk().nullable().deleteRule('set null'),
    /** The other party: wa_id or business-scoped user id. */
    peer: p.string().length(128),
    type: p.string().length(32),
    /** Encrypted at rest under TASKLINE_ENCRYPTION_KEYS (plain JSON when no key is configured). */
    body: p.type(EncryptedJsonType).columnType('jsonb').$type<Record<string, unknown>>(),
    /** Blind index of the text's words for search (../../crypto/keyring.ts); written once, never loaded. */
    bodyTerms: p
      .array()
      .columnType('bigint[]')
      .lazy()
      .nullable()
      .onCreate((m: { tenant: string; body: Record<string, unknown>; type: string }) =>
        searchTerms(m.tenant, messageText(m.body, m.type)),
      ),
    status: p.enum(MESSAGE_STATUSES),
    statusHistory: p.json<StatusChange[]>(),
    error: p.json<{ code: number; message: string; details?: string }>().nullable(),
    attempts: p.integer().default(0),
    sentAt: p.datetime().nullable(),
    /**
     * Set just before a send is attempted, cleared when its result is known not to be a send. Found still set on a
     * redelivered reply, it means the previous attempt died mid-call: the reply may have gone out.
     */
    sendStartedAt: p.datetime().nullable(),
    /** The W3C traceparent of the message's trace, so its later delivery statuses can link to it. */
    traceParent: p.string().length(64).nullable(),
    ...timestamps(),
  },
  uniques: [{ properties: ['tenant', 'wamid'] }, { properties: ['tenant', 'replyKey'] }],
  indexes: [
    { properties: ['tenant', 'inReplyTo'] },
    { properties: ['tenant', 'createdAt'] },
    { properties: ['tenant', 'contact', 'createdAt'] },
    // The burst limit counts one sender's messages of the last minute (migration 000011).
    { properties: ['tenant', 'peer', 'createdAt'] },
    { properties: ['bodyTerms'], type: 'gin' },
    // Tenant health counts recent send errors by code: a partial index keeps that to the failed rows. Keyed by
    // created_at, which never changes, so status updates stay HOT (migration 000012).
    {
      name: 'whatsapp_messages_errors_index',
      expression:
        'create index "whatsapp_messages_errors_index" on "whatsapp_messages" ("tenant_id", "created_at") where error is not null',
    },
  ],
});
export class WhatsAppMessage extends WhatsAppMessageSchema.class {}
WhatsAppMessageSchema.setClass(WhatsAppMessage);
