import type { FastifyInstance } from 'fastify';
import type { Counter } from 'prom-client';
import { z } from 'zod';
import { AppError } from '@taskline/core';
import { newWamid, normalizePeer, type SimulatorState } from '../state.ts';
import { deliverWebhook, envelope } from '../webhook-client.ts';

const numberSchema = z.object({
  phoneNumberId: z.string().regex(/^\d+$/, 'must be numeric'),
  accessToken: z.string().min(1),
  appSecret: z.string().min(1),
  webhookUrl: z.url(),
  displayPhoneNumber: z.string().regex(/^\d+$/).default('15550783881'),
});

const inboundSchema = z
  .object({
    phoneNumberId: z.string().optional(),
    text: z.string().min(1).max(4096).optional(),
    reply: z
      .object({ id: z.string().min(1), title: z.string().min(1), kind: z.enum(['button', 'list']) })
      .optional(),
    type: z.string().optional(),
    userId: z
      .string()
      .regex(/^[A-Z]{2}\.\d+$/, 'must look like PT.88231409655302749921')
      .optional(),
    profileName: z.string().max(200).optional(),
    withholdPhone: z.boolean().optional(),
    context: z.string().optional(),
    /** Deliver the same signed body this many times, as Meta does when it retries. */
    duplicate: z.number().int().min(1).max(10).optional(),
    /** Retry a delivery the webhook did not answer 200 this many times, with a growing delay, as Meta does. */
    retries: z.number().int().min(0).max(10).optional(),
  })
  .refine((b) => b.text || b.reply || b.type, 'give text, reply or type');

const faultSchema = z.object({
  mode: z.enum(['rate_limit', 'server_error', 'outside_window', 'token_expired', 'latency']),
  count: z.number().int().positive().optional(),
  phoneNumberId: z.string().optional(),
  latencyMs: z.number().int().min(0).max(60_000).optional(),
  requests: z.enum(['send', 'mark_read', 'all']).optional(),
});

const settingsSchema = z.object({
  sendStatuses: z.boolean().optional(),
  statusDelaysMs: z
    .object({
      sent: z.number().int().min(0),
      delivered: z.number().int().min(0),
      read: z.number().int().min(0),
    })
    .optional(),
  enforceWindow: z.boolean().optional(),
});

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const details = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  throw new AppError('BAD_REQUEST', details.map((d) => `${d.path || 'body'}: ${d.message}`).join('; '), {
    details,
  });
}

/** The simulator's own API under `/_sim`: numbers, simulated phones, conversations, faults and settings. */
export function registerControlRoutes(app: FastifyInstance, state: SimulatorState, webhooks: Counter): void {
  const numberFor = (phoneNumberId: string | undefined) => {
    const number = phoneNumberId ? state.numbers.get(phoneNumberId) : state.soleNumber();
    if (number) return number;
    throw new AppError(
      'NOT_FOUND',
      phoneNumberId
        ? `no business number ${phoneNumberId} is registered (POST /_sim/numbers)`
        : `give phoneNumberId: ${state.numbers.size} numbers are registered`,
    );
  };

  app.post('/_sim/numbers', async (request, reply) => {
    const number = parse(numberSchema, request.body);
    const existed = state.register(number);
    return reply.code(existed ? 200 : 201).send({ ...number, accessToken: '[set]', appSecret: '[set]' });
  });

  app.get('/_sim/numbers', () =>
    [...state.numbers.values()].map((n) => ({ phoneNumberId: n.phoneNumberId, webhookUrl: n.webhookUrl })),
  );

  app.post<{ Params: { phone: string } }>('/_sim/phones/:phone/messages', async (request, reply) => {
    const input = parse(inboundSchema, request.body);
    const number = numberFor(input.phoneNumberId);
    const waId = normalizePeer(request.params.phone);
    if (!/^\d{6,15}$/.test(waId))
      throw new AppError('BAD_REQUEST', `"${request.params.phone}" is not a phone number`);
    const withhold = input.withholdPhone === true;
    if (withhold && !input.userId) throw new AppError('BAD_REQUEST', 'withholdPhone needs a userId');
    const peer = withhold ? input.userId! : waId;
    const wamid = newWamid(waId);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const message: Record<string, unknown> = {
      ...(withhold ? {} : { from: waId }),
      id: wamid,
      timestamp,
      ...(input.context ? { context: { from: number.displayPhoneNumber, id: input.context } } : {}),
      ...content(input),
      ...(input.userId ? { from_user_id: input.userId } : {}),
    };
    const contact = {
      profile: { name: input.profileName ?? 'Test Phone' },
      ...(withhold ? {} : { wa_id: waId }),
      ...(input.userId ? { user_id: input.userId } : {}),
    };
    const payload = envelope(number, { contacts: [contact], messages: [message] });
    state.add(number.phoneNumberId, peer, {
      direction: 'in',
      wamid,
      type: String(message.type),
      text: input.text ?? input.reply?.title,
      at: new Date().toISOString(),
      statuses: [],
      body: message,
    });
    const deliveries = [];
    for (let i = 0; i < (input.duplicate ?? 1); i++)
      deliveries.push(await deliverWebhook(number, payload, input.retries ?? 0));
    const last = deliveries.at(-1)!;
    webhooks.inc({ kind: 'inbound', result: String(last.status) });
    if (last.status !== 200) {
      return reply.code(502).send({
        error: {
          code: 'WEBHOOK_REFUSED',
          message: `the webhook answered ${last.status || 'nothing'}: ${last.body}`,
        },
        wamid,
        webhookStatus: last.status,
      });
    }
    return reply
      .code(201)
      .send({ wamid, webhookStatus: last.status, deliveries: deliveries.length, body: payload });
  });

  app.get<{ Params: { phone: string }; Querystring: { phoneNumberId?: string } }>(
    '/_sim/phones/:phone/conversation',
    (request) => {
      const number = numberFor(request.query.phoneNumberId);
      const peer = normalizePeer(request.params.phone);
      return {
        phoneNumberId: number.phoneNumberId,
        peer,
        messages: state.conversation(number.phoneNumberId, peer),
      };
    },
  );

  app.get<{
    Params: { phone: string };
    Querystring: { phoneNumberId?: string; after?: string; timeoutMs?: string };
  }>('/_sim/phones/:phone/wait', async (request, reply) => {
    const number = numberFor(request.query.phoneNumberId);
    const peer = normalizePeer(request.params.phone);
    const after = Number(request.query.after ?? 0);
    const timeoutMs = Math.min(Number(request.query.timeoutMs ?? 10_000), 60_000);
    if (!Number.isInteger(after) || after < 0 || !Number.isFinite(timeoutMs)) {
      throw new AppError('BAD_REQUEST', 'after must be a count of messages and timeoutMs a number');
    }
    const arrived = await state.waitForOutbound(number.phoneNumberId, peer, after, timeoutMs);
    const messages = state.conversation(number.phoneNumberId, peer);
    return reply.code(arrived ? 200 : 408).send({ arrived, messages });
  });

  app.get<{ Querystring: { phoneNumberId?: string } }>('/_sim/messages', (request) => ({
    messages: state.outbound(request.query.phoneNumberId),
  }));

  app.get('/_sim/faults', () => ({ faults: state.faults }));
  app.put('/_sim/faults', (request) => {
    state.faults.push(parse(faultSchema, request.body));
    return { faults: state.faults };
  });
  app.delete('/_sim/faults', () => {
    state.faults = [];
    return { faults: [] };
  });

  app.get('/_sim/settings', () => state.settings);
  app.put('/_sim/settings', (request) => {
    state.settings = { ...state.settings, ...parse(settingsSchema, request.body) };
    return state.settings;
  });

  app.delete('/_sim/state', () => {
    state.reset();
    return { status: 'reset' };
  });
}

/** The type-specific part of an inbound message, shaped like the samples. */
function content(input: z.infer<typeof inboundSchema>): Record<string, unknown> {
  if (input.reply) {
    const reply = { id: input.reply.id, title: input.reply.title };
    return input.reply.kind === 'button'
      ? { type: 'interactive', interactive: { type: 'button_reply', button_reply: reply } }
      : { type: 'interactive', interactive: { type: 'list_reply', list_reply: reply } };
  }
  if (input.text && (!input.type || input.type === 'text'))
    return { type: 'text', text: { body: input.text } };
  const type = input.type ?? 'text';
  switch (type) {
    case 'image':
    case 'audio':
    case 'video':
    case 'document':
    case 'sticker':
      return {
        type,
        [type]: {
          id: String(Date.now()),
          mime_type: type === 'audio' ? 'audio/ogg; codecs=opus' : 'image/jpeg',
          sha256: 'c2ltdWxhdG9y',
          ...(input.text ? { caption: input.text } : {}),
        },
      };
    case 'location':
      return { type, location: { latitude: -23.5505, longitude: -46.6333, name: 'São Paulo' } };
    default:
      return {
        type: 'unsupported',
        errors: [{ code: 131051, title: 'Message type unknown', message: 'Message type unknown' }],
      };
  }
}
