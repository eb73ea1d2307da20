import { Migration } from '@mikro-orm/migrations';

/** The foundation schema: tenants, WhatsApp numbers and contacts, users, projects, tasks, messages; RLS on all. */
export class Migration20261124000001Initial extends Migration {
  override name = 'Migration20261124000001Initial';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "tenants" ("id" uuid not null, "slug" varchar(63) not null, "display_name" varchar(200) not null, "unknown_numbers" text not null default 'reject', "timezone" varchar(64) not null default 'UTC', "status" text not null default 'active', "created_at" timestamptz not null, "updated_at" timestamptz not null, "deleted_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(`alter table "tenants" add constraint "tenants_slug_unique" unique ("slug");`);
    this.addSql(
      `alter table "tenants" add constraint "tenants_unknown_numbers_check" check ("unknown_numbers" in ('reject', 'onboard'));`,
    );
    this.addSql(
      `alter table "tenants" add constraint "tenants_status_check" check ("status" in ('active', 'suspended', 'deleted'));`,
    );

    this.addSql(
      `create table "users" ("id" uuid not null, "tenant_id" uuid not null, "display_name" varchar(200) not null, "email" varchar(320) null, "timezone" varchar(64) null, "language" varchar(8) null, "status" text not null default 'active', "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "users" add constraint "users_status_check" check ("status" in ('active', 'disabled'));`,
    );

    this.addSql(
      `create table "projects" ("id" uuid not null, "tenant_id" uuid not null, "owner_id" uuid not null, "name" varchar(200) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "projects" add constraint "projects_tenant_id_owner_id_name_unique" unique ("tenant_id", "owner_id", "name");`,
    );

    this.addSql(
      `create table "tasks" ("id" uuid not null, "tenant_id" uuid not null, "owner_id" uuid not null, "project_id" uuid null, "title" varchar(500) not null, "status" text not null default 'open', "priority" text null, "due_at" timestamptz null, "due_all_day" boolean not null default false, "completed_at" timestamptz null, "source_wamid" varchar(128) null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "tasks_tenant_id_owner_id_status_index" on "tasks" ("tenant_id", "owner_id", "status");`,
    );
    this.addSql(
      `alter table "tasks" add constraint "tasks_tenant_id_source_wamid_unique" unique ("tenant_id", "source_wamid");`,
    );
    this.addSql(
      `alter table "tasks" add constraint "tasks_status_check" check ("status" in ('open', 'done'));`,
    );
    this.addSql(
      `alter table "tasks" add constraint "tasks_priority_check" check ("priority" in ('low', 'medium', 'high', 'urgent'));`,
    );

    this.addSql(
      `create table "whatsapp_configs" ("id" uuid not null, "tenant_id" uuid not null, "phone_number_id" varchar(64) not null, "business_account_id" varchar(64) null, "display_phone_number" varchar(32) null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "whatsapp_configs" add constraint "whatsapp_configs_phone_number_id_unique" unique ("phone_number_id");`,
    );

    this.addSql(
      `create table "whatsapp_contacts" ("id" uuid not null, "tenant_id" uuid not null, "user_id" uuid not null, "wa_user_id" varchar(128) null, "phone" varchar(20) null, "profile_name" varchar(200) null, "status" text not null default 'active', "last_seen_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "whatsapp_contacts" add constraint "whatsapp_contacts_tenant_id_wa_user_id_unique" unique ("tenant_id", "wa_user_id");`,
    );
    this.addSql(
      `alter table "whatsapp_contacts" add constraint "whatsapp_contacts_tenant_id_phone_unique" unique ("tenant_id", "phone");`,
    );
    this.addSql(
      `alter table "whatsapp_contacts" add constraint "whatsapp_contacts_identity_check" check (wa_user_id is not null or phone is not null);`,
    );
    this.addSql(
      `alter table "whatsapp_contacts" add constraint "whatsapp_contacts_status_check" check ("status" in ('active', 'disabled'));`,
    );

    this.addSql(
      `create table "whatsapp_messages" ("id" uuid not null, "tenant_id" uuid not null, "direction" text not null, "wamid" varchar(128) null, "reply_key" varchar(160) null, "in_reply_to" varchar(128) null, "contact_id" uuid null, "peer" varchar(128) not null, "type" varchar(32) not null, "body" jsonb not null, "status" text not null, "status_history" jsonb not null, "error" jsonb null, "attempts" int not null default 0, "sent_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "whatsapp_messages_tenant_id_in_reply_to_index" on "whatsapp_messages" ("tenant_id", "in_reply_to");`,
    );
    this.addSql(
      `create index "whatsapp_messages_tenant_id_created_at_index" on "whatsapp_messages" ("tenant_id", "created_at");`,
    );
    this.addSql(
      `alter table "whatsapp_messages" add constraint "whatsapp_messages_tenant_id_wamid_unique" unique ("tenant_id", "wamid");`,
    );
    this.addSql(
      `alter table "whatsapp_messages" add constraint "whatsapp_messages_tenant_id_reply_key_unique" unique ("tenant_id", "reply_key");`,
    );
    this.addSql(
      `alter table "whatsapp_messages" add constraint "whatsapp_messages_direction_check" check ("direction" in ('in', 'out'));`,
    );
    this.addSql(
      `alter table "whatsapp_messages" add constraint "whatsapp_messages_status_check" check ("status" in ('received', 'processed', 'queued', 'accepted', 'sent', 'failed', 'delivered', 'read'));`,
    );

    this.addSql(
      `alter table "users" add constraint "users_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on delete cascade;`,
    );

    this.addSql(
      `alter table "projects" add constraint "projects_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "projects" add constraint "projects_owner_id_foreign" foreign key ("owner_id") references "users" ("id") on delete cascade;`,
    );

    this.addSql(
      `alter table "tasks" add constraint "tasks_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "tasks" add constraint "tasks_owner_id_foreign" foreign key ("owner_id") references "users" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "tasks" add constraint "tasks_project_id_foreign" foreign key ("project_id") references "projects" ("id") on delete set null;`,
    );

    this.addSql(
      `alter table "whatsapp_configs" add constraint "whatsapp_configs_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on delete cascade;`,
    );

    this.addSql(
      `alter table "whatsapp_contacts" add constraint "whatsapp_contacts_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "whatsapp_contacts" add constraint "whatsapp_contacts_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`,
    );

    this.addSql(
      `alter table "whatsapp_messages" add constraint "whatsapp_messages_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "whatsapp_messages" add constraint "whatsapp_messages_contact_id_foreign" foreign key ("contact_id") references "whatsapp_contacts" ("id") on delete set null;`,
    );

    this.addSql(`alter table "users" enable row level security;`);
    this.addSql(`alter table "users" force row level security;`);
    this.addSql(
      `create policy "tenant_isolation" on "users" using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);`,
    );
    this.addSql(`alter table "projects" enable row level security;`);
    this.addSql(`alter table "projects" force row level security;`);
    this.addSql(
      `create policy "tenant_isolation" on "projects" using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);`,
    );
    this.addSql(`alter table "tasks" enable row level security;`);
    this.addSql(`alter table "tasks" force row level security;`);
    this.addSql(
      `create policy "tenant_isolation" on "tasks" using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);`,
    );
    this.addSql(`alter table "whatsapp_configs" enable row level security;`);
    this.addSql(`alter table "whatsapp_configs" force row level security;`);
    this.addSql(
      `create policy "tenant_isolation" on "whatsapp_configs" using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);`,
    );
    this.addSql(`alter table "whatsapp_contacts" enable row level security;`);
    this.addSql(`alter table "whatsapp_contacts" force row level security;`);
    this.addSql(
      `create policy "tenant_isolation" on "whatsapp_contacts" using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);`,
    );
    this.addSql(`alter table "whatsapp_messages" enable row level security;`);
    this.addSql(`alter table "whatsapp_messages" force row level security;`);
    this.addSql(
      `create policy "tenant_isolation" on "whatsapp_messages" using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);`,
    );
    // The role tenant-scoped transactions run as (see APP_ROLE in ../orm.ts). Roles are cluster-wide, so
    // another database of the same server may have created it already.
    this.addSql(
      `do $$ begin if not exists (select 1 from pg_roles where rolname = 'taskline_app') then create role taskline_app nologin; end if; end $$;`,
    );
    this.addSql(`grant usage on schema public to taskline_app;`);
    this.addSql(`grant select, insert, update, delete on all tables in schema public to taskline_app;`);
    this.addSql(
      `alter default privileges in schema public grant select, insert, update, delete on tables to taskline_app;`,
    );
    // A non-superuser migrating user must be a member of the role to switch to it.
    this.addSql(
      `do $$ begin if not (select rolsuper from pg_roles where rolname = current_user) then execute format('grant taskline_app to %I', current_user); end if; end $$;`,
    );
  }
}
