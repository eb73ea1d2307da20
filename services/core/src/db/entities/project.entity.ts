import { defineEntity, p } from '@mikro-orm/core';
import { timestamps, uuidPrimaryKey } from './columns.ts';
import { Tenant } from './tenant.entity.ts';
import { User } from './user.entity.ts';
import { tenantScoped } from './tenant-scope.ts';

export const ProjectSchema = defineEntity({
  name: 'Project',
  tableName: 'projects',
  ...tenantScoped,
  properties: {
    ...uuidPrimaryKey(),
    tenant: () => p.manyToOne(Tenant).mapToPk().deleteRule('cascade'),
    owner: () => p.manyToOne(User).mapToPk().deleteRule('cascade'),
    name: p.string().length(200),
    ...timestamps(),
  },
  uniques: [{ properties: ['tenant', 'owner', 'name'] }],
});
export class Project extends ProjectSchema.class {}
ProjectSchema.setClass(Project);
