import { randomBytes } from 'node:crypto';

/** Graph API error bodies exactly as the Cloud API sends them (../shared/whatsapp/samples/send-response-error-*). */
export interface GraphErrorReply {
  status: number;
  body: { error: Record<string, unknown> };
}

const trace = () => randomBytes(17).toString('base64url').slice(0, 23);

function graphError(
  status: number,
  code: number,
  message: string,
  details?: string,
  type = 'OAuthException',
) {
  return {
    status,
    body: {
      error: {
        message,
        type,
        code,
        ...(details ? { error_data: { messaging_product: 'whatsapp', details } } : {}),
        fbtrace_id: trace(),
      },
    },
  } satisfies GraphErrorReply;
}

export const graphErrors = {
  tokenInvalid: () =>
    graphError(
      401,
      190,
      'Error validating access token: Session has expired or the token is invalid.',
      undefined,
    ),
  unknownNumber: (id: string) =>
    graphError(
      400,
      100,
      `Unsupported post request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
      undefined,
      'GraphMethodException',
    ),
  invalidParameter: (details: string) => graphError(400, 100, '(#100) Invalid parameter', details),
  rateLimited: () =>
    graphError(429, 130429, '(#130429) Rate limit hit', 'Cloud API message throughput has been reached.'),
  serverError: () =>
    graphError(
      500,
      131000,
      'Something went wrong',
      'Something went wrong. Please try again later.',
      'OAuthException',
    ),
  outsideWindow: () =>
    graphError(
      400,
      131047,
      '(#131047) Re-engagement message',
      'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
    ),
};
