import { CHILD_KINDS, CRD, EVENT, LEASE, SECRET, groupOf, type KindInfo } from './kinds.ts';
import { GROUP, PLURAL } from './schema.ts';

/**
 * The operator's RBAC, generated from what it touches (./kinds.ts) so the two cannot drift. Cluster-wide rules
 * go to a ClusterRole; Leases (leader election) to a Role in the operator's namespace. Secrets are read only:
 * the operator hashes the referenced Secret into pod templates and never copies it.
 */
export interface PolicyRule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
}

const WRITE = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];
const READ = ['get', 'list', 'watch'];

function byGroup(kinds: readonly KindInfo[], verbs: string[]): PolicyRule[] {
  const groups = new Map<string, string[]>();
  for (const info of kinds) groups.set(groupOf(info), [...(groups.get(groupOf(info)) ?? []), info.plural]);
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([group, resources]) => ({ apiGroups: [group], resources: [...resources].sort(), verbs }));
}

export function clusterRules(): PolicyRule[] {
  return [
    { apiGroups: [GROUP], resources: [PLURAL], verbs: ['get', 'list', 'watch', 'update', 'patch'] },
    {
      apiGroups: [GROUP],
      resources: [`${PLURAL}/status`, `${PLURAL}/finalizers`],
      verbs: ['get', 'update', 'patch'],
    },
    ...byGroup(Object.values(CHILD_KINDS), WRITE),
    ...byGroup([SECRET], READ),
    { apiGroups: [groupOf(CRD)], resources: [CRD.plural], verbs: ['get', 'list', 'watch'] },
    { apiGroups: [groupOf(EVENT)], resources: [EVENT.plural], verbs: ['create', 'patch'] },
  ];
}

export function leaderElectionRules(): PolicyRule[] {
  return [
    {
      apiGroups: [groupOf(LEASE)],
      resources: [LEASE.plural],
      verbs: ['get', 'list', 'watch', 'create', 'update', 'patch'],
    },
  ];
}
