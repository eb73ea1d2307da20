import { Migration } from '@mikro-orm/migrations';

/** How long a deleted tenant's data is kept before the operator purges it (spec.messaging.retentionDays). */
export class Migration20261125000004TenantRetention extends Migration {
  override name = 'Migration20261125000004TenantRetention';

  override up(): void | Promise<void> {
    this.addSql(`alter table "tenants" add "retention_days" int not null default 90;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "tenants" drop column "retention_days";`);
  }
}
