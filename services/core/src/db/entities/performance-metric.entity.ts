import { defineEntity, p } from '@mikro-orm/core';
import { uuidPrimaryKey } from './columns.ts';
import { Tenant } from './tenant.entity.ts';
import { tenantScoped } from './tenant-scope.ts';

/** One named hourly figure of a tenant (tasks created, reminders sent, ...), rolled up like message_analytics. */
export const PerformanceMetricSchema = defineEntity({
  name: 'PerformanceMetric',
  tableName: 'performance_metrics',
  ...tenantScoped,
  properties: {
    ...uuidPrimaryKey(),
    tenant: () => p.manyToOne(Tenant).mapToPk().deleteRule('cascade'),
    hour: p.datetime(),
    metric: p.string().length(64),
    value: p.double(),
    updatedAt: p.datetime().onCreate(() => new Date()),
  },
  uniques: [{ properties: ['tenant', 'hour', 'metric'] }],
});
export class PerformanceMetric extends PerformanceMetricSchema.class {}
PerformanceMetricSchema.setClass(PerformanceMetric);
