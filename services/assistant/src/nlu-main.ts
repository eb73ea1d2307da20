import { createInterface } from 'node:readline';
import { z } from 'zod';
import { isValidTimeZone } from '@taskline/core';
import { understand } from './understanding/understand.ts';

const inputSchema = z.object({
  text: z.string().max(4096),
  now: z.iso.datetime({ offset: true }),
  timezone: z.string().refine(isValidTimeZone, 'must be an IANA time zone such as Europe/Madrid'),
  language: z.enum(['en', 'es', 'pt']).optional(),
  history: z
    .array(
      z.object({
        role: z.enum(['user', 'assistant']),
        text: z.string().default(''),
        tool: z.object({ name: z.string(), args: z.record(z.string(), z.unknown()).default({}) }).optional(),
      }),
    )
    .optional(),
});

/** One JSON line in -> one JSON line out; a bad line gets `{"error": ...}` and the stream goes on. */
export function nluLine(line: string): string {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (error) {
    return JSON.stringify({
      error: `malformed JSON: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
  const parsed = inputSchema.safeParse(json);
  if (!parsed.success) {
    return JSON.stringify({
      error: parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; '),
    });
  }
  const result = understand(parsed.data);
  return JSON.stringify({ tool: result.tool, args: result.args });
}

/** `taskline nlu`: the offline understanding over JSON lines (DESIGN.md §6). Nothing but JSON on stdout. */
export async function main(_argv: string[], _env: NodeJS.ProcessEnv): Promise<void> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    process.stdout.write(`${nluLine(line)}\n`);
  }
}
