import { timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { Counter, Histogram, type Registry } from 'prom-client';
import {
  type Attributes,
  SpanKind,
  contextFrom,
  inSpan,
  pseudonym,
  traceHeaders,
  AppError,
  msgIds,
  registerOpsRoutes,
  subjects,
  toAppError,
  verifySignature,
  webhookEnvelopeSchema,
  type Logger,
  type ReadinessCheck,
  type WebhookConfig,
  type Publisher,
} from '@taskline/core';
import { extractEvents, issues } from './events.ts';
import type { SignatureFailureReporter } from './security-reports.ts';

export interface WebhookDeps {
  config: Pick<
    WebhookConfig,
    'TENANT' | 'WHATSAPP_APP_SECRET' | 'WHATSAPP_VERIFY_TOKEN' | 'WEBHOOK_BODY_LIMIT'
  >;
  log: Logger;
  registry: Registry;
  publisher: Publisher;
  checks?: Record<string, ReadinessCheck>;
  isDraining?: () => boolean;
  /** Where signature failures are reported for the audit log. */
  signatureFailures?: Pick<SignatureFailureReporter, 'record'>;
}

/** Meta calls the URL registered for the app; both `/webhook` and `/` are served so either registration works. */
const PATHS = ['/webhook', '/'];

/**
 * The WhatsApp webhook of one tenant: Meta's verification handshake (GET) and signed deliveries (POST), published
 * to the tenant's JetStream stream. A POST is answered 200 only after every event has its PubAck, so an answered
 * delivery is never lost; anything else gets a status that tells Meta whether to retry (503) or not (4xx).
 */
export function buildApp(deps: WebhookDeps): FastifyInstance {
  const { config, log, publisher } = deps;
  const metrics = webhookMetrics(deps.registry);
  const s = subjects(config.TENANT);
  const app = Fastify({ logger: false, bodyLimit: config.WEBHOOK_BODY_LIMIT });

  // The signature covers the exact bytes Meta sent, so bodies stay raw buffers until it is checked. Any content
  // type is read: a forgery gets 401 and a signed non-JSON body 400, whatever header it came with.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.setErrorHandler((error: unknown, request, reply) => {
    const appError = fromFastifyError(error);
    if (appError.code === 'INTERNAL') log.error({ err: error, url: request.url }, 'webhook request failed');
    if (appError.code === 'PAYLOAD_TOO_LARGE') metrics.requests.inc({ outcome: 'too_large' });
    else if (appError.code === 'UNSUPPORTED_MEDIA_TYPE' || appError.code === 'BAD_REQUEST') {
      metrics.requests.inc({ outcome: 'bad_request' });
    }
    void reply.code(appError.status).send(appError.toJSON());
  });

  registerOpsRoutes(app, {
    registry: deps.registry,
    checks: deps.checks ?? {},
    isDraining: deps.isDraining ?? (() => false),
  });

  const verify = async (request: FastifyRequest, reply: FastifyReply) => {
    const query = request.query as Record<string, string | undefined>;
    const token = query['hub.verify_token'];
    if (query['hub.mode'] !== 'subscribe' || !token || !sameSecret(token, config.WHATSAPP_VERIFY_TOKEN)) {
      metrics.requests.inc({ outcome: 'verify_forbidden' });
      throw new AppError(
        'FORBIDDEN',
        'hub.mode must be "subscribe" and hub.verify_token must match the verify token',
      );
    }
    const challenge = query['hub.challenge'];
    if (!challenge) throw new AppError('BAD_REQUEST', 'hub.challenge is missing');
    metrics.requests.inc({ outcome: 'verify_ok' });
    return reply.type('text/plain').send(challenge);
  };

  const receive = (request: FastifyRequest, reply: FastifyReply) =>
    inSpan(
      'webhook.receive',
      {
        kind: SpanKind.SERVER,
        parent: contextFrom((key) => header(request, key)),
        attributes: {
          'taskline.tenant': config.TENANT,
          'http.request.method': 'POST',
          'url.path': request.url,
        },
      },
      () => handleDelivery(request, reply),
    );

  const handleDelivery = async (request: FastifyRequest, reply: FastifyReply) => {
    const end = metrics.duration.startTimer();
    try {
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      if (!verifySignature(raw, header(request, 'x-hub-signature-256'), config.WHATSAPP_APP_SECRET)) {
        metrics.requests.inc({ outcome: 'bad_signature' });
        deps.signatureFailures?.record(request.ip);
        log.warn({ ip: request.ip }, 'webhook rejected: missing or invalid X-Hub-Signature-256');
        throw new AppError('UNAUTHORIZED', 'missing or invalid X-Hub-Signature-256');
      }
      const envelope = webhookEnvelopeSchema.safeParse(parseJson(raw));
      if (!envelope.success) {
        throw new AppError('BAD_REQUEST', 'the body is not a WhatsApp Business Account webhook', {
          details: issues(envelope.error),
        });
      }
      const { events, problems } = extractEvents(envelope.data, config.TENANT, new Date());
      if (problems.length > 0) {
        throw new AppError('BAD_REQUEST', 'the webhook payload does not have the Cloud API shape', {
          details: problems,
        });
      }
      if (events.skipped.length > 0)
        log.info({ skipped: events.skipped }, 'webhook changes accepted, not published');

      try {
        const publish = (subject: string, body: object, msgId: string, attributes: () => Attributes) =>
          inSpan(
            'jetstream.publish',
            {
              kind: SpanKind.PRODUCER,
              attributes: () => ({ ...attributes(), 'messaging.destination.name': subject }),
            },
            () => publisher.publish(subject, JSON.stringify(body), msgId, traceHeaders()),
          );
        const acks = await Promise.all([
          ...events.inbound.map((e) =>
            publish(s.inbound, e, msgIds.inbound(e), () => ({
              'taskline.wamid': e.wamid,
              'taskline.message.type': e.type,
              'taskline.user': pseudonym(e.userId ?? e.from ?? ''),
            })),
          ),
          ...events.statuses.map((e) =>
            publish(s.status, e, msgIds.status(e), () => ({
              'taskline.wamid': e.wamid,
              'taskline.status': e.status,
            })),
          ),
        ]);
        acks.forEach((ack, i) =>
          metrics.published.inc({
            kind: i < events.inbound.length ? 'inbound' : 'status',
            duplicate: String(ack.duplicate),
          }),
        );
      } catch (error) {
        metrics.requests.inc({ outcome: 'unavailable' });
        log.error({ err: error }, 'JetStream did not acknowledge: answering 503 so Meta retries');
        void reply.header('retry-after', '5');
        throw new AppError('DEPENDENCY_UNAVAILABLE', 'the message queue is unavailable; retry later', {
          cause: error,
        });
      }
      metrics.requests.inc({ outcome: 'ok' });
      return reply.code(200).send({ status: 'ok' });
    } finally {
      end();
    }
  };

  for (const path of PATHS) {
    app.get(path, verify);
    app.post(path, receive);
  }
  return app;
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch (error) {
    throw new AppError(
      'BAD_REQUEST',
      `malformed JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Fastify's own errors (body too large, unsupported media type, bad content) become AppErrors. */
function fromFastifyError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const statusCode = (error as { statusCode?: unknown }).statusCode;
  const message = error instanceof Error ? error.message : String(error);
  switch (statusCode) {
    case 413:
      return new AppError('PAYLOAD_TOO_LARGE', message, { cause: error });
    case 415:
      return new AppError('UNSUPPORTED_MEDIA_TYPE', `${message}; send application/json`, { cause: error });
    case 400:
      return new AppError('BAD_REQUEST', message, { cause: error });
    default:
      return toAppError(error);
  }
}

function webhookMetrics(registry: Registry) {
  return {
    requests: new Counter({
      name: 'taskline_webhook_requests_total',
      help: 'Webhook requests by outcome',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    published: new Counter({
      name: 'taskline_webhook_events_published_total',
      help: 'Events published to JetStream, by kind and whether JetStream found them duplicate',
      labelNames: ['kind', 'duplicate'],
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'taskline_webhook_request_seconds',
      help: 'Time to verify, validate and publish one webhook delivery',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers: [registry],
    }),
  };
}
