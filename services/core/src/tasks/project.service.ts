import type { EntityManager } from '@mikro-orm/postgresql';
import { Project } from '../db/entities.ts';
import type { TaskOwner } from './task.service.ts';

export async function listProjects(em: EntityManager, owner: TaskOwner): Promise<Project[]> {
  return em.find(Project, { tenant: owner.tenantId, owner: owner.userId }, { orderBy: { name: 'asc' } });
}

/** The owner's project with this name (case-insensitive), or null. */
export async function findProject(
  em: EntityManager,
  owner: TaskOwner,
  name: string,
): Promise<Project | null> {
  return em.findOne(Project, { tenant: owner.tenantId, owner: owner.userId, name: { $ilike: name.trim() } });
}

/** Returns the existing project of that name, or creates it; `created` says which. */
export async function ensureProject(
  em: EntityManager,
  owner: TaskOwner,
  name: string,
): Promise<{ project: Project; created: boolean }> {
  const clean = name.trim();
  if (clean.length === 0 || clean.length > 200)
    throw new RangeError('a project name must have 1 to 200 characters');
  const existing = await findProject(em, owner, clean);
  if (existing) return { project: existing, created: false };
  const project = em.create(Project, { tenant: owner.tenantId, owner: owner.userId, name: clean });
  await em.flush();
  return { project, created: true };
}
