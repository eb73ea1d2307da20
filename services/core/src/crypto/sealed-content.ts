import { decrypt, encrypt, keyring } from './keyring.ts';

/**
 * Structured content (the assistant's memory: message parts, tool arguments and results) encrypted string by
 * string with the process keyring, keeping its shape: every string is sealed but those under keys that name
 * structure (types, roles, ids, tool names), so code that merges and orders the content still can.
 */
const MARK = '\u{F8FF}sealed:';
/** Keys whose values Mastra reads as structure: kept plain. */
const STRUCTURE = new Set([
  'type',
  'format',
  'state',
  'role',
  'id',
  'toolCallId',
  'toolName',
  'threadId',
  'resourceId',
  'createdAt',
  'providerExecuted',
  'step',
]);

function mapStrings(value: unknown, change: (text: string) => string, key?: string): unknown {
  if (typeof value === 'string') return key !== undefined && STRUCTURE.has(key) ? value : change(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, change));
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, change, k)]));
  }
  return value;
}

/** Seals every string of `content` under the active key (none configured: unchanged). */
export function sealContent(content: unknown): unknown {
  if (!keyring().active) return content;
  return mapStrings(content, (text) => (text.startsWith(MARK) ? text : MARK + encrypt(text)));
}

/** Opens every sealed string of `content`; plain strings stay as they are. */
export function openContent(content: unknown): unknown {
  return mapStrings(content, (text) => (text.startsWith(MARK) ? decrypt(text.slice(MARK.length)) : text));
}
