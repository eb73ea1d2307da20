import { defineEntity, p } from '@mikro-orm/core';
import { uuidPrimaryKey } from './columns.ts';
import { Tenant } from './tenant.entity.ts';
import { tenantScoped } from './tenant-scope.ts';

/**
 * One tenant's messaging in one hour, rolled up from whatsapp_messages (../../analytics/rollup.ts): re-rolling an
 * hour rewrites the same row. The console's charts read these, never the raw messages.
 */
export const MessageAnalyticsSchema = defineEntity({
  name: 'MessageAnalytics',
  tableName: 'message_analytics',
  ...tenantScoped,
  properties: {
    ...uuidPrimaryKey(),
    tenant: () => p.manyToOne(Tenant).mapToPk().deleteRule('cascade'),
    hour: p.datetime(),
    received: p.integer().default(0),
    sent: p.integer().default(0),
    delivered: p.integer().default(0),
    read: p.integer().default(0),
    failed: p.integer().default(0),
    activeUsers: p.integer().default(0),
    conversations: p.integer().default(0),
    /** Inbound message to its reply accepted by the Cloud API, in milliseconds. */
    medianResponseMs: p.integer().nullable(),
    p95ResponseMs: p.integer().nullable().fieldName('p95_response_ms'),
    updatedAt: p.datetime().onCreate(() => new Date()),
  },
  uniques: [{ properties: ['tenant', 'hour'] }],
});
export class MessageAnalytics extends MessageAnalyticsSchema.class {}
MessageAnalyticsSchema.setClass(MessageAnalytics);
