import { defineEntity, p } from '@mikro-orm/core';
import { AdminAccount } from './admin-account.entity.ts';

/**
 * A signed-in console session. The cookie holds a random token; only its SHA-256 is stored, so a database
 * read does not yield usable sessions. `csrfToken` must come back in the X-CSRF-Token header of every change.
 */
export const AdminSessionSchema = defineEntity({
  name: 'AdminSession',
  tableName: 'admin_sessions',
  properties: {
    tokenHash: p.string().length(64).primary(),
    account: () => p.manyToOne(AdminAccount).mapToPk().deleteRule('cascade').index(),
    csrfToken: p.string().length(64),
    ip: p.string().length(64).nullable(),
    userAgent: p.string().length(500).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    lastSeenAt: p.datetime().onCreate(() => new Date()),
    expiresAt: p.datetime(),
  },
});
export class AdminSession extends AdminSessionSchema.class {}
AdminSessionSchema.setClass(AdminSession);
