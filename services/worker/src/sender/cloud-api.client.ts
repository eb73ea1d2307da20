import {
  post,
  traceHeaders,
  type PostResult,
  graphErrorSchema,
  sendResponseSchema,
  type GraphError,
  type MarkReadRequest,
  type MessageContent,
} from '@taskline/core';

/** The result of one Cloud API call, already classified by what the sender must do next. */
export type SendResult =
  | { kind: 'accepted'; wamid: string; messageStatus: string }
  | {
      kind: 'retry';
      delayMs: number;
      code: number | null;
      reason: string;
      throttled?: boolean;
      /** The request may have reached the API (a timeout, a connection cut mid-way): it may have been sent. */
      uncertain?: boolean;
    }
  | { kind: 'permanent'; code: number | null; reason: string; credentials: boolean };

export interface CloudApiOptions {
  apiUrl: string;
  phoneNumberId: string;
  accessToken: string;
  timeoutMs?: number;
}

/** Error codes after which the same request may succeed later, with the least delay worth waiting. */
const RETRYABLE: Record<number, number> = {
  130429: 2000, // throughput of the number reached
  131056: 5000, // pair rate limit: too many messages to this user
  4: 5000, // app rate limit
  80007: 5000, // account rate limit
  131057: 3000, // number briefly unusable during an upgrade
  131000: 1000, // transient server error
  1: 1000,
  2: 1000,
};
const CREDENTIALS = new Set([190]);
/** Rate limits: the API is up and asks us to slow down; they never open the circuit. */
const THROTTLED = new Set([130429, 131056, 4, 80007]);

/**
 * A minimal client for `POST /{phone-number-id}/messages` of the WhatsApp Cloud API. It never throws for HTTP or
 * network failures: it classifies them (../shared/whatsapp/README.md, "What to do by code").
 */
export class CloudApiClient {
  readonly #options: CloudApiOptions;

  constructor(options: CloudApiOptions) {
    this.#options = options;
  }

  async sendMessage(
    to: string,
    content: MessageContent,
    contextId?: string,
    callbackData?: string,
  ): Promise<SendResult> {
    const body = {
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to,
      ...(contextId ? { context: { message_id: contextId } } : {}),
      ...(callbackData ? { biz_opaque_callback_data: callbackData } : {}),
      ...content,
    };
    return this.#post(body);
  }

  /** Marks an inbound message read, with the typing indicator while we work on the answer. */
  async markRead(wamid: string, typing = true): Promise<SendResult> {
    const body: MarkReadRequest = {
      messaging_product: 'whatsapp',
      status: 'read',
      message_id: wamid,
      ...(typing ? { typing_indicator: { type: 'text' as const } } : {}),
    };
    return this.#post(body);
  }

  async #post(body: unknown): Promise<SendResult> {
    const { apiUrl, phoneNumberId, accessToken, timeoutMs = 10_000 } = this.#options;
    let response: PostResult;
    try {
      response = await post(
        `${apiUrl.replace(/\/+$/, '')}/${phoneNumberId}/messages`,
        JSON.stringify(body),
        { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json', ...traceHeaders() },
        timeoutMs,
      );
    } catch (error) {
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      return {
        kind: 'retry',
        delayMs: 1000,
        code: null,
        reason: `network: ${reason}`,
        uncertain: !neverSent(error),
      };
    }
    const json = safeJson(response.body);
    if (response.status >= 200 && response.status < 300) {
      // Any 2xx was accepted: retrying it would send the message twice. Keep the wamid when the body has one.
      const parsed = sendResponseSchema.safeParse(json);
      const message = parsed.success ? parsed.data.messages[0] : undefined;
      return {
        kind: 'accepted',
        wamid: message?.id ?? '',
        messageStatus: message?.message_status ?? 'accepted',
      };
    }
    const graph = graphErrorSchema.safeParse(json);
    return classify(response.status, graph.success ? graph.data.error : undefined, response.body);
  }
}

export function classify(status: number, error: GraphError | undefined, raw = ''): SendResult {
  const code = error?.code ?? null;
  const reason = error
    ? `${error.code}: ${error.error_data?.details ?? error.message}${error.fbtrace_id ? ` (fbtrace_id ${error.fbtrace_id})` : ''}`
    : `HTTP ${status}: ${raw.slice(0, 200)}`;
  if (code !== null && code in RETRYABLE) {
    return { kind: 'retry', delayMs: RETRYABLE[code]!, code, reason, throttled: THROTTLED.has(code) };
  }
  if (code !== null && CREDENTIALS.has(code)) return { kind: 'permanent', code, reason, credentials: true };
  if (status === 429) return { kind: 'retry', delayMs: 2000, code, reason, throttled: true };
  if (status >= 500) return { kind: 'retry', delayMs: 1000, code, reason };
  return { kind: 'permanent', code, reason, credentials: status === 401 };
}

/** Connection errors that prove the request never left: nothing can have been sent. Anything else might have. */
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

function neverSent(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && NEVER_SENT.has(code);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
