import { randomUUID } from 'node:crypto';
import { offsetMinutes } from '@taskline/core';
import { renderResult, words, type Language } from './render.ts';
import type { ToolResult } from './tools.ts';

/** One earlier turn, as the NLU contract of DESIGN.md §6 has it. */
export interface HistoryTurn {
  role: 'user' | 'assistant';
  text: string;
  tool?: { name: string; args: Record<string, unknown> };
}

export interface Understanding {
  tool: string | null;
  args: Record<string, string | boolean>;
  language: Language;
  /** For `tool: null`: what kind of small talk it was, for the right friendly answer. */
  smallTalk?: 'greeting' | 'thanks' | 'other';
}

/** The offline language understanding: text in the user's zone and history -> a tool call or none. */
export type Understand = (input: {
  text: string;
  now: string;
  timezone: string;
  history: HistoryTurn[];
}) => Understanding;

export interface OfflineModelOptions {
  understand: Understand;
  timezone: string;
  now: () => Date;
  /** The user's preferred language; otherwise the language of their message. */
  language?: Language;
}

// The AI SDK LanguageModelV3 prompt, as much of it as this model reads.
type Part = {
  type: string;
  text?: string;
  toolName?: string;
  input?: unknown;
  output?: { type: string; value: unknown };
};
type PromptMessage = { role: 'system' | 'user' | 'assistant' | 'tool'; content: string | Part[] };
interface CallOptions {
  prompt: PromptMessage[];
  tools?: { type: string; name: string }[];
}
type Content =
  { type: 'text'; text: string } | { type: 'tool-call'; toolCallId: string; toolName: string; input: string };

const USAGE = {
  inputTokens: { total: 0, noCache: 0, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 0, text: 0, reasoning: 0 },
};

/**
 * An AI SDK LanguageModelV3 that runs on this machine with no network and no weights: it asks the offline NLU
 * which tool the last user message calls, and after a tool result it writes the reply and stops, so the agent
 * loop never calls a tool twice. Mastra drives it exactly like a hosted model.
 */
export function createOfflineModel(options: OfflineModelOptions) {
  // The step after a tool result reads the same user message with the same history: understood once per turn.
  let understood: { text: string; prompt: number; understanding: Understanding } | undefined;
  const understandTurn = (call: CallOptions): Understanding => {
    const text = lastUserText(call.prompt);
    const prompt = call.prompt.findLastIndex((m) => m.role === 'user');
    if (understood?.text === text && understood.prompt === prompt) return understood.understanding;
    const understanding = options.understand({
      text,
      now: isoWithOffset(options.now(), options.timezone),
      timezone: options.timezone,
      history: history(call.prompt),
    });
    understood = { text, prompt, understanding };
    return understanding;
  };

  const decide = (call: CallOptions): Content[] => {
    const last = call.prompt.at(-1);
    const understanding = understandTurn(call);
    const language = options.language ?? understanding.language;
    if (last?.role === 'tool') {
      const part = (last.content as Part[]).find((p) => p.type === 'tool-result');
      const result = part?.output?.value as ToolResult | string | undefined;
      const toolName = part?.toolName ?? '';
      const reference = lastToolInput(call.prompt)?.task;
      const text =
        typeof result === 'object' && result !== null && 'ok' in result
          ? renderResult(toolName, result, language, typeof reference === 'string' ? reference : undefined)
          : words(language).failed;
      return [{ type: 'text', text }];
    }
    const available = new Set((call.tools ?? []).map((t) => t.name));
    if (understanding.tool && available.has(understanding.tool)) {
      return [
        {
          type: 'tool-call',
          toolCallId: randomUUID(),
          toolName: understanding.tool,
          input: JSON.stringify(understanding.args),
        },
      ];
    }
    const w = words(language);
    const text =
      understanding.smallTalk === 'greeting'
        ? w.greeting
        : understanding.smallTalk === 'thanks'
          ? w.thanks
          : w.outOfScope;
    return [{ type: 'text', text }];
  };

  const finish = (content: Content[]) => ({
    unified: content.some((c) => c.type === 'tool-call') ? ('tool-calls' as const) : ('stop' as const),
    raw: undefined,
  });

  return {
    specificationVersion: 'v3' as const,
    provider: 'taskline',
    modelId: 'offline-nlu',
    supportedUrls: {},
    doGenerate(call: CallOptions) {
      const content = decide(call);
      return Promise.resolve({ content, finishReason: finish(content), usage: USAGE, warnings: [] });
    },
    doStream(call: CallOptions) {
      const content = decide(call);
      const parts: unknown[] = [{ type: 'stream-start', warnings: [] }];
      for (const c of content) {
        if (c.type === 'text') {
          parts.push(
            { type: 'text-start', id: 't' },
            { type: 'text-delta', id: 't', delta: c.text },
            { type: 'text-end', id: 't' },
          );
        } else {
          parts.push(c);
        }
      }
      parts.push({ type: 'finish', usage: USAGE, finishReason: finish(content) });
      return Promise.resolve({
        stream: new ReadableStream({
          start(controller) {
            for (const part of parts) controller.enqueue(part);
            controller.close();
          },
        }),
      });
    },
  };
}

function textOf(message: PromptMessage): string {
  if (typeof message.content === 'string') return message.content;
  return message.content
    .filter((p) => p.type === 'text')
    .map((p) => p.text ?? '')
    .join(' ');
}

function lastUserText(prompt: PromptMessage[]): string {
  const user = prompt.findLast((m) => m.role === 'user');
  return user ? textOf(user) : '';
}

function lastToolInput(prompt: PromptMessage[]): Record<string, unknown> | undefined {
  const assistant = prompt.findLast((m) => m.role === 'assistant' && Array.isArray(m.content));
  const call = (assistant?.content as Part[] | undefined)?.find((p) => p.type === 'tool-call');
  return parseInput(call?.input);
}

function parseInput(input: unknown): Record<string, unknown> | undefined {
  if (typeof input === 'string') {
    try {
      return JSON.parse(input) as Record<string, unknown>;
    } catch {
      return undefined;
    }
  }
  return typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : undefined;
}

/** Earlier turns (not the current user message) as NLU history: texts and the tool each answer used. */
export function history(prompt: PromptMessage[]): HistoryTurn[] {
  const lastUser = prompt.findLastIndex((m) => m.role === 'user');
  const turns: HistoryTurn[] = [];
  for (const message of prompt.slice(0, lastUser)) {
    if (message.role === 'user') turns.push({ role: 'user', text: textOf(message) });
    if (message.role !== 'assistant') continue;
    const call = Array.isArray(message.content)
      ? message.content.find((p) => p.type === 'tool-call')
      : undefined;
    const text = textOf(message);
    if (call)
      turns.push({
        role: 'assistant',
        text,
        tool: { name: call.toolName ?? '', args: parseInput(call.input) ?? {} },
      });
    else if (text) {
      const previous = turns.at(-1);
      // A tool call and the reply that renders its result are one assistant turn.
      if (previous?.role === 'assistant' && previous.tool && !previous.text) previous.text = text;
      else turns.push({ role: 'assistant', text });
    }
  }
  return turns;
}

/** `2026-11-24T09:00:00+01:00`: the instant as the user's wall clock with its offset. */
export function isoWithOffset(instant: Date, timeZone: string): string {
  const offset = offsetMinutes(timeZone, instant);
  const local = new Date(instant.getTime() + offset * 60_000).toISOString().slice(0, 19);
  const abs = Math.abs(offset);
  return `${local}${offset < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
