import { defineEntity, p } from '@mikro-orm/core';
import { Tenant } from './tenant.entity.ts';
import { User } from './user.entity.ts';
import { tenantScoped } from './tenant-scope.ts';

export const ProjectSchema = defineEntity({
  name: 'Project',
  tableName: 'projects',
  ...tenantScoped,
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    tenant: () => p.manyToOne(Tenant).mapToPk().deleteRule('cascade'),
    owner: () => p.manyToOne(User).mapToPk().deleteRule('cascade'),
    name: p.string().length(200),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
  uniques: [{ properties: ['tenant', 'owner', 'name'] }],
});
export class Project extends ProjectSchema.class {}
ProjectSchema.setClass(Project);
