/** The public API of @taskline/api: the app factory (tests, tooling) and its parts. */
export { buildApi, type ApiOptions } from './app.ts';
export { watchLive, type LiveFeed, type LiveSecond } from './live.ts';
export { hashPassword, verifyPassword } from './auth/password.ts';
export { ensureBootstrapAdmin } from './bootstrap.ts';
