/** The public API of @taskline/operator (for tests and benchmarks). Nothing here runs on import. */
export { startOperator, type OperatorDeps, type RunningOperator } from './operator.ts';
export { operatorConfigSchema, type OperatorConfig } from './config.ts';
export { createKube, loadKubeConfig, FIELD_MANAGER, type Kube, type KubeObject } from './kube/client.ts';
export { WorkQueue } from './controller/work-queue.ts';
export { customResourceDefinition, FINALIZER, API_VERSION, KIND } from './resource/schema.ts';
export { desiredChildren, childNames } from './reconcile/desired.ts';
export { resolveSpec } from './reconcile/spec-defaults.ts';
export { isSubset } from './reconcile/subset.ts';
