import { Migration } from '@mikro-orm/migrations';

/** The trace of each outbound message, so delivery statuses arriving later link to it (docs/operations.md). */
export class Migration20261125000006TraceParent extends Migration {
  override name = 'Migration20261125000006TraceParent';

  override up(): void | Promise<void> {
    this.addSql(`alter table "whatsapp_messages" add "trace_parent" varchar(64) null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "whatsapp_messages" drop column "trace_parent";`);
  }
}
