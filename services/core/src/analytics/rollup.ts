import type { EntityManager } from '@mikro-orm/postgresql';
import { inTenant, type MikroORM } from '../db/orm.ts';

/**
 * Hourly analytics of one tenant, computed from whatsapp_messages and tasks and written with an upsert keyed by
 * (tenant, hour): rolling an hour up again rewrites the same row with the same figures, so the job can run as
 * often as it likes and catch late delivery statuses. Times are UTC hours.
 */
export const startOfHour = (date: Date): Date => {
  const hour = new Date(date);
  hour.setUTCMinutes(0, 0, 0);
  return hour;
};

const MESSAGES = `
with window_ as (select ?::timestamptz as from_, ?::timestamptz + interval '1 hour' as to_),
inbound as (
  select m.* from whatsapp_messages m, window_ w
  where m.tenant_id = ? and m.direction = 'in' and m.created_at >= w.from_ and m.created_at < w.to_
),
outbound as (
  select m.* from whatsapp_messages m, window_ w
  where m.tenant_id = ? and m.direction = 'out' and m.created_at >= w.from_ and m.created_at < w.to_
),
responses as (
  select extract(epoch from (o.sent_at - i.created_at)) * 1000 as ms
  from outbound o join whatsapp_messages i
    on i.tenant_id = o.tenant_id and i.wamid = o.in_reply_to and i.direction = 'in'
  where o.sent_at is not null
)
insert into message_analytics (id, tenant_id, hour, received, sent, delivered, read, failed, active_users,
  conversations, median_response_ms, p95_response_ms, updated_at)
select gen_random_uuid(), ?, ?::timestamptz,
  (select count(*) from inbound),
  (select count(*) from outbound where sent_at is not null),
  (select count(*) from outbound where status in ('delivered', 'read')),
  (select count(*) from outbound where status = 'read'),
  (select count(*) from outbound where status = 'failed'),
  (select count(distinct contact_id) from inbound where contact_id is not null),
  (select count(distinct peer) from (select peer from inbound union select peer from outbound) p),
  (select round(percentile_cont(0.5) within group (order by ms)) from responses),
  (select round(percentile_cont(0.95) within group (order by ms)) from responses),
  now()
on conflict (tenant_id, hour) do update set
  received = excluded.received, sent = excluded.sent, delivered = excluded.delivered, read = excluded.read,
  failed = excluded.failed, active_users = excluded.active_users, conversations = excluded.conversations,
  median_response_ms = excluded.median_response_ms, p95_response_ms = excluded.p95_response_ms,
  updated_at = excluded.updated_at`;

/** Named hourly figures beside the message counts. */
const PERFORMANCE: Record<string, string> = {
  tasks_created: `select count(*) from tasks where tenant_id = ? and created_at >= ? and created_at < ?`,
  tasks_completed: `select count(*) from tasks where tenant_id = ? and completed_at >= ? and completed_at < ?`,
  reminders_sent: `select count(*) from whatsapp_messages where tenant_id = ? and direction = 'out'
    and reply_key like 'reminder:%' and sent_at >= ? and sent_at < ?`,
  send_attempts: `select coalesce(sum(attempts), 0) from whatsapp_messages where tenant_id = ? and direction = 'out'
    and created_at >= ? and created_at < ?`,
};

export async function rollupHour(em: EntityManager, tenantId: string, hour: Date): Promise<void> {
  const from = startOfHour(hour);
  const to = new Date(from.getTime() + 3600_000);
  const at = from.toISOString();
  await em.execute(MESSAGES, [at, at, tenantId, tenantId, tenantId, at]);
  for (const [metric, sql] of Object.entries(PERFORMANCE)) {
    await em.execute(
      `insert into performance_metrics (id, tenant_id, hour, metric, value, updated_at)
       select gen_random_uuid(), ?, ?::timestamptz, ?, (${sql}), now()
       on conflict (tenant_id, hour, metric) do update set value = excluded.value, updated_at = excluded.updated_at`,
      [tenantId, at, metric, tenantId, at, to.toISOString()],
    );
  }
}

/**
 * Rolls up the current and the previous hour (late statuses land in the previous one) and drops analytics
 * older than `retentionDays`. Runs as the tenant, under row-level security.
 */
export async function rollupRecent(orm: MikroORM, tenantId: string, now = new Date(), retentionDays = 400) {
  await inTenant(orm, tenantId, async (em) => {
    const current = startOfHour(now);
    await rollupHour(em, tenantId, new Date(current.getTime() - 3600_000));
    await rollupHour(em, tenantId, current);
    const cutoff = new Date(current.getTime() - retentionDays * 24 * 3600_000).toISOString();
    await em.execute('delete from message_analytics where tenant_id = ? and hour < ?', [tenantId, cutoff]);
    await em.execute('delete from performance_metrics where tenant_id = ? and hour < ?', [tenantId, cutoff]);
  });
}
