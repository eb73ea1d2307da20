import { describe, expect, it } from 'vitest';
import { runRole } from '../support/processes.ts';

describe('the taskline command', () => {
  it('lists the roles when asked for help', async () => {
    const { code, output } = await runRole('--help', [], {});
    expect(code).toBe(0);
    for (const role of ['webhook', 'worker', 'migrate', 'seed', 'simulator', 'api', 'operator', 'nlu']) {
      expect(output).toContain(role);
    }
  });

  it('reports every bad environment key at once and exits 2', async () => {
    const { code, output } = await runRole('webhook', [], {
      TENANT: 'Bad_Tenant',
      NATS_URL: 'http://nope',
      PORT: 'x',
    });
    expect(code).toBe(2);
    for (const key of ['TENANT', 'NATS_URL', 'PORT', 'WHATSAPP_APP_SECRET', 'WHATSAPP_VERIFY_TOKEN']) {
      expect(output).toContain(`${key}:`);
    }
  });

  it('exits 2 for an unknown role, and for an api start with bad settings, naming each', async () => {
    const unknown = await runRole('frobnicate', [], {});
    expect(unknown.code).toBe(2);
    expect(unknown.output).toContain('unknown role "frobnicate"');
    const api = await runRole('api', [], { ADMIN_EMAIL: 'not-an-email', ADMIN_PASSWORD: 'short', PORT: 'x' });
    expect(api.code).toBe(2);
    expect(api.output).toMatch(/ADMIN_EMAIL: must be an email address/);
    expect(api.output).toMatch(/ADMIN_PASSWORD: must be at least 12 characters/);
    expect(api.output).toMatch(/PORT:/);
    const oidc = await runRole('api', [], { OIDC_ISSUER: 'https://id.example.com' });
    expect(oidc.code).toBe(2);
    expect(oidc.output).toMatch(/set all four for OpenID Connect sign-in, or none/);
  });

  it('explains bad seed arguments and exits 2', async () => {
    const { code, output } = await runRole('seed', ['--tenant', 'acme', '--user', 'nobody'], {});
    expect(code).toBe(2);
    expect(output).toContain('--phone-number-id is required');
    expect(output).toContain('--user "nobody"');
  });
});
