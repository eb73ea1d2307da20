import { z } from 'zod';
import { AppError, WhatsAppConfig, inTenant } from '@taskline/core';
import { audit } from '../audit.ts';
import { principalOf, tenantFor } from '../context.ts';
import { tenantParams, type Routes } from './types.ts';

const phone = z.string().regex(/^\+?[1-9]\d{6,14}$/, 'must be a phone number: optional + and 7 to 15 digits');

/**
 * The console's test phone: chats with the tenant's assistant through the WhatsApp simulator (development only;
 * hidden when SIMULATOR_URL is unset). The simulator signs and delivers the webhook like Meta would.
 */
export const testPhoneRoutes: Routes = (api, ctx) => {
  const simulator = async (path: string, init?: RequestInit) => {
    if (!ctx.config.SIMULATOR_URL)
      throw new AppError('NOT_FOUND', 'the test phone is off (SIMULATOR_URL is not set)');
    let response: Response;
    try {
      response = await fetch(new URL(path, ctx.config.SIMULATOR_URL), {
        ...init,
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      throw new AppError(
        'DEPENDENCY_UNAVAILABLE',
        `the simulator did not answer: ${(error as Error).message}`,
      );
    }
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (!response.ok) {
      const message =
        (body.error as { message?: string } | undefined)?.message ?? `status ${response.status}`;
      throw new AppError('UPSTREAM_TRANSIENT', `the simulator refused: ${message}`);
    }
    return body;
  };

  const numberOf = async (tenantId: string) => {
    const config = await inTenant(ctx.orm, tenantId, (em) =>
      em.findOne(WhatsAppConfig, { tenant: tenantId }),
    );
    if (!config) throw new AppError('CONFLICT', 'this tenant has no WhatsApp number configured');
    return config.phoneNumberId;
  };

  api.post(
    '/tenants/:tenant/test-phone/messages',
    {
      schema: {
        tags: ['test phone'],
        summary: "Send a message from a test phone to the tenant's assistant",
        params: tenantParams,
        body: z.object({
          phone,
          text: z.string().trim().min(1).max(4096),
          profileName: z.string().max(100).optional(),
        }),
      },
    },
    async (request, reply) => {
      const tenant = await tenantFor(ctx, request, 'write');
      const phoneNumberId = await numberOf(tenant.id);
      const digits = request.body.phone.replace(/^\+/, '');
      const sent = await simulator(`/_sim/phones/${digits}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          phoneNumberId,
          text: request.body.text,
          profileName: request.body.profileName ?? 'Test Phone',
        }),
      });
      await audit(ctx.orm, request, principalOf(request), {
        action: 'test-phone.send',
        outcome: 'success',
        tenantId: tenant.id,
        target: `phone:+${digits}`,
      });
      return reply.code(201).send({ wamid: sent.wamid });
    },
  );

  api.get(
    '/tenants/:tenant/test-phone/conversation',
    {
      schema: {
        tags: ['test phone'],
        summary: "The test phone's conversation as the simulator saw it",
        params: tenantParams,
        querystring: z.object({ phone }),
      },
    },
    async (request) => {
      const tenant = await tenantFor(ctx, request, 'read');
      const phoneNumberId = await numberOf(tenant.id);
      const digits = request.query.phone.replace(/^\+/, '');
      const conversation = await simulator(
        `/_sim/phones/${digits}/conversation?phoneNumberId=${phoneNumberId}`,
      );
      return { messages: conversation.messages ?? [] };
    },
  );
};
