import type { MastraStorage } from '@mastra/core/storage';
import { openContent, sealContent } from '@taskline/core';

type Message = { content?: unknown };
const openMessage = <M extends Message>(message: M): M =>
  message && typeof message === 'object' && 'content' in message
    ? { ...message, content: openContent(message.content) }
    : message;

/** Opens every message in whatever a memory method returned: `{ messages }`, a list, or one message. */
function openResult(result: unknown): unknown {
  if (Array.isArray(result)) return result.map((item) => openMessage(item as Message));
  if (result && typeof result === 'object' && Array.isArray((result as { messages?: unknown }).messages)) {
    const { messages } = result as { messages: Message[] };
    return { ...result, messages: messages.map(openMessage) };
  }
  return result;
}

/**
 * The assistant's conversation memory encrypted at rest, like message bodies (docs/security.md): every string a
 * stored message holds (its text, tool arguments and results: task titles) is sealed with the process keyring
 * before Mastra's store writes it, and opened when the store reads it back. Structure (part types, tool names and
 * call ids, roles) stays plain, so Mastra can still merge and order messages. Without a key nothing is sealed.
 *
 * It seals what goes in through saveMessages and updateMessages and opens what comes out of every message method.
 */
export function sealMemory<S extends MastraStorage>(storage: S): S {
  const memory = storage.stores?.memory;
  if (!memory) return storage;
  const sealed = new Proxy(memory, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      const method = value as (...a: unknown[]) => unknown;
      // Called on the real store, whose private fields a proxy cannot reach. Only message methods are wrapped.
      if (typeof property !== 'string' || !/Messages?/.test(property)) return method.bind(target);
      return async (...args: unknown[]) => {
        if ((property === 'saveMessages' || property === 'updateMessages') && args[0]) {
          const input = args[0] as { messages: Message[] };
          args[0] = {
            ...input,
            messages: input.messages.map((m) =>
              'content' in m ? { ...m, content: sealContent(m.content) } : m,
            ),
          };
        }
        return openResult(await method.apply(target, args));
      };
    },
  });
  storage.stores!.memory = sealed;
  return storage;
}
