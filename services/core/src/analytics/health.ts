import type { JetStreamManager } from '@nats-io/jetstream';
import { CONSUMERS, streamName, subjects } from '../nats/subjects.ts';
import { inTenant, type MikroORM } from '../db/orm.ts';

/**
 * A tenant's health at a glance (the console's overview and `taskline health`): the last messages each way,
 * the last hour's reply failures and Cloud API error codes, and the queue behind the worker.
 */
export interface TenantHealth {
  tenant: string;
  status: 'healthy' | 'degraded' | 'failing';
  problems: string[];
  lastInboundAt: string | null;
  lastOutboundAt: string | null;
  lastHour: {
    received: number;
    replies: number;
    failed: number;
    errorRate: number;
    errorCodes: Record<string, number>;
  };
  queue: { pending: number; unacknowledged: number; redelivered: number; deadLetters: number } | null;
}

const ERROR_RATE_DEGRADED = 0.05;
const ERROR_RATE_FAILING = 0.25;
const LAG_DEGRADED = 100;

export async function tenantHealth(
  orm: MikroORM,
  jsm: JetStreamManager | undefined,
  tenant: { id: string; slug: string },
  now = new Date(),
): Promise<TenantHealth> {
  const since = new Date(now.getTime() - 3600_000).toISOString();
  const figures = await inTenant(orm, tenant.id, async (em) => {
    // Newest first through the (tenant_id, created_at) index, looking back a week at most: a tenant whose replies
    // all fail must not make this scan its whole history.
    const weekAgo = new Date(now.getTime() - 7 * 86_400_000).toISOString();
    const [last] = await em.execute<{ inbound: Date | null; outbound: Date | null }[]>(
      `select (select created_at from whatsapp_messages where tenant_id = ? and direction = 'in'
               and created_at <= ? and created_at >= ? order by created_at desc limit 1) as inbound,
              (select sent_at from whatsapp_messages where tenant_id = ? and direction = 'out' and sent_at is not null
               and created_at <= ? and created_at >= ? order by created_at desc limit 1) as outbound`,
      [tenant.id, now.toISOString(), weekAgo, tenant.id, now.toISOString(), weekAgo],
    );
    const [hour] = await em.execute<{ received: string; replies: string; failed: string }[]>(
      `select count(*) filter (where direction = 'in') as received,
              count(*) filter (where direction = 'out') as replies,
              count(*) filter (where direction = 'out' and status = 'failed') as failed
       from whatsapp_messages where tenant_id = ? and created_at >= ? and created_at <= ?`,
      [tenant.id, since, now.toISOString()],
    );
    // Through the partial index of failed rows (migrations 000010, 000012): only rows with an error are read. The
    // replies of the hour, like the failed count above.
    const codes = await em.execute<{ code: string; count: string }[]>(
      `select error->>'code' as code, count(*) as count from whatsapp_messages
       where tenant_id = ? and error is not null and created_at >= ? and created_at <= ? and direction = 'out'
       group by 1`,
      [tenant.id, since, now.toISOString()],
    );
    return { last, hour, codes };
  });
  let queue: TenantHealth['queue'] = null;
  const problems: string[] = [];
  if (jsm) {
    try {
      const stream = streamName(tenant.slug);
      const worker = await jsm.consumers.info(stream, CONSUMERS.worker);
      const dlq = subjects(tenant.slug).dlq;
      const info = await jsm.streams.info(stream, { subjects_filter: dlq });
      queue = {
        pending: worker.num_pending,
        unacknowledged: worker.num_ack_pending,
        redelivered: worker.num_redelivered,
        deadLetters: info.state.subjects?.[dlq] ?? 0,
      };
    } catch (error) {
      problems.push(`JetStream: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const replies = Number(figures.hour?.replies ?? 0);
  const failed = Number(figures.hour?.failed ?? 0);
  const errorRate = replies === 0 ? 0 : failed / replies;
  const errorCodes = Object.fromEntries(figures.codes.map((row) => [row.code, Number(row.count)]));
  if (errorCodes['190'])
    problems.push('the Cloud API rejects the access token (190): rotate the credentials');
  if (errorRate >= ERROR_RATE_DEGRADED)
    problems.push(`${(errorRate * 100).toFixed(0)}% of last hour's replies failed`);
  if (queue && queue.pending >= LAG_DEGRADED) problems.push(`${queue.pending} messages wait for the worker`);
  if (queue && queue.deadLetters > 0)
    problems.push(`${queue.deadLetters} messages in the dead-letter subject`);
  const failing =
    errorRate >= ERROR_RATE_FAILING ||
    Boolean(errorCodes['190']) ||
    problems.some((p) => p.startsWith('JetStream'));
  return {
    tenant: tenant.slug,
    status: failing ? 'failing' : problems.length > 0 ? 'degraded' : 'healthy',
    problems,
    lastInboundAt: figures.last?.inbound ? new Date(figures.last.inbound).toISOString() : null,
    lastOutboundAt: figures.last?.outbound ? new Date(figures.last.outbound).toISOString() : null,
    lastHour: { received: Number(figures.hour?.received ?? 0), replies, failed, errorRate, errorCodes },
    queue,
  };
}
