import { Migration } from '@mikro-orm/migrations';

/** Marks a reply whose send was started, so a sender that died mid-call does not send it blindly again. */
export class Migration20261125000008SendStartedAt extends Migration {
  override name = 'Migration20261125000008SendStartedAt';

  override up(): void | Promise<void> {
    this.addSql(`alter table "whatsapp_messages" add column "send_started_at" timestamptz null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "whatsapp_messages" drop column if exists "send_started_at";`);
  }
}
