import { Tenant, User, WhatsAppConfig, WhatsAppContact } from './entities.ts';
import { inTenant, type MikroORM } from './orm.ts';

export interface SeedUser {
  name: string;
  /** E.164 (`+` and digits) or a Meta business-scoped user id. */
  phone?: string;
  waUserId?: string;
}

export interface SeedInput {
  tenant: string;
  displayName?: string;
  phoneNumberId: string;
  unknownNumbers?: 'reject' | 'onboard';
  timezone?: string;
  users: SeedUser[];
}

export interface SeedResult {
  tenantId: string;
  created: { tenant: boolean; users: number };
}

/**
 * Creates or updates a tenant, its WhatsApp number and its mapped users. Idempotent: a user is matched by phone
 * or user id, so running the same seed twice changes nothing.
 */
export async function seedTenant(orm: MikroORM, input: SeedInput): Promise<SeedResult> {
  const em = orm.em.fork();
  let tenant = await em.findOne(Tenant, { slug: input.tenant });
  const createdTenant = !tenant;
  tenant ??= em.create(Tenant, { slug: input.tenant, displayName: input.displayName ?? input.tenant });
  if (input.displayName) tenant.displayName = input.displayName;
  if (input.unknownNumbers) tenant.unknownNumbers = input.unknownNumbers;
  if (input.timezone) tenant.timezone = input.timezone;
  await em.flush();
  const tenantId = tenant.id;

  const createdUsers = await inTenant(orm, tenantId, async (tx) => {
    const config = await tx.findOne(WhatsAppConfig, { tenant: tenantId });
    if (config) config.phoneNumberId = input.phoneNumberId;
    else tx.create(WhatsAppConfig, { tenant: tenantId, phoneNumberId: input.phoneNumberId });

    let created = 0;
    for (const seed of input.users) {
      const identity = [
        ...(seed.phone ? [{ phone: seed.phone }] : []),
        ...(seed.waUserId ? [{ waUserId: seed.waUserId }] : []),
      ];
      if (identity.length === 0)
        throw new RangeError(`user "${seed.name}" needs a phone number or a user id`);
      const contact = await tx.findOne(WhatsAppContact, { tenant: tenantId, $or: identity });
      if (contact) {
        const user = await tx.findOneOrFail(User, { id: contact.user, tenant: tenantId });
        user.displayName = seed.name;
        continue;
      }
      const user = tx.create(User, { tenant: tenantId, displayName: seed.name });
      tx.create(WhatsAppContact, {
        tenant: tenantId,
        user: user.id,
        phone: seed.phone ?? null,
        waUserId: seed.waUserId ?? null,
      });
      created += 1;
    }
    await tx.flush();
    return created;
  });
  return { tenantId, created: { tenant: createdTenant, users: createdUsers } };
}
