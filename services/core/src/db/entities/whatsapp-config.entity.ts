import { defineEntity, p } from '@mikro-orm/core';
import { Tenant } from './tenant.entity.ts';
import { tenantScoped } from './tenant-scope.ts';

/** A tenant's WhatsApp business number. Credentials live in Secrets, never here. */
export const WhatsAppConfigSchema = defineEntity({
  name: 'WhatsAppConfig',
  tableName: 'whatsapp_configs',
  ...tenantScoped,
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    tenant: () => p.manyToOne(Tenant).mapToPk().deleteRule('cascade'),
    phoneNumberId: p.string().length(64).unique(),
    businessAccountId: p.string().length(64).nullable(),
    displayPhoneNumber: p.string().length(32).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export class WhatsAppConfig extends WhatsAppConfigSchema.class {}
WhatsAppConfigSchema.setClass(WhatsAppConfig);
