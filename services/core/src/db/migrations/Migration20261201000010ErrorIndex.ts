import { Migration } from '@mikro-orm/migrations';

/**
 * Tenant health reads the last hour's send errors by code (services/core/src/analytics/health.ts). Without this
 * partial index it walked every row of the last day to find the few with an error: 330 ms at 1M rows.
 */
export class Migration20261201000010ErrorIndex extends Migration {
  override name = 'Migration20261201000010ErrorIndex';

  override up(): void | Promise<void> {
    this.addSql(
      `create index "whatsapp_messages_errors_index" on "whatsapp_messages" ("tenant_id", "updated_at") where error is not null;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index if exists "whatsapp_messages_errors_index";`);
  }
}
