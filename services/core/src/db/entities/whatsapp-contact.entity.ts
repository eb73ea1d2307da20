import { defineEntity, p } from '@mikro-orm/core';
import { timestamps, uuidPrimaryKey } from './columns.ts';
import { Tenant } from './tenant.entity.ts';
import { User } from './user.entity.ts';
import { tenantScoped } from './tenant-scope.ts';

/**
 * The mapping WhatsApp user -> platform user. Keyed by Meta's business-scoped `user_id` when known; the phone
 * number is an optional attribute because a username user may withhold it. Either one matches a sender.
 */
export const WhatsAppContactSchema = defineEntity({
  name: 'WhatsAppContact',
  tableName: 'whatsapp_contacts',
  ...tenantScoped,
  properties: {
    ...uuidPrimaryKey(),
    tenant: () => p.manyToOne(Tenant).mapToPk().deleteRule('cascade'),
    user: () => p.manyToOne(User).mapToPk().deleteRule('cascade'),
    waUserId: p.string().length(128).nullable(),
    /** E.164, `+` and digits. */
    phone: p.string().length(20).nullable(),
    profileName: p.string().length(200).nullable(),
    status: p.enum(['active', 'disabled'] as const).default('active'),
    /** When this contact last wrote: free-form messages are allowed for 24 hours after. */
    lastSeenAt: p.datetime().nullable(),
    ...timestamps(),
  },
  uniques: [{ properties: ['tenant', 'waUserId'] }, { properties: ['tenant', 'phone'] }],
  checks: [
    { name: 'whatsapp_contacts_identity_check', expression: 'wa_user_id is not null or phone is not null' },
  ],
});
export class WhatsAppContact extends WhatsAppContactSchema.class {}
WhatsAppContactSchema.setClass(WhatsAppContact);
