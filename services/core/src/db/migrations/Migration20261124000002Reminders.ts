import { Migration } from '@mikro-orm/migrations';

/** Reminders (one-off and recurring) and the per-user opt-out of proactive messages. */

export class Migration20261124000002Reminders extends Migration {
  override name = 'Migration20261124000002Reminders';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "reminders" ("id" uuid not null, "tenant_id" uuid not null, "user_id" uuid not null, "task_id" uuid null, "remind_at" timestamptz not null, "recurrence" varchar(64) null, "status" text not null default 'pending', "sent_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "reminders_status_remind_at_index" on "reminders" ("status", "remind_at");`);

    this.addSql(`alter table "users" add "proactive_opt_out" boolean not null default false;`);

    this.addSql(
      `alter table "reminders" add constraint "reminders_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "reminders" add constraint "reminders_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "reminders" add constraint "reminders_task_id_foreign" foreign key ("task_id") references "tasks" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "reminders" add constraint "reminders_status_check" check ("status" in ('pending', 'sent', 'cancelled'));`,
    );
    this.addSql(`alter table "reminders" enable row level security;`);
    this.addSql(`alter table "reminders" force row level security;`);
    this.addSql(
      `create policy "tenant_isolation" on "reminders" using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "reminders" cascade;`);

    this.addSql(`alter table "users" drop column "proactive_opt_out";`);
  }
}
