import { defineEntity, p } from '@mikro-orm/core';
import { timestamps, uuidPrimaryKey } from './columns.ts';
import { Tenant } from './tenant.entity.ts';
import { tenantScoped } from './tenant-scope.ts';

/** A tenant's WhatsApp business number. Credentials live in Secrets, never here. */
export const WhatsAppConfigSchema = defineEntity({
  name: 'WhatsAppConfig',
  tableName: 'whatsapp_configs',
  ...tenantScoped,
  properties: {
    ...uuidPrimaryKey(),
    tenant: () => p.manyToOne(Tenant).mapToPk().deleteRule('cascade'),
    phoneNumberId: p.string().length(64).unique(),
    businessAccountId: p.string().length(64).nullable(),
    displayPhoneNumber: p.string().length(32).nullable(),
    ...timestamps(),
  },
});
export class WhatsAppConfig extends WhatsAppConfigSchema.class {}
WhatsAppConfigSchema.setClass(WhatsAppConfig);
