export { buildApp, type WebhookDeps } from './app.ts';
export { extractEvents, type ExtractedEvents } from './events.ts';
