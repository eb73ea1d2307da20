import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './api-schema.d.ts';

/** An API error as the server explained it. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

let csrfToken = '';
export const setCsrfToken = (token: string) => {
  csrfToken = token;
};

/** Called when the session is gone (401): the shell shows the sign-in page. */
let onSignedOut: () => void = () => {};
export const whenSignedOut = (callback: () => void) => {
  onSignedOut = callback;
};

const csrf: Middleware = {
  onRequest({ request }) {
    if (request.method !== 'GET' && csrfToken) request.headers.set('x-csrf-token', csrfToken);
    return request;
  },
};

/** The typed client: paths and parameters come from the API's OpenAPI document. */
export const api = createClient<paths>({ baseUrl: location.origin, credentials: 'same-origin' });
api.use(csrf);

/** The data of a call, or an ApiError carrying the server's message. */
export function must<T>(result: { data?: unknown; error?: unknown; response: Response }): T {
  if (result.response.ok) return result.data as T;
  const body = result.error as { error?: { code?: string; message?: string } } | undefined;
  if (result.response.status === 401) onSignedOut();
  throw new ApiError(
    result.response.status,
    body?.error?.code ?? 'HTTP_ERROR',
    body?.error?.message ?? `the server answered ${result.response.status}`,
  );
}

export const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
