/**
 * Row-level security shared by every tenant-scoped table: a row is visible and writable only while the
 * transaction's `app.tenant_id` setting names its tenant (see `inTenant` in ../orm.ts). FORCE applies it to the
 * table owner too; only superusers and BYPASSRLS roles (migrations, platform tooling) see across tenants.
 */
const CURRENT_TENANT = "nullif(current_setting('app.tenant_id', true), '')::uuid";

export const tenantScoped = {
  rowLevelSecurity: 'force' as const,
  policies: [
    {
      name: 'tenant_isolation',
      using: `tenant_id = ${CURRENT_TENANT}`,
      check: `tenant_id = ${CURRENT_TENANT}`,
    },
  ],
};
