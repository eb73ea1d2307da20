import { User, WhatsAppContact, type EntityManager, type InboundEvent, type Tenant } from '@taskline/core';

export interface Sender {
  contact: WhatsAppContact;
  user: User;
}

/** `+` and digits, from a wa_id (digits only) or anything a human typed. */
export function toE164(phone: string): string {
  return `+${phone.replace(/\D/g, '')}`;
}

/**
 * Finds the platform user behind an inbound message: by Meta's business-scoped user id when the message has one,
 * else by phone number. A match by phone learns the user id (and the other way round), so identities converge
 * when Meta starts sending user ids. Returns null for an unknown or disabled sender unless the tenant onboards
 * unknown numbers, in which case a new user and mapping are created.
 */
export async function resolveSender(
  em: EntityManager,
  tenant: Tenant,
  event: InboundEvent,
): Promise<Sender | null> {
  const phone = event.from ? toE164(event.from) : undefined;
  const byUserId = event.userId
    ? await em.findOne(WhatsAppContact, { tenant: tenant.id, waUserId: event.userId })
    : null;
  const contact =
    byUserId ?? (phone ? await em.findOne(WhatsAppContact, { tenant: tenant.id, phone }) : null);

  if (contact) {
    if (contact.status !== 'active') return null;
    if (event.userId && !contact.waUserId) contact.waUserId = event.userId;
    if (phone && !contact.phone) contact.phone = phone;
    if (event.profileName) contact.profileName = event.profileName;
    contact.lastSeenAt = new Date();
    const user = await em.findOne(User, { id: contact.user, tenant: tenant.id });
    if (!user || user.status !== 'active') return null;
    return { contact, user };
  }

  if (tenant.unknownNumbers !== 'onboard') return null;
  const user = em.create(User, {
    tenant: tenant.id,
    displayName: event.profileName ?? phone ?? 'WhatsApp user',
  });
  const created = em.create(WhatsAppContact, {
    tenant: tenant.id,
    user: user.id,
    waUserId: event.userId ?? null,
    phone: phone ?? null,
    profileName: event.profileName ?? null,
    lastSeenAt: new Date(),
  });
  await em.flush();
  return { contact: created, user };
}
