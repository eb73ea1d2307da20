export { startWorker, type WorkerDeps, type RunningWorker } from './worker.ts';
export { handleInbound, type InboundResult } from './inbound.handler.ts';
export { handleStatus } from './status.handler.ts';
export { CloudApiClient, classify, type SendResult } from './sender/cloud-api.client.ts';
