import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline';
import { AppError } from '@taskline/core';
import type { ConversationMessage } from './state.ts';

export const USAGE = `usage: taskline simulator [serve]                      run the Cloud API simulator (PORT, default 8090)
       taskline simulator send --phone <+E164> --text <message> [--no-wait]
       taskline simulator chat --phone <+E164>              an interactive phone
       taskline simulator conversation --phone <+E164>
       taskline simulator register --phone-number-id <id> --webhook-url <url> --access-token <t> --app-secret <s>

common options: --url <simulator URL> (default http://127.0.0.1:8090 or SIMULATOR_URL), --phone-number-id <id>
send/chat: --user-id <PT.123...> --name <profile name> --withhold-phone --timeout <ms> (default 10000)`;

export type Command = 'serve' | 'send' | 'chat' | 'conversation' | 'register';

export interface CliOptions {
  command: Command;
  url: string;
  phone?: string;
  text?: string;
  phoneNumberId?: string;
  userId?: string;
  name?: string;
  withholdPhone: boolean;
  wait: boolean;
  timeoutMs: number;
  webhookUrl?: string;
  accessToken?: string;
  appSecret?: string;
  help: boolean;
}

/** Parses the simulator's CLI; throws BAD_REQUEST (exit 2) saying what is wrong, with the usage. */
export function parseCli(argv: string[], env: NodeJS.ProcessEnv): CliOptions {
  const [first, ...rest] = argv;
  const command = (first && !first.startsWith('-') ? first : 'serve') as Command;
  const args = first && !first.startsWith('-') ? rest : argv;
  if (!['serve', 'send', 'chat', 'conversation', 'register'].includes(command)) {
    throw new AppError('BAD_REQUEST', `unknown command "${command}"\n\n${USAGE}`);
  }
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        url: { type: 'string' },
        phone: { type: 'string' },
        text: { type: 'string' },
        'phone-number-id': { type: 'string' },
        'user-id': { type: 'string' },
        name: { type: 'string' },
        'withhold-phone': { type: 'boolean' },
        'no-wait': { type: 'boolean' },
        timeout: { type: 'string' },
        'webhook-url': { type: 'string' },
        'access-token': { type: 'string' },
        'app-secret': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new AppError(
      'BAD_REQUEST',
      `${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`,
    );
  }
  const options: CliOptions = {
    command,
    url: (values.url ?? env.SIMULATOR_URL ?? 'http://127.0.0.1:8090').replace(/\/+$/, ''),
    phone: values.phone,
    text: values.text,
    phoneNumberId: values['phone-number-id'],
    userId: values['user-id'],
    name: values.name,
    withholdPhone: values['withhold-phone'] ?? false,
    wait: !(values['no-wait'] ?? false),
    timeoutMs: Number(values.timeout ?? 10_000),
    webhookUrl: values['webhook-url'],
    accessToken: values['access-token'],
    appSecret: values['app-secret'],
    help: values.help ?? false,
  };
  if (options.help) return options;
  const problems: string[] = [];
  if (['send', 'chat', 'conversation'].includes(command) && !options.phone)
    problems.push('--phone is required');
  if (command === 'send' && !options.text) problems.push('--text is required');
  if (!Number.isFinite(options.timeoutMs) || options.timeoutMs <= 0)
    problems.push('--timeout must be milliseconds');
  if (command === 'register') {
    for (const key of ['phone-number-id', 'webhook-url', 'access-token', 'app-secret'] as const) {
      if (!values[key]) problems.push(`--${key} is required`);
    }
  }
  if (problems.length > 0) throw new AppError('BAD_REQUEST', `${problems.join('\n')}\n\n${USAGE}`);
  return options;
}

/** Runs a client command against a running simulator, printing to `out`. */
export async function runClient(options: CliOptions, out: (line: string) => void): Promise<void> {
  switch (options.command) {
    case 'send':
      await sendAndShow(options, options.text!, out);
      return;
    case 'chat':
      await chat(options, out);
      return;
    case 'conversation': {
      const { messages } = await call<{ messages: ConversationMessage[] }>(
        options,
        'GET',
        conversationPath(options),
      );
      if (messages.length === 0) out('(no messages yet)');
      for (const m of messages) out(format(m));
      return;
    }
    case 'register':
      await call(options, 'POST', '/_sim/numbers', {
        phoneNumberId: options.phoneNumberId,
        webhookUrl: options.webhookUrl,
        accessToken: options.accessToken,
        appSecret: options.appSecret,
      });
      out(`registered ${options.phoneNumberId} -> ${options.webhookUrl}`);
      return;
    case 'serve':
      return;
  }
}

async function sendAndShow(
  options: CliOptions,
  text: string,
  out: (line: string) => void,
  tap?: { id: string; title: string; kind: 'button' | 'list' },
): Promise<void> {
  const before = await call<{ messages: ConversationMessage[] }>(options, 'GET', conversationPath(options));
  const outboundBefore = before.messages.filter((m) => m.direction === 'out').length;
  await call(options, 'POST', `/_sim/phones/${encodeURIComponent(options.phone!)}/messages`, {
    ...(tap ? { reply: tap } : { text }),
    ...(options.phoneNumberId ? { phoneNumberId: options.phoneNumberId } : {}),
    ...(options.userId ? { userId: options.userId } : {}),
    ...(options.name ? { profileName: options.name } : {}),
    ...(options.withholdPhone ? { withholdPhone: true } : {}),
  });
  out(`> you: ${tap ? `[${tap.title}]` : text}`);
  if (!options.wait) return;
  const query = `after=${outboundBefore}&timeoutMs=${options.timeoutMs}`;
  const waited = await call<{ arrived: boolean; messages: ConversationMessage[] }>(
    options,
    'GET',
    `${conversationPath(options).replace('/conversation', '/wait')}&${query}`,
    undefined,
    [408],
  );
  if (!waited.arrived) {
    throw new AppError(
      'UPSTREAM_TRANSIENT',
      `no reply within ${options.timeoutMs} ms: is the worker running?`,
    );
  }
  for (const m of waited.messages.filter((m) => m.direction === 'out').slice(outboundBefore)) out(format(m));
}

async function chat(options: CliOptions, out: (line: string) => void): Promise<void> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  out(`chatting as ${options.phone} (type a button's number to tap it; Ctrl-D to quit)`);
  let closed = false;
  rl.on('close', () => (closed = true));
  rl.setPrompt('you> ');
  rl.prompt();
  // Lines are read one after the other, so piped input waits for each reply as a person would.
  for await (const raw of rl) {
    const line = raw.trim();
    if (line !== '') {
      try {
        await sendAndShow(options, line, out, await tapFor(options, line));
      } catch (error) {
        out(`! ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (!closed) rl.prompt();
  }
}

/** A number typed in chat taps that button or row of the last interactive message, as a thumb would. */
async function tapFor(options: CliOptions, line: string) {
  if (!/^\d{1,2}$/.test(line)) return undefined;
  const { messages } = await call<{ messages: ConversationMessage[] }>(
    options,
    'GET',
    conversationPath(options),
  );
  const last = messages.findLast((m) => m.direction === 'out');
  const choice = last?.choices?.[Number(line) - 1];
  if (!choice) return undefined;
  const kind: 'button' | 'list' = isButtons(last) ? 'button' : 'list';
  return { ...choice, kind };
}

function isButtons(message: ConversationMessage): boolean {
  const body = message.body as { interactive?: { type?: string } };
  return body.interactive?.type === 'button';
}

function conversationPath(options: CliOptions): string {
  const query = options.phoneNumberId ? `?phoneNumberId=${options.phoneNumberId}` : '?';
  return `/_sim/phones/${encodeURIComponent(options.phone!)}/conversation${query}`;
}

export function format(m: ConversationMessage): string {
  const who = m.direction === 'in' ? '> you' : '< bot';
  const body = (m.text ?? `[${m.type}]`).split('\n').join('\n        ');
  const options = m.options?.length
    ? `\n        ${m.options.map((o, i) => `[${i + 1}] ${o}`).join('  ')}`
    : '';
  return `${who}: ${body}${options}`;
}

async function call<T = unknown>(
  options: CliOptions,
  method: string,
  path: string,
  body?: unknown,
  alsoOk: number[] = [],
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${options.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new AppError(
      'DEPENDENCY_UNAVAILABLE',
      `the simulator is not reachable at ${options.url}: start it (make dev)`,
    );
  }
  const json = (await response.json().catch(() => ({}))) as { error?: { message?: string } } & T;
  if (!response.ok && !alsoOk.includes(response.status)) {
    throw new AppError(
      'UPSTREAM_PERMANENT',
      json.error?.message ?? `the simulator answered ${response.status}`,
    );
  }
  return json;
}
