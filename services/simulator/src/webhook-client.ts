import { post, signBody } from '@taskline/core';
import type { BusinessNumber } from './state.ts';

export interface DeliveryResult {
  status: number;
  body: string;
  attempts: number;
}

/**
 * Posts a webhook delivery to a tenant, signed with X-Hub-Signature-256 over the exact bytes sent, as Meta does.
 * Retries a delivery that did not get 200 `retries` more times with a growing delay (Meta retries for days).
 */
export async function deliverWebhook(
  number: BusinessNumber,
  payload: unknown,
  retries = 0,
): Promise<DeliveryResult> {
  const body = JSON.stringify(payload);
  let last: DeliveryResult = { status: 0, body: '', attempts: 0 };
  for (let attempt = 1; attempt <= retries + 1; attempt++) {
    try {
      const response = await post(
        number.webhookUrl,
        body,
        { 'content-type': 'application/json', 'x-hub-signature-256': signBody(body, number.appSecret) },
        10_000,
      );
      last = { status: response.status, body: response.body, attempts: attempt };
      if (response.status === 200) return last;
    } catch (error) {
      last = { status: 0, body: error instanceof Error ? error.message : String(error), attempts: attempt };
    }
    if (attempt <= retries) await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** (attempt - 1)));
  }
  return last;
}

/** The envelope Meta wraps every change in. */
export function envelope(number: BusinessNumber, value: Record<string, unknown>) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            value: {
              messaging_product: 'whatsapp',
              metadata: {
                display_phone_number: number.displayPhoneNumber,
                phone_number_id: number.phoneNumberId,
              },
              ...value,
            },
            field: 'messages',
          },
        ],
      },
    ],
  };
}
