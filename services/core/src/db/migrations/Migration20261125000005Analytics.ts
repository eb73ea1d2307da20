import { Migration } from '@mikro-orm/migrations';

const TENANT = "nullif(current_setting('app.tenant_id', true), '')::uuid";

/** Hourly analytics rolled up from whatsapp_messages and tasks (services/core/src/analytics/rollup.ts). */
export class Migration20261125000005Analytics extends Migration {
  override name = 'Migration20261125000005Analytics';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "message_analytics" ("id" uuid not null, "tenant_id" uuid not null, "hour" timestamptz not null, "received" int not null default 0, "sent" int not null default 0, "delivered" int not null default 0, "read" int not null default 0, "failed" int not null default 0, "active_users" int not null default 0, "conversations" int not null default 0, "median_response_ms" int null, "p95_response_ms" int null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "message_analytics" add constraint "message_analytics_tenant_id_hour_unique" unique ("tenant_id", "hour");`,
    );
    this.addSql(
      `create table "performance_metrics" ("id" uuid not null, "tenant_id" uuid not null, "hour" timestamptz not null, "metric" varchar(64) not null, "value" double precision not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "performance_metrics" add constraint "performance_metrics_tenant_id_hour_metric_unique" unique ("tenant_id", "hour", "metric");`,
    );
    for (const table of ['message_analytics', 'performance_metrics']) {
      this.addSql(
        `alter table "${table}" add constraint "${table}_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on delete cascade;`,
      );
      this.addSql(`alter table "${table}" enable row level security;`);
      this.addSql(`alter table "${table}" force row level security;`);
      this.addSql(
        `create policy "tenant_isolation" on "${table}" using (tenant_id = ${TENANT}) with check (tenant_id = ${TENANT});`,
      );
    }
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "performance_metrics" cascade;`);
    this.addSql(`drop table if exists "message_analytics" cascade;`);
  }
}
