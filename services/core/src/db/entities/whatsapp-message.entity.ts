import { defineEntity, p } from '@mikro-orm/core';
import { timestamps, uuidPrimaryKey } from './columns.ts';
import { Tenant } from './tenant.entity.ts';
import { WhatsAppContact } from './whatsapp-contact.entity.ts';
import { tenantScoped } from './tenant-scope.ts';

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

/**
 * The readable text of a stored message, whatever its kind (text, buttons, list choice, template), as SQL over the
 * table (or an alias of it). The console's search filters on it.
 */
export function messageTextSql(alias?: string): string {
  const body = alias ? `${alias}.body` : 'body';
  const type = alias ? `${alias}.type` : 'type';
  return `coalesce(${body}->'text'->>'body', ${body}->'interactive'->'body'->>'text', ${body}->'interactive'->'button_reply'->>'title', ${body}->'interactive'->'list_reply'->>'title', ${body}->'button'->>'text', ${body}->'template'->>'name', '[' || ${type} || ']')`;
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
    body: p.json<Record<string, unknown>>(),
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
  ],
});
export class WhatsAppMessage extends WhatsAppMessageSchema.class {}
WhatsAppMessageSchema.setClass(WhatsAppMessage);
