import { Migration } from '@mikro-orm/migrations';

/**
 * Every delivery status and send result rewrites its message row. PostgreSQL can do that in place (a HOT update:
 * no new entry in any of the table's eight indexes, the word index included) only when no indexed column changes
 * and the page has room. The partial index of failed rows was keyed by `updated_at`, which every status changes:
 * it is now keyed by `created_at`, and pages keep 15% free for the rewrites (docs/performance.md).
 */
export class Migration20261202000012HotUpdates extends Migration {
  override name = 'Migration20261202000012HotUpdates';

  override up(): void | Promise<void> {
    this.addSql(`drop index if exists "whatsapp_messages_errors_index";`);
    this.addSql(
      `create index "whatsapp_messages_errors_index" on "whatsapp_messages" ("tenant_id", "created_at") where error is not null;`,
    );
    this.addSql(`alter table "whatsapp_messages" set (fillfactor = 85);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "whatsapp_messages" reset (fillfactor);`);
    this.addSql(`drop index if exists "whatsapp_messages_errors_index";`);
    this.addSql(
      `create index "whatsapp_messages_errors_index" on "whatsapp_messages" ("tenant_id", "updated_at") where error is not null;`,
    );
  }
}
