import { existsSync, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { generateKeyEntry, type NatsConnection } from '@taskline/core';
import { deleteStreams, freshDatabase, natsForTest, NATS_URL, uniqueTenant } from '../support/services.ts';
import { freePort, runRole, startRole, type RoleProcess } from '../support/processes.ts';
import { startOidcProvider, type LocalOidcProvider } from '../support/oidc-provider.ts';

/**
 * The console in a real browser (Debian's chromium driven by playwright-core) against real roles: api, webhook,
 * worker and the WhatsApp simulator, on the real PostgreSQL and NATS. Screenshots land in test-artifacts/.
 */
const CHROMIUM = '/usr/bin/chromium';
const ROOT = new URL('../../', import.meta.url).pathname;
const SHOTS = `${ROOT}test-artifacts/screenshots`;
const ADMIN = { email: 'platform@taskline.test', password: 'platform-password-123' };
const APP_SECRET = 'browser-app-secret-0123456789';
const PHONE_NUMBER_ID = String(300000000000000 + Math.floor(Math.random() * 1e9));
const TEST_PHONE = '+15550100001';

/** Bodies are sealed at rest by the worker and opened by the api with the same key. */
const ENCRYPTION_KEYS = generateKeyEntry('browser');

describe.skipIf(!existsSync(CHROMIUM))('the console in a browser', () => {
  const acme = uniqueTenant('acme');
  const globex = uniqueTenant('globex');
  const roles: RoleProcess[] = [];
  let api: RoleProcess;
  let nc: NatsConnection;
  let browser: Browser;
  let page: Page;
  let oidc: LocalOidcProvider;

  const shot = (name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  const signIn = async (email: string, password: string) => {
    await page.goto(api.url);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  };
  const signOut = () => page.getByRole('button', { name: 'Sign out' }).click();

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    if (!existsSync(`${ROOT}console/dist/index.html`)) {
      const build = spawnSync(process.execPath, [`${ROOT}node_modules/vite/bin/vite.js`, 'build'], {
        cwd: `${ROOT}console`,
      });
      expect(build.status, build.stderr.toString()).toBe(0);
    }
    const databaseUrl = await freshDatabase('browser');
    nc = await natsForTest();
    for (const [tenant, number] of [
      [acme, PHONE_NUMBER_ID],
      [globex, '399999999999'],
    ] as const) {
      const seeded = await runRole(
        'seed',
        ['--tenant', tenant, '--phone-number-id', number, '--user', `Ana Souza:+5511990000001`],
        {
          DATABASE_URL: databaseUrl,
        },
      );
      expect(seeded.code, seeded.output).toBe(0);
    }
    const webhookPort = await freePort();
    const simulator = await startRole('simulator', {
      SIMULATOR_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
      SIMULATOR_WEBHOOK_URL: `http://127.0.0.1:${webhookPort}/webhook`,
      WHATSAPP_APP_SECRET: APP_SECRET,
      WHATSAPP_ACCESS_TOKEN: 'browser-token',
    });
    roles.push(simulator);
    roles.push(
      await startRole(
        'webhook',
        { TENANT: acme, NATS_URL, WHATSAPP_APP_SECRET: APP_SECRET, WHATSAPP_VERIFY_TOKEN: 'v' },
        { port: webhookPort },
      ),
    );
    roles.push(
      await startRole('worker', {
        TENANT: acme,
        NATS_URL,
        DATABASE_URL: databaseUrl,
        WHATSAPP_ACCESS_TOKEN: 'browser-token',
        WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
        WHATSAPP_API_URL: `${simulator.url}/v24.0`,
        TASKLINE_ENCRYPTION_KEYS: ENCRYPTION_KEYS,
      }),
    );
    const apiPort = await freePort();
    oidc = await startOidcProvider(`http://127.0.0.1:${apiPort}/api/v1/auth/oidc/callback`);
    api = await startRole(
      'api',
      {
        NATS_URL,
        DATABASE_URL: databaseUrl,
        TASKLINE_ENCRYPTION_KEYS: ENCRYPTION_KEYS,
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password,
        SIMULATOR_URL: simulator.url,
        COOKIE_SECURE: 'false',
        OIDC_ISSUER: oidc.issuer,
        OIDC_CLIENT_ID: oidc.clientId,
        OIDC_CLIENT_SECRET: oidc.clientSecret,
        PUBLIC_URL: `http://127.0.0.1:${apiPort}`,
      },
      { port: apiPort },
    );
    roles.push(api);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await oidc?.close();
    await Promise.all(roles.map((role) => role.stop()));
    await deleteStreams(nc, [acme, globex]);
    await nc?.close();
  });

  it('signs a platform admin in to the cross-tenant overview', async () => {
    await signIn(ADMIN.email, 'a wrong password');
    // scrypt makes a failed sign-in take a while on a busy machine: more than expect.poll's default second.
    await expect
      .poll(() => page.getByRole('alert').textContent(), { timeout: 15_000 })
      .toBe('email or password is wrong');
    await signIn(ADMIN.email, ADMIN.password);
    await page.getByRole('heading', { name: 'All tenants' }).waitFor();
    await page.getByRole('link', { name: acme }).first().waitFor();
    expect(await page.getByRole('row').count()).toBe(3);
    await shot('overview');
  });

  it('creates a tenant admin for each tenant', async () => {
    for (const tenant of [acme, globex]) {
      const status = await page.evaluate(
        async ({ tenant }) => {
          const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string };
          const response = await fetch('/api/v1/accounts', {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
            body: JSON.stringify({
              email: `admin@${tenant}.test`,
              displayName: `${tenant} admin`,
              role: 'tenant-admin',
              tenant,
              password: 'tenant-password-123',
            }),
          });
          return response.status;
        },
        { tenant },
      );
      expect(status).toBe(201);
    }
  });

  it('lets a tenant admin map a number, chat on the test phone and watch the dashboard count it', async () => {
    await signOut();
    await signIn(`admin@${acme}.test`, 'tenant-password-123');
    await page.getByRole('heading', { name: /Live dashboard/ }).waitFor();
    await shot('dashboard-empty');

    await page.getByRole('link', { name: 'User mapping' }).click();
    const form = page.getByRole('form', { name: 'Map a number' });
    await form.getByLabel('Name').fill('Test Person');
    await form.getByLabel('WhatsApp number').fill(TEST_PHONE);
    await form.getByRole('button', { name: 'Map number' }).click();
    await page.getByRole('cell', { name: TEST_PHONE }).waitFor();
    // The same number again: the server's message is shown where the action failed.
    await form.getByLabel('Name').fill('Someone Else');
    await form.getByLabel('WhatsApp number').fill(TEST_PHONE);
    await form.getByRole('button', { name: 'Map number' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe(`${TEST_PHONE} is already mapped to Test Person`);
    await shot('mappings');

    await page.getByRole('link', { name: 'Test phone' }).click();
    await page.getByLabel('From number').fill(TEST_PHONE);
    await page.getByLabel('Message', { exact: true }).fill('create a task to review the quarterly reports');
    await page.getByRole('button', { name: 'Send' }).click();
    const conversation = page.getByLabel('Conversation');
    await expect
      .poll(() => conversation.locator('.bubble').count(), { timeout: 15_000 })
      .toBeGreaterThanOrEqual(2);
    expect(await conversation.textContent()).toMatch(/quarterly reports/i);
    await shot('test-phone');

    await page.getByRole('link', { name: 'Live dashboard' }).click();
    await expect
      .poll(async () => Number(await page.getByTestId('inbound-minute').textContent()), { timeout: 10_000 })
      .toBeGreaterThanOrEqual(1);
    await shot('dashboard-live');
  });

  it('shows the messages, the conversation, analytics, the integration and the audit entry', async () => {
    await page.getByRole('link', { name: 'Messages' }).click();
    await page
      .getByRole('cell', { name: /quarterly reports/ })
      .first()
      .waitFor();
    await shot('messages');
    await page.getByRole('link', { name: 'Test Person' }).first().click();
    await page.getByLabel('Conversation').waitFor();
    await shot('conversation');

    await page.getByRole('link', { name: 'Analytics' }).click();
    await page.getByRole('heading', { name: /Analytics/ }).waitFor();
    await page.getByText(/Loading/).waitFor({ state: 'detached' });
    expect(await page.locator('.state.error').count()).toBe(0);
    await shot('analytics');

    await page.getByRole('link', { name: 'Integration' }).click();
    await page.getByText(/not managed by the operator/).waitFor();
    await shot('integration');

    await page.getByRole('link', { name: 'Accounts' }).click();
    const accountForm = page.getByRole('form', { name: 'Create an account' });
    await accountForm.getByLabel('Email').fill(`viewer@${acme}.test`);
    await accountForm.getByLabel('Name').fill('Vera Viewer');
    await accountForm.getByLabel('First password').fill('viewer-password-123');
    await accountForm.getByRole('button', { name: 'Create account' }).click();
    await page.getByText(`viewer@${acme}.test can now sign in.`).waitFor();
    // The notice shows before the list has been reloaded.
    await page.getByRole('cell', { name: /Vera Viewer/ }).waitFor();
    expect(await page.getByRole('cell', { name: /Vera Viewer/ }).count()).toBe(1);
    await shot('accounts');

    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('cell', { name: 'mapping.create' }).first().waitFor();
    expect(await page.getByRole('cell', { name: `admin@${acme}.test` }).count()).toBeGreaterThan(0);
    await shot('audit');
  });

  it("refuses a tenant admin another tenant's data, by URL and by request", async () => {
    await signOut();
    await signIn(`admin@${globex}.test`, 'tenant-password-123');
    await page.getByRole('heading', { name: /Live dashboard/ }).waitFor();
    await page.goto(`${api.url}/#/t/${acme}/messages`);
    await expect
      .poll(() => page.getByRole('alert').first().textContent())
      .toBe('your account has no access to this tenant');
    expect(await page.content()).not.toContain('quarterly reports');
    await shot('refused');
    const statuses = await page.evaluate(async (tenant) => {
      const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string };
      const read = await fetch(`/api/v1/tenants/${tenant}/mappings`);
      const write = await fetch(`/api/v1/tenants/${tenant}/mappings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({ displayName: 'Intruder', phone: '+15550109999' }),
      });
      const audit = await fetch(`/api/v1/audit?tenant=${tenant}`);
      return [read.status, write.status, audit.status];
    }, acme);
    expect(statuses).toEqual([403, 403, 403]);
  });

  it('signs in through a real OpenID Connect provider, and refuses an identity with no account', async () => {
    await signOut();
    const ssoSignIn = async (target: Page, login: string) => {
      await target.goto(api.url);
      await target.getByRole('link', { name: /SSO/ }).click();
      await target.locator('input[name=login]').fill(login);
      await target.locator('input[name=password]').fill('any password');
      await target.getByRole('button', { name: 'Sign-in' }).click();
      await target.getByRole('button', { name: 'Continue' }).click();
    };
    await ssoSignIn(page, `admin@${acme}.test`);
    await page.getByRole('heading', { name: /Live dashboard/ }).waitFor();
    const me = await page.evaluate(
      async () =>
        (await (await fetch('/api/v1/auth/me')).json()) as { account: { email: string; tenant: string } },
    );
    expect(me.account).toMatchObject({ email: `admin@${acme}.test`, tenant: acme });
    await shot('oidc-signed-in');

    const stranger = await (await browser.newContext()).newPage();
    await ssoSignIn(stranger, 'stranger@example.org');
    await expect
      .poll(() => stranger.getByRole('alert').textContent())
      .toBe(
        'no console account for stranger@example.org (the provider did not verify the email); ask an admin to create one',
      );
    await stranger.screenshot({ path: `${SHOTS}/oidc-refused.png` });
  });
});
