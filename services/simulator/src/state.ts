import { randomBytes } from 'node:crypto';

/** A business number the simulator plays the Cloud API for. */
export interface BusinessNumber {
  phoneNumberId: string;
  accessToken: string;
  appSecret: string;
  webhookUrl: string;
  displayPhoneNumber: string;
}

export interface StatusRecord {
  status: string;
  at: string;
}

export interface ConversationMessage {
  direction: 'in' | 'out';
  wamid: string;
  type: string;
  text?: string;
  /** Reply buttons or list rows of an interactive message we received (titles). */
  options?: string[];
  /** The same, with the ids a tap sends back. */
  choices?: { id: string; title: string }[];
  at: string;
  statuses: StatusRecord[];
  /** The request body (outbound) or the message object (inbound), as sent. */
  body: unknown;
}

export type FaultMode = 'rate_limit' | 'server_error' | 'outside_window' | 'token_expired' | 'latency';

export interface Fault {
  mode: FaultMode;
  /** Applies to the next `count` requests; unlimited when absent. */
  count?: number;
  phoneNumberId?: string;
  latencyMs?: number;
  /** Which calls it hits: message sends, mark-read calls, or both (the default). */
  requests?: 'send' | 'mark_read' | 'all';
}

export interface Settings {
  sendStatuses: boolean;
  statusDelaysMs: { sent: number; delivered: number; read: number };
  /** Refuse free-form messages to users silent for 24 h (131047), as Meta does. */
  enforceWindow: boolean;
}

const MAX_MESSAGES_PER_NUMBER = 10_000;

/** Everything the simulator remembers, in memory and bounded. */
export class SimulatorState {
  readonly numbers = new Map<string, BusinessNumber>();
  readonly #conversations = new Map<string, ConversationMessage[]>();
  readonly #byWamid = new Map<string, { key: string; message: ConversationMessage }>();
  readonly #counts = new Map<string, number>();
  #waiters: { key: string; after: number; resolve: () => void }[] = [];
  faults: Fault[] = [];
  settings: Settings = {
    sendStatuses: true,
    statusDelaysMs: { sent: 20, delivered: 40, read: 80 },
    enforceWindow: false,
  };

  register(number: BusinessNumber): boolean {
    const existed = this.numbers.has(number.phoneNumberId);
    this.numbers.set(number.phoneNumberId, number);
    return existed;
  }

  /** The only registered number, when there is exactly one (CLI convenience). */
  soleNumber(): BusinessNumber | undefined {
    return this.numbers.size === 1 ? [...this.numbers.values()][0] : undefined;
  }

  add(phoneNumberId: string, peer: string, message: ConversationMessage): void {
    const key = conversationKey(phoneNumberId, peer);
    const list = this.#conversations.get(key) ?? [];
    list.push(message);
    this.#conversations.set(key, list);
    this.#byWamid.set(message.wamid, { key, message });
    const count = (this.#counts.get(phoneNumberId) ?? 0) + 1;
    this.#counts.set(phoneNumberId, count);
    if (count > MAX_MESSAGES_PER_NUMBER) this.#evictOldest(phoneNumberId);
    if (message.direction === 'out') this.#wake(key);
  }

  conversation(phoneNumberId: string, peer: string): ConversationMessage[] {
    return this.#conversations.get(conversationKey(phoneNumberId, peer)) ?? [];
  }

  outbound(phoneNumberId?: string): (ConversationMessage & { phoneNumberId: string; peer: string })[] {
    const all: (ConversationMessage & { phoneNumberId: string; peer: string })[] = [];
    for (const [key, list] of this.#conversations) {
      const [id, peer] = key.split('|') as [string, string];
      if (phoneNumberId && id !== phoneNumberId) continue;
      for (const m of list) if (m.direction === 'out') all.push({ ...m, phoneNumberId: id, peer });
    }
    return all.sort((a, b) => a.at.localeCompare(b.at));
  }

  find(wamid: string): ConversationMessage | undefined {
    return this.#byWamid.get(wamid)?.message;
  }

  lastInboundAt(phoneNumberId: string, peer: string): Date | undefined {
    const last = this.conversation(phoneNumberId, peer).findLast((m) => m.direction === 'in');
    return last ? new Date(last.at) : undefined;
  }

  /** Resolves once the conversation holds more than `after` outbound messages, or after `timeoutMs` (false). */
  waitForOutbound(phoneNumberId: string, peer: string, after: number, timeoutMs: number): Promise<boolean> {
    const key = conversationKey(phoneNumberId, peer);
    if (this.#outboundCount(key) > after) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = { key, after, resolve: () => resolve(true) };
      this.#waiters.push(waiter);
      setTimeout(() => {
        this.#waiters = this.#waiters.filter((w) => w !== waiter);
        resolve(false);
      }, timeoutMs).unref();
    });
  }

  /** The first fault that applies to this number, consuming one of its `count`. */
  takeFault(phoneNumberId: string, request: 'send' | 'mark_read' = 'send'): Fault | undefined {
    const fault = this.faults.find(
      (f) =>
        (!f.phoneNumberId || f.phoneNumberId === phoneNumberId) &&
        (f.requests === undefined || f.requests === 'all' || f.requests === request),
    );
    if (!fault) return undefined;
    if (fault.count !== undefined) {
      fault.count -= 1;
      if (fault.count <= 0) this.faults = this.faults.filter((f) => f !== fault);
    }
    return fault;
  }

  reset(): void {
    this.#conversations.clear();
    this.#byWamid.clear();
    this.#counts.clear();
    this.faults = [];
  }

  #outboundCount(key: string): number {
    return (this.#conversations.get(key) ?? []).filter((m) => m.direction === 'out').length;
  }

  #wake(key: string): void {
    const count = this.#outboundCount(key);
    const ready = this.#waiters.filter((w) => w.key === key && count > w.after);
    this.#waiters = this.#waiters.filter((w) => !ready.includes(w));
    for (const w of ready) w.resolve();
  }

  #evictOldest(phoneNumberId: string): void {
    let oldest: { key: string; index: number; at: string } | undefined;
    for (const [key, list] of this.#conversations) {
      if (!key.startsWith(`${phoneNumberId}|`) || list.length === 0) continue;
      if (!oldest || list[0]!.at < oldest.at) oldest = { key, index: 0, at: list[0]!.at };
    }
    if (!oldest) return;
    const [removed] = this.#conversations.get(oldest.key)!.splice(0, 1);
    if (removed) this.#byWamid.delete(removed.wamid);
    this.#counts.set(phoneNumberId, (this.#counts.get(phoneNumberId) ?? 1) - 1);
  }
}

export const conversationKey = (phoneNumberId: string, peer: string): string => `${phoneNumberId}|${peer}`;

/** `+55 11 99000-0001` -> `5511990000001`; a business-scoped user id (`PT.8823...`) stays as it is. */
export function normalizePeer(phone: string): string {
  const trimmed = phone.trim();
  return /^[A-Z]{2}\.\d+$/.test(trimmed) ? trimmed : trimmed.replace(/\D/g, '');
}

/** A wamid shaped like Meta's: `wamid.` and base64. */
export function newWamid(peer: string): string {
  return `wamid.${Buffer.concat([Buffer.from(`HBg${peer}`), randomBytes(12)]).toString('base64')}`;
}
