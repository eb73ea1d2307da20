import type { FastifyInstance } from 'fastify';
import type { Counter } from 'prom-client';
import { markReadRequestSchema, sendMessageRequestSchema, type SendMessageRequest } from '@taskline/core';
import { graphErrors, type GraphErrorReply } from '../graph-errors.ts';
import { newWamid, normalizePeer, type BusinessNumber, type SimulatorState } from '../state.ts';
import { deliverWebhook, envelope } from '../webhook-client.ts';

const DAY_MS = 24 * 3600_000;

/** `POST /{version}/{phone-number-id}/messages`: what the worker's sender calls instead of graph.facebook.com. */
export function registerCloudApiRoutes(app: FastifyInstance, state: SimulatorState, requests: Counter): void {
  app.post<{ Params: { version: string; phoneNumberId: string } }>(
    '/:version/:phoneNumberId/messages',
    async (request, reply) => {
      const fail = (error: GraphErrorReply, outcome: string) => {
        requests.inc({ outcome, code: String(error.body.error.code) });
        return reply.code(error.status).send(error.body);
      };
      const number = state.numbers.get(request.params.phoneNumberId);
      if (!number) return fail(graphErrors.unknownNumber(request.params.phoneNumberId), 'unknown_number');
      if (request.headers.authorization !== `Bearer ${number.accessToken}`) {
        return fail(graphErrors.tokenInvalid(), 'bad_token');
      }

      const markRead = markReadRequestSchema.safeParse(request.body);
      const fault = state.takeFault(number.phoneNumberId, markRead.success ? 'mark_read' : 'send');
      if (fault?.mode === 'latency')
        await new Promise((resolve) => setTimeout(resolve, fault.latencyMs ?? 1000));
      if (fault?.mode === 'rate_limit') return fail(graphErrors.rateLimited(), 'fault');
      if (fault?.mode === 'server_error') return fail(graphErrors.serverError(), 'fault');
      if (fault?.mode === 'outside_window') return fail(graphErrors.outsideWindow(), 'fault');
      if (fault?.mode === 'token_expired') return fail(graphErrors.tokenInvalid(), 'fault');

      if (markRead.success) {
        const inbound = state.find(markRead.data.message_id);
        inbound?.statuses.push({
          status: markRead.data.typing_indicator ? 'read+typing' : 'read',
          at: now(),
        });
        requests.inc({ outcome: 'read', code: '200' });
        return { success: true };
      }
      const parsed = sendMessageRequestSchema.safeParse(request.body);
      if (!parsed.success) {
        const details = parsed.error.issues
          .map((i) => `${i.path.join('.') || 'body'}: ${i.message}`)
          .join('; ');
        return fail(graphErrors.invalidParameter(details), 'invalid');
      }
      const message = parsed.data;
      const peer = normalizePeer(message.to);
      if (state.settings.enforceWindow && message.type !== 'template') {
        const last = state.lastInboundAt(number.phoneNumberId, peer);
        if (!last || Date.now() - last.getTime() > DAY_MS) return fail(graphErrors.outsideWindow(), 'window');
      }

      const wamid = newWamid(peer);
      state.add(number.phoneNumberId, peer, {
        direction: 'out',
        wamid,
        type: message.type,
        ...describe(message),
        at: now(),
        statuses: [{ status: 'accepted', at: now() }],
        body: message,
      });
      requests.inc({ outcome: 'accepted', code: '200' });
      if (state.settings.sendStatuses)
        scheduleStatuses(state, number, wamid, message.to, message.biz_opaque_callback_data);
      return {
        messaging_product: 'whatsapp',
        contacts: [{ input: message.to, wa_id: peer }],
        messages: [{ id: wamid, message_status: 'accepted' }],
      };
    },
  );
}

/** The text a person would see, and the buttons or rows they could tap. */
function describe(message: SendMessageRequest): {
  text?: string;
  options?: string[];
  choices?: { id: string; title: string }[];
} {
  switch (message.type) {
    case 'text':
      return { text: message.text.body };
    case 'interactive': {
      const i = message.interactive;
      const choices =
        i.type === 'button'
          ? i.action.buttons.map((b) => ({ id: b.reply.id, title: b.reply.title }))
          : i.action.sections.flatMap((s) => s.rows.map((r) => ({ id: r.id, title: r.title })));
      return { text: i.body.text, options: choices.map((c) => c.title), choices };
    }
    case 'template':
      return { text: `[template ${message.template.name} (${message.template.language.code})]` };
  }
}

/** Sends sent, delivered and read status webhooks for an accepted message, signed, with retries. */
function scheduleStatuses(
  state: SimulatorState,
  number: BusinessNumber,
  wamid: string,
  to: string,
  callbackData: string | undefined,
): void {
  const delays = state.settings.statusDelaysMs;
  for (const status of ['sent', 'delivered', 'read'] as const) {
    setTimeout(() => {
      const timestamp = String(Math.floor(Date.now() / 1000));
      state.find(wamid)?.statuses.push({ status, at: now() });
      const payload = envelope(number, {
        statuses: [
          {
            id: wamid,
            status,
            timestamp,
            recipient_id: normalizePeer(to),
            ...(callbackData ? { biz_opaque_callback_data: callbackData } : {}),
            ...(status === 'read'
              ? {}
              : {
                  conversation: { id: `conv-${wamid.slice(6, 18)}`, origin: { type: 'service' } },
                  pricing: {
                    billable: false,
                    pricing_model: 'PMP',
                    category: 'service',
                    type: 'free_customer_service',
                  },
                }),
          },
        ],
      });
      // Meta retries status webhooks for days; 8 retries (about 25 s in all) outlast a queue restart here.
      void deliverWebhook(number, payload, 8);
    }, delays[status]).unref();
  }
}

const now = () => new Date().toISOString();
