import type { KubeObject } from '../kube/client.ts';
import { condition, type ConditionInput } from './conditions.ts';
import { hash } from './desired.ts';
import type { ResolvedSpec } from './spec-defaults.ts';

/** The keys the tenant's credentials Secret must hold, and what each is for. */
export const CREDENTIAL_KEYS = {
  accessToken: 'the Cloud API access token',
  appSecret: 'the Meta app secret (webhook signatures, at least 8 characters)',
  verifyToken: 'the webhook verification token',
} as const;

export interface CredentialsCheck {
  condition: ConditionInput;
  /** Changes whenever a value the pods read changes; never the values themselves. */
  hash: string;
}

type SecretLookup = (name: string) => KubeObject | undefined;

/** Checks the referenced Secrets and says exactly which Secret or key is missing. */
export function checkCredentials(spec: ResolvedSpec, secret: SecretLookup): CredentialsCheck {
  const ref = spec.credentialsSecretRef.name;
  const credentials = secret(ref);
  if (!credentials) {
    return {
      condition: condition(
        'CredentialsValid',
        'False',
        'SecretNotFound',
        `Secret "${ref}" not found in the resource namespace`,
      ),
      hash: '',
    };
  }
  const data = (credentials.data ?? {}) as Record<string, string>;
  const value = (key: string) => (data[key] ? Buffer.from(data[key], 'base64').toString('utf8') : '');
  const missing = Object.keys(CREDENTIAL_KEYS).filter((key) => value(key).trim() === '');
  if (missing.length > 0) {
    const what = missing.map((key) => `"${key}" (${CREDENTIAL_KEYS[key as keyof typeof CREDENTIAL_KEYS]})`);
    return {
      condition: condition(
        'CredentialsValid',
        'False',
        'SecretKeyMissing',
        `Secret "${ref}" has no key ${what.join(', ')}`,
      ),
      hash: '',
    };
  }
  if (value('appSecret').length < 8) {
    return {
      condition: condition(
        'CredentialsValid',
        'False',
        'SecretKeyInvalid',
        `Secret "${ref}" key "appSecret" must be at least 8 characters`,
      ),
      hash: '',
    };
  }
  const parts = Object.keys(CREDENTIAL_KEYS).map((key) => `${key}=${data[key]}`);
  const apiKeyRef = spec.assistant.apiKeySecretRef;
  if (apiKeyRef) {
    const apiKey = secret(apiKeyRef.name);
    const encoded = (apiKey?.data as Record<string, string> | undefined)?.[apiKeyRef.key];
    if (!encoded) {
      const reason = apiKey ? 'SecretKeyMissing' : 'SecretNotFound';
      const message = apiKey
        ? `Secret "${apiKeyRef.name}" has no key "${apiKeyRef.key}" (spec.assistant.apiKeySecretRef)`
        : `Secret "${apiKeyRef.name}" not found (spec.assistant.apiKeySecretRef)`;
      return { condition: condition('CredentialsValid', 'False', reason, message), hash: '' };
    }
    parts.push(`llm=${encoded}`);
  }
  return {
    condition: condition('CredentialsValid', 'True', 'SecretFound', `Secret "${ref}" holds every key`),
    hash: hash(parts.join('\n')),
  };
}
