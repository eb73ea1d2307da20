import { Migration } from '@mikro-orm/migrations';

const TENANT = "nullif(current_setting('app.tenant_id', true), '')::uuid";

/**
 * The console: admin accounts and their sessions (never readable by the tenant role), the security audit log
 * (row-level security per tenant; platform entries have no tenant), the integration status the operator reports,
 * and the index behind a conversation view.
 */
export class Migration20261125000007Console extends Migration {
  override name = 'Migration20261125000007Console';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "security_audit_logs" ("id" uuid not null, "tenant_id" uuid null, "actor_id" uuid null, "actor" varchar(320) not null, "action" varchar(64) not null, "target" varchar(300) null, "outcome" text not null, "ip" varchar(64) null, "user_agent" varchar(500) null, "details" jsonb null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "security_audit_logs_tenant_id_created_at_index" on "security_audit_logs" ("tenant_id", "created_at");`,
    );
    this.addSql(
      `create index "security_audit_logs_created_at_index" on "security_audit_logs" ("created_at");`,
    );
    this.addSql(
      `create table "admin_accounts" ("id" uuid not null, "email" varchar(320) not null, "display_name" varchar(200) not null, "role" text not null, "tenant_id" uuid null, "password_hash" varchar(255) null, "oidc_issuer" varchar(500) null, "oidc_subject" varchar(255) null, "status" text not null default 'active', "failed_logins" int not null default 0, "locked_until" timestamptz null, "last_login_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "admin_accounts" add constraint "admin_accounts_email_unique" unique ("email");`,
    );
    this.addSql(
      `alter table "admin_accounts" add constraint "admin_accounts_oidc_issuer_oidc_subject_unique" unique ("oidc_issuer", "oidc_subject");`,
    );
    this.addSql(
      `create table "admin_sessions" ("token_hash" varchar(64) not null, "account_id" uuid not null, "csrf_token" varchar(64) not null, "ip" varchar(64) null, "user_agent" varchar(500) null, "created_at" timestamptz not null, "last_seen_at" timestamptz not null, "expires_at" timestamptz not null, primary key ("token_hash"));`,
    );
    this.addSql(`create index "admin_sessions_account_id_index" on "admin_sessions" ("account_id");`);
    this.addSql(`alter table "tenants" add "integration" jsonb null;`);
    this.addSql(
      `create index "whatsapp_messages_tenant_id_contact_id_created_at_index" on "whatsapp_messages" ("tenant_id", "contact_id", "created_at");`,
    );
    this.addSql(
      `alter table "security_audit_logs" add constraint "security_audit_logs_outcome_check" check ("outcome" in ('success', 'denied', 'failure'));`,
    );
    this.addSql(`alter table "security_audit_logs" enable row level security;`);
    this.addSql(`alter table "security_audit_logs" force row level security;`);
    this.addSql(
      `create policy "tenant_isolation" on "security_audit_logs" using (tenant_id = ${TENANT}) with check (tenant_id = ${TENANT});`,
    );
    this.addSql(
      `alter table "admin_accounts" add constraint "admin_accounts_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "admin_accounts" add constraint "admin_accounts_tenant_check" check ((role = 'platform-admin') = (tenant_id is null));`,
    );
    this.addSql(
      `alter table "admin_accounts" add constraint "admin_accounts_role_check" check ("role" in ('platform-admin', 'tenant-admin', 'tenant-viewer'));`,
    );
    this.addSql(
      `alter table "admin_accounts" add constraint "admin_accounts_status_check" check ("status" in ('active', 'disabled'));`,
    );
    this.addSql(
      `alter table "admin_sessions" add constraint "admin_sessions_account_id_foreign" foreign key ("account_id") references "admin_accounts" ("id") on delete cascade;`,
    );
    // Password hashes and session tokens stay out of reach of tenant transactions.
    this.addSql(`revoke all on "admin_accounts", "admin_sessions" from taskline_app;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index if exists "whatsapp_messages_tenant_id_contact_id_created_at_index";`);
    this.addSql(`alter table "tenants" drop column if exists "integration";`);
    this.addSql(`drop table if exists "admin_sessions" cascade;`);
    this.addSql(`drop table if exists "admin_accounts" cascade;`);
    this.addSql(`drop table if exists "security_audit_logs" cascade;`);
  }
}
