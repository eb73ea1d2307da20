import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresStore } from '@mastra/pg';
import { Task, inTenant, type MikroORM } from '@taskline/core';
import { seededOwner } from '../../../../test/support/services.ts';
import { startFakeLlm, type FakeLlm } from '../../../../test/support/openai-compatible-server.ts';
import { Assistant } from './assistant.ts';
import { chooseModel } from './model-config.ts';
import type { Understand } from './offline-model.ts';

describe('the assistant with a hosted model over the OpenAI chat completions protocol', () => {
  let orm: MikroORM;
  let llm: FakeLlm;
  let storage: PostgresStore;
  let owner: { tenantId: string; userId: string };
  const noOfflineModel: Understand = () => {
    throw new Error('the hosted model must be used');
  };

  beforeAll(async () => {
    const seeded = await seededOwner('assistant_llm');
    ({ orm, owner } = seeded);
    const databaseUrl = seeded.databaseUrl;
    storage = new PostgresStore({
      id: 'taskline-memory-test',
      connectionString: databaseUrl,
      schemaName: 'mastra',
    });
    llm = await startFakeLlm((request) => {
      const last = request.messages.at(-1);
      if (last?.role === 'tool') return { text: 'Done: *review the quarterly reports* is on your list.' };
      const userText = last?.content ?? '';
      if (/create a task/i.test(userText)) {
        return {
          toolCall: {
            name: 'createTask',
            arguments: { title: 'review the quarterly reports', due: '2026-11-27' },
          },
        };
      }
      if (/mark it/i.test(userText)) {
        // "it" is resolved from the conversation the memory replays to the model.
        const said = request.messages.map((m) => m.content ?? '').join('\n');
        expect(said).toContain('review the quarterly reports');
        return { toolCall: { name: 'completeTask', arguments: { task: 'review the quarterly reports' } } };
      }
      return { text: 'I can help with tasks.' };
    });
  });
  afterAll(async () => {
    await llm?.close();
    await storage?.close?.();
    await orm?.close();
  });

  it('calls the tools the model asks for, against PostgreSQL, and returns the model’s words', async () => {
    const assistant = new Assistant({
      model: chooseModel({ LLM_MODEL: 'ollama/llama3.1', LLM_BASE_URL: llm.url, LLM_API_KEY: 'test' }),
      understand: noOfflineModel,
      storage,
    });
    const turn = (text: string, wamid: string) =>
      inTenant(orm, owner.tenantId, (em) =>
        assistant.reply({
          text,
          turn: {
            em,
            owner,
            timezone: 'Europe/Madrid',
            now: new Date('2026-11-24T09:00:00Z'),
            sourceWamid: wamid,
          },
          resourceId: owner.userId,
          threadId: `wa:${owner.userId}`,
        }),
      );

    const created = await turn('Create a task to review the quarterly reports by Friday', 'wamid.1');
    expect(created.toolCalls).toEqual([
      { name: 'createTask', args: { title: 'review the quarterly reports', due: '2026-11-27' } },
    ]);
    expect(created.text).toContain('review the quarterly reports');
    const [task] = await inTenant(orm, owner.tenantId, (em) => em.find(Task, {}));
    expect(task?.title).toBe('review the quarterly reports');
    expect(task?.dueAt?.toISOString()).toBe('2026-11-26T23:00:00.000Z');

    const completed = await turn('mark it as done', 'wamid.2');
    expect(completed.toolCalls.map((c) => c.name)).toEqual(['completeTask']);
    const after = await inTenant(orm, owner.tenantId, (em) => em.findOneOrFail(Task, { id: task!.id }));
    expect(after.status).toBe('done');

    // The tools were offered to the model as JSON Schema functions, the tool result was sent back.
    const first = llm.requests[0]!;
    expect(first.tools?.map((t) => t.function.name).sort()).toEqual([
      'completeTask',
      'createProject',
      'createTask',
      'deleteTask',
      'help',
      'listProjects',
      'listTasks',
      'setReminder',
      'updateTask',
    ]);
    expect(llm.requests.some((r) => r.messages.some((m) => m.role === 'tool'))).toBe(true);
  });
});
