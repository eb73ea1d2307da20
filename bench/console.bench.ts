/**
 * The console and its API (issue 5 targets):
 *  - console JavaScript (gzipped) each first page loads: the shell + the page's chunks, from Vite's manifest;
 *  - dashboard first render in chromium against the real API with 10,000 messages in the tenant;
 *  - API list endpoints p50/p95 over real HTTP with 1,000,000 message rows (keyset pagination, indexes).
 * Writes bench/results/console.json.   node bench/console.bench.ts [rows=1000000]
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { Registry } from 'prom-client';
import {
  AdminAccount,
  createLogger,
  generateKeyEntry,
  jetstreamManager,
  messageText,
  openJson,
  openOrm,
  sealJson,
  searchTerms,
  seedTenant,
  Tenant,
} from '@taskline/core';
import { buildApi, hashPassword, watchLive } from '@taskline/api';
import { freshDatabase, natsForTest } from '../test/support/services.ts';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const ROOT = new URL('../', import.meta.url).pathname;
const DIST = `${ROOT}console/dist`;
const results: Record<string, unknown> = {};

// 1. What each first page weighs.
const build = spawnSync(process.execPath, [`${ROOT}node_modules/vite/bin/vite.js`, 'build'], {
  cwd: `${ROOT}console`,
});
if (build.status !== 0) throw new Error(build.stderr.toString());
interface Chunk {
  file: string;
  imports?: string[];
  dynamicImports?: string[];
  isEntry?: boolean;
  css?: string[];
}
const manifest = JSON.parse(readFileSync(`${DIST}/.vite/manifest.json`, 'utf8')) as Record<string, Chunk>;
const gz = (file: string) => gzipSync(readFileSync(`${DIST}/${file}`), { level: 9 }).length;
const closure = (key: string, seen = new Set<string>()): Set<string> => {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const next of manifest[key]?.imports ?? []) closure(next, seen);
  return seen;
};
const entry = Object.keys(manifest).find((key) => manifest[key]!.isEntry)!;
const firstPage: Record<string, number> = {};
for (const page of ['Overview', 'Dashboard', 'Messages']) {
  const key = Object.keys(manifest).find((k) => k.endsWith(`pages/${page}.svelte`))!;
  const files = new Set([...closure(entry), ...closure(key)].map((k) => manifest[k]!.file));
  firstPage[page] = [...files].reduce((sum, file) => sum + gz(file), 0);
}
results.firstPageJsGzipBytes = firstPage;
console.log('\nconsole JavaScript, gzipped, for a first page (target < 150 KB)');
for (const [page, bytes] of Object.entries(firstPage))
  console.log(`  ${page.padEnd(10)} ${(bytes / 1024).toFixed(1)} KB`);

// 2 and 3 share one API on a database with ROWS messages in tenant "big" (10,000 of them in the last hour).
const databaseUrl = await freshDatabase('bench_console');
const orm = await openOrm({ databaseUrl, encryptionKeys: generateKeyEntry('bench') });
const nc = await natsForTest();
await seedTenant(orm, {
  tenant: 'big',
  phoneNumberId: '1',
  users: [{ name: 'Ana', phone: '+5511990000001' }],
});
await seedTenant(orm, {
  tenant: 'other',
  phoneNumberId: '2',
  users: [{ name: 'Bo', phone: '+5511990000002' }],
});
const em = orm.em.fork();
const big = await em.findOneOrFail(Tenant, { slug: 'big' });
em.create(AdminAccount, {
  email: 'bench@taskline.test',
  displayName: 'bench',
  role: 'platform-admin',
  tenant: null,
  passwordHash: await hashPassword('bench-password-123'),
});
await em.flush();
const contacts = await em.execute<{ id: string }[]>(
  `insert into whatsapp_contacts (id, tenant_id, user_id, phone, status, created_at, updated_at)
   select gen_random_uuid(), ?, u.id, '+55119' || lpad(g::text, 8, '0'), 'active', now(), now()
   from generate_series(1, 200) g, (select id from users where tenant_id = ? limit 1) u returning id`,
  [big.id, big.id],
);
// Bodies are encrypted at rest and searched by a blind index (docs/security.md). SQL cannot seal them, so every
// row gets the index of its words here (all but the number) and the newest SEALED rows, which are all that the
// list pages and a search for a word in 1 row of 97 read, are sealed and fully indexed in JS afterwards.
const SEALED = 30_000;
const TERMS = searchTerms(big.id, 'message number quarterly report');
const started = Date.now();
const BATCH = 100_000;
for (let offset = 0; offset < ROWS; offset += BATCH) {
  const count = Math.min(BATCH, ROWS - offset);
  await em.execute(
    `insert into whatsapp_messages (id, tenant_id, direction, wamid, peer, contact_id, type, body, body_terms, status, status_history, attempts, created_at, updated_at, sent_at)
     select gen_random_uuid(), ?, case when g % 2 = 0 then 'in' else 'out' end, 'wamid.bench' || g, '5511' || (g % 200),
            (array[${contacts.map(() => '?::uuid').join(',')}])[1 + g % 200], 'text',
            jsonb_build_object('type', 'text', 'text', jsonb_build_object('body', 'message number ' || g || case when g % 97 = 0 then ' quarterly report' else '' end)),
            array[?, ?]::bigint[] || case when g % 97 = 0 then array[?, ?]::bigint[] else '{}' end,
            (array['processed','delivered','read','failed'])[1 + g % 4], '[]'::jsonb, 0,
            now() - ((? - g) * interval '360 milliseconds'), now(),
            case when g % 2 = 1 and g % 4 <> 3 then now() - ((? - g) * interval '360 milliseconds') + interval '300 milliseconds' end
     from generate_series(?, ?) g`,
    [big.id, ...contacts.map((c) => c.id), ...TERMS, ROWS, ROWS, offset + 1, offset + count],
  );
  process.stdout.write(`\r  inserted ${offset + count} / ${ROWS} message rows`);
}
const newest = await em.execute<{ id: string; type: string; body: unknown }[]>(
  'select id, type, body from whatsapp_messages where tenant_id = ? order by created_at desc limit ?',
  [big.id, Math.min(SEALED, ROWS)],
);
for (let i = 0; i < newest.length; i += 5000) {
  const slice = newest.slice(i, i + 5000);
  await em.execute(
    `update whatsapp_messages m set body = v.body, body_terms = v.terms
     from jsonb_to_recordset(?::jsonb) as v(id uuid, body jsonb, terms bigint[]) where m.id = v.id`,
    [
      JSON.stringify(
        slice.map((r) => ({
          id: r.id,
          body: sealJson(openJson(r.body)),
          terms: searchTerms(big.id, messageText(openJson(r.body), r.type)),
        })),
      ),
    ],
  );
}
await em.execute('analyze whatsapp_messages');
console.log(`\n  (${((Date.now() - started) / 1000).toFixed(0)} s)`);
results.rows = ROWS;

const live = watchLive(nc);
const app = await buildApi({
  config: {
    SESSION_TTL_HOURS: 1,
    COOKIE_SECURE: false,
    SIMULATOR_URL: undefined,
    OIDC_ISSUER: undefined,
    ADMIN_EMAIL: undefined,
  },
  orm,
  log: createLogger('bench', 'silent'),
  nc,
  jsm: await jetstreamManager(nc),
  live,
  registry: new Registry(),
  checks: {},
  isDraining: () => false,
  consoleDir: existsSync(DIST) ? DIST : undefined,
});
const base = await app.listen({ host: '127.0.0.1', port: 0 });
const login = await fetch(`${base}/api/v1/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email: 'bench@taskline.test', password: 'bench-password-123' }),
});
const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;

// 3. List endpoints at ROWS rows.
const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!;
const time = async (path: string) => {
  const t0 = performance.now();
  const response = await fetch(`${base}${path}`, { headers: { cookie } });
  const body = (await response.json()) as { nextCursor?: string | null };
  if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(body)}`);
  return { ms: performance.now() - t0, body };
};
const queries: Record<string, string | (() => Promise<string>)> = {
  'first page': '/api/v1/tenants/big/messages?limit=50',
  'page 20 (cursor)': async () => {
    let cursor = '';
    for (let i = 0; i < 19; i++)
      cursor = (await time(`/api/v1/tenants/big/messages?limit=50${cursor ? `&cursor=${cursor}` : ''}`)).body
        .nextCursor!;
    return `/api/v1/tenants/big/messages?limit=50&cursor=${cursor}`;
  },
  'direction=in': '/api/v1/tenants/big/messages?direction=in&limit=50',
  'status=failed': '/api/v1/tenants/big/messages?status=failed&limit=50',
  'one conversation': `/api/v1/tenants/big/messages?contact=${contacts[7]!.id}&limit=50`,
  'last hour': `/api/v1/tenants/big/messages?from=${new Date(Date.now() - 3600_000).toISOString()}&limit=50`,
  'text search (q)': '/api/v1/tenants/big/messages?q=quarterly&limit=50',
  mappings: '/api/v1/tenants/big/mappings?limit=100',
  tasks: '/api/v1/tenants/big/tasks?limit=50',
  audit: '/api/v1/audit?limit=50',
  'tenants overview': '/api/v1/tenants',
  dashboard: '/api/v1/tenants/big/dashboard',
  'component health': '/api/v1/health',
  'auth/me': '/api/v1/auth/me',
};
const api: Record<string, { p50: number; p95: number; max: number }> = {};
console.log(
  `\nAPI over HTTP at ${ROWS.toLocaleString()} message rows, 60 requests each (target p95 < 50 ms for lists)`,
);
for (const [name, path] of Object.entries(queries)) {
  const url = typeof path === 'string' ? path : await path();
  for (let i = 0; i < 5; i++) await time(url); // warm
  const samples: number[] = [];
  for (let i = 0; i < 60; i++) samples.push((await time(url)).ms);
  api[name] = { p50: percentile(samples, 50), p95: percentile(samples, 95), max: Math.max(...samples) };
  console.log(
    `  ${name.padEnd(18)} p50 ${api[name].p50.toFixed(1).padStart(6)} ms   p95 ${api[name].p95.toFixed(1).padStart(6)} ms`,
  );
}
results.api = api;

// 2. Dashboard first render in chromium.
if (existsSync('/usr/bin/chromium') && existsSync(`${DIST}/index.html`)) {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
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
  const context = await browser.newContext();
  const [name, value] = cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url: base }]);
  const renders: number[] = [];
  for (let i = 0; i < 6; i++) {
    const page = await context.newPage();
    await page.goto(`${base}/#/t/big`, { waitUntil: 'commit' });
    await page.getByTestId('inbound-minute').waitFor();
    renders.push(await page.evaluate(() => performance.now()));
    await page.close();
  }
  await browser.close();
  const warm = renders.slice(1);
  results.dashboardFirstRenderMs = {
    cold: renders[0],
    warmMedian: percentile(warm, 50),
    warmMax: Math.max(...warm),
  };
  console.log(
    `\ndashboard first render (navigation -> figures on screen), ${ROWS.toLocaleString()} rows (target < 1 s)`,
  );
  console.log(
    `  cold ${renders[0]!.toFixed(0)} ms, warm median ${percentile(warm, 50).toFixed(0)} ms, max ${Math.max(...warm).toFixed(0)} ms`,
  );
} else {
  console.log('\ndashboard first render: skipped (no /usr/bin/chromium or no console/dist)');
}

await app.close();
await live.close();
await nc.close();
await orm.close();
await mkdir(`${ROOT}bench/results`, { recursive: true });
await writeFile(`${ROOT}bench/results/console.json`, JSON.stringify(results, null, 2));
