import { describe, expect, it } from 'vitest';
import { createOfflineModel, type Understand } from './offline-model.ts';
import { understand } from '../understanding/understand.ts';

const TOOLS = [{ type: 'function', name: 'createTask' }];

describe('the offline model', () => {
  it('understands each user message once: the step after the tool result reuses it', async () => {
    const asked: string[] = [];
    const counting: Understand = (input) => {
      asked.push(input.text);
      return understand(input);
    };
    const model = createOfflineModel({
      understand: counting,
      timezone: 'Europe/Madrid',
      now: () => new Date('2026-11-24T09:00:00Z'),
    });
    const user = {
      role: 'user' as const,
      content: [{ type: 'text', text: 'create a task to call the client' }],
    };

    const first = await model.doGenerate({ prompt: [user], tools: TOOLS });
    const call = first.content[0]!;
    expect(call).toMatchObject({ type: 'tool-call', toolName: 'createTask' });
    const afterTool = await model.doGenerate({
      prompt: [
        user,
        {
          role: 'assistant',
          content: [{ type: 'tool-call', toolName: 'createTask', input: (call as { input: string }).input }],
        },
        {
          role: 'tool',
          content: [
            {
              type: 'tool-result',
              toolName: 'createTask',
              output: {
                type: 'json',
                value: { ok: true, action: 'created', task: { title: 'call the client' } },
              },
            },
          ],
        },
      ],
      tools: TOOLS,
    });
    expect(afterTool.content).toEqual([{ type: 'text', text: expect.stringContaining('call the client') }]);
    expect(asked).toEqual(['create a task to call the client']);

    const next = { role: 'user' as const, content: [{ type: 'text', text: 'create a task to pay rent' }] };
    await model.doGenerate({ prompt: [user, next], tools: TOOLS });
    expect(asked).toEqual(['create a task to call the client', 'create a task to pay rent']);
  });
});
