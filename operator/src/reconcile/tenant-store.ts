import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import type { ResolvedSpec } from './spec-defaults.ts';

export type TenantRowChange = 'created' | 'updated' | 'unchanged';

interface Row {
  id: string;
  display_name: string;
  unknown_numbers: string;
  timezone: string;
  status: string;
  retention_days: number;
}

/**
 * The tenant's row in PostgreSQL, kept in step with its resource: created or updated (only when a field
 * differs), marked deleted by the finalizer and purged once its retention has passed. Plain `pg`: the operator
 * runs a handful of statements and does not load the ORM (docs/performance.md, operator memory).
 */
export class TenantStore {
  private readonly db: Pool;
  /** A digest of what recordIntegration last wrote per tenant (a digest, not the text: 1,000 tenants). */
  private readonly recorded = new Map<string, string>();

  constructor(db: Pool) {
    this.db = db;
  }

  async ensure(spec: ResolvedSpec): Promise<{ id: string; change: TenantRowChange }> {
    const wanted = {
      display_name: spec.displayName,
      unknown_numbers: spec.messaging.unknownNumbers,
      timezone: spec.assistant.timezone,
      status: spec.suspend ? 'suspended' : 'active',
      retention_days: spec.messaging.retentionDays,
    };
    const {
      rows: [row],
    } = await this.db.query<Row>(
      'select id, display_name, unknown_numbers, timezone, status, retention_days from tenants where slug = $1',
      [spec.tenant],
    );
    if (!row) {
      const {
        rows: [created],
      } = await this.db.query<{ id: string }>(
        `insert into tenants (id, slug, display_name, unknown_numbers, timezone, status, retention_days, created_at, updated_at)
         values (gen_random_uuid(), $1, $2, $3, $4, $5, $6, now(), now())
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
      await this.ensureNumber(created!.id, spec);
      return { id: created!.id, change: 'created' };
    }
    const numberChanged = await this.ensureNumber(row.id, spec);
    const same = (Object.keys(wanted) as (keyof typeof wanted)[]).every((key) => row[key] === wanted[key]);
    if (same) return { id: row.id, change: numberChanged ? 'updated' : 'unchanged' };
    await this.db.query(
      `update tenants set display_name = $1, unknown_numbers = $2, timezone = $3, status = $4, retention_days = $5,
         deleted_at = null, updated_at = now() where id = $6`,
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
    const digest = createHash('sha1').update(text).digest('base64');
    if (this.recorded.get(tenant) === digest) return;
    await this.db.query(
      'update tenants set integration = $1::jsonb where slug = $2 and integration is distinct from $1::jsonb',
      [text, tenant],
    );
    this.recorded.set(tenant, digest);
  }

  /** The tenant's business number (whatsapp_configs); true when it had to be written. */
  private async ensureNumber(tenantId: string, spec: ResolvedSpec): Promise<boolean> {
    const businessAccountId = spec.businessAccountId ?? null;
    const {
      rows: [row],
    } = await this.db.query<{ id: string; phone_number_id: string; business_account_id: string | null }>(
      'select id, phone_number_id, business_account_id from whatsapp_configs where tenant_id = $1',
      [tenantId],
    );
    if (row && row.phone_number_id === spec.phoneNumberId && row.business_account_id === businessAccountId) {
      return false;
    }
    if (row) {
      await this.db.query(
        'update whatsapp_configs set phone_number_id = $1, business_account_id = $2, updated_at = now() where id = $3',
        [spec.phoneNumberId, businessAccountId, row.id],
      );
    } else {
      await this.db.query(
        `insert into whatsapp_configs (id, tenant_id, phone_number_id, business_account_id, created_at, updated_at)
         values (gen_random_uuid(), $1, $2, $3, now(), now())`,
        [tenantId, spec.phoneNumberId, businessAccountId],
      );
    }
    return true;
  }

  /** Marks the tenant deleted; its data stays for `retention_days`. */
  async markDeleted(tenant: string): Promise<void> {
    await this.db.query(
      `update tenants set status = 'deleted', deleted_at = coalesce(deleted_at, now()), updated_at = now() where slug = $1`,
      [tenant],
    );
  }

  /** Deletes tenants (and, by cascade, all their data) deleted longer ago than their retention. */
  async purgeExpired(now = new Date()): Promise<string[]> {
    const { rows } = await this.db.query<{ slug: string }>(
      `delete from tenants where status = 'deleted'
           and deleted_at < $1::timestamptz - make_interval(days => retention_days) returning slug`,
      [now.toISOString()],
    );
    return rows.map((row) => row.slug);
  }
}
