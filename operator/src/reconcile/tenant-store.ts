import type { EntityManager, MikroORM } from '@taskline/core';
import type { ResolvedSpec } from './spec-defaults.ts';

/**
 * The tenant's row in PostgreSQL, kept in step with its resource: created or updated (only when a field
 * differs), marked deleted by the finalizer and purged once its retention has passed.
 */
type Em = EntityManager;

export type TenantRowChange = 'created' | 'updated' | 'unchanged';

interface Row {
  id: string;
  display_name: string;
  unknown_numbers: string;
  timezone: string;
  status: string;
  retention_days: number;
}

export class TenantStore {
  private readonly orm: MikroORM;
  /** What recordIntegration last wrote per tenant. */
  private readonly recorded = new Map<string, string>();

  constructor(orm: MikroORM) {
    this.orm = orm;
  }

  async ensure(spec: ResolvedSpec): Promise<{ id: string; change: TenantRowChange }> {
    const em = this.orm.em.fork();
    const wanted = {
      display_name: spec.displayName,
      unknown_numbers: spec.messaging.unknownNumbers,
      timezone: spec.assistant.timezone,
      status: spec.suspend ? 'suspended' : 'active',
      retention_days: spec.messaging.retentionDays,
    };
    const [row] = await em.execute<Row[]>(
      'select id, display_name, unknown_numbers, timezone, status, retention_days from tenants where slug = ?',
      [spec.tenant],
    );
    if (!row) {
      const [created] = await em.execute<{ id: string }[]>(
        `insert into tenants (id, slug, display_name, unknown_numbers, timezone, status, retention_days, created_at, updated_at)
         values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, now(), now())
         on conflict (slug) do update set status = excluded.status, deleted_at = null, updated_at = now()
         returning id`,
        [
          spec.tenant,
          wanted.display_name,
          wanted.unknown_numbers,
          wanted.timezone,
          wanted.status,
          wanted.retention_days,
        ],
      );
      await this.ensureNumber(em, created!.id, spec);
      return { id: created!.id, change: 'created' };
    }
    const numberChanged = await this.ensureNumber(em, row.id, spec);
    const same = (Object.keys(wanted) as (keyof typeof wanted)[]).every((key) => row[key] === wanted[key]);
    if (same) return { id: row.id, change: numberChanged ? 'updated' : 'unchanged' };
    await em.execute(
      `update tenants set display_name = ?, unknown_numbers = ?, timezone = ?, status = ?, retention_days = ?,
         deleted_at = null, updated_at = now() where id = ?`,
      [
        wanted.display_name,
        wanted.unknown_numbers,
        wanted.timezone,
        wanted.status,
        wanted.retention_days,
        row.id,
      ],
    );
    return { id: row.id, change: 'updated' };
  }

  /**
   * Keeps the tenant row's copy of the integration (spec and status, for the console) current. Written only when it
   * differs from what this process last wrote, so a steady state writes nothing after the first pass.
   */
  async recordIntegration(tenant: string, integration: Record<string, unknown>): Promise<void> {
    const text = JSON.stringify(integration);
    if (this.recorded.get(tenant) === text) return;
    await this.orm.em
      .fork()
      .execute(
        'update tenants set integration = ?::jsonb where slug = ? and integration is distinct from ?::jsonb',
        [text, tenant, text],
      );
    this.recorded.set(tenant, text);
  }

  /** The tenant's business number (whatsapp_configs); true when it had to be written. */
  private async ensureNumber(em: Em, tenantId: string, spec: ResolvedSpec): Promise<boolean> {
    const businessAccountId = spec.businessAccountId ?? null;
    const [row] = await em.execute<
      { id: string; phone_number_id: string; business_account_id: string | null }[]
    >('select id, phone_number_id, business_account_id from whatsapp_configs where tenant_id = ?', [
      tenantId,
    ]);
    if (row && row.phone_number_id === spec.phoneNumberId && row.business_account_id === businessAccountId) {
      return false;
    }
    if (row) {
      await em.execute(
        'update whatsapp_configs set phone_number_id = ?, business_account_id = ?, updated_at = now() where id = ?',
        [spec.phoneNumberId, businessAccountId, row.id],
      );
    } else {
      await em.execute(
        `insert into whatsapp_configs (id, tenant_id, phone_number_id, business_account_id, created_at, updated_at)
         values (gen_random_uuid(), ?, ?, ?, now(), now())`,
        [tenantId, spec.phoneNumberId, businessAccountId],
      );
    }
    return true;
  }

  /** Marks the tenant deleted; its data stays for `retention_days`. */
  async markDeleted(tenant: string): Promise<void> {
    await this.orm.em
      .fork()
      .execute(
        `update tenants set status = 'deleted', deleted_at = coalesce(deleted_at, now()), updated_at = now() where slug = ?`,
        [tenant],
      );
  }

  /** Deletes tenants (and, by cascade, all their data) deleted longer ago than their retention. */
  async purgeExpired(now = new Date()): Promise<string[]> {
    const rows = await this.orm.em.fork().execute<{ slug: string }[]>(
      `delete from tenants where status = 'deleted'
           and deleted_at < ?::timestamptz - make_interval(days => retention_days) returning slug`,
      [now.toISOString()],
    );
    return rows.map((row) => row.slug);
  }
}
