import { Migration } from '@mikro-orm/migrations';

/** The per-tenant template that carries proactive messages outside the 24-hour window. */

export class Migration20261124000003ReminderTemplate extends Migration {
  override name = 'Migration20261124000003ReminderTemplate';

  override up(): void | Promise<void> {
    this.addSql(
      `alter table "tenants" add "reminder_template" varchar(512) null, add "reminder_template_language" varchar(16) null;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(
      `alter table "tenants" drop column "reminder_template", drop column "reminder_template_language";`,
    );
  }
}
