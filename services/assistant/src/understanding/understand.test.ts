import { describe, expect, it } from 'vitest';
import { understand } from './understand.ts';
import { detectLanguage } from './language.ts';

const MADRID = { now: '2026-11-24T09:00:00+01:00', timezone: 'Europe/Madrid' };
const SAO_PAULO = { now: '2026-11-24T09:00:00-03:00', timezone: 'America/Sao_Paulo' };
const call = (text: string, context = MADRID, history = []) => {
  const { tool, args } = understand({ text, ...context, history });
  return { tool, args };
};

describe('understand', () => {
  it.each([
    [
      'Create a task to review the quarterly reports',
      { tool: 'createTask', args: { title: 'review the quarterly reports' } },
    ],
    ['what’s due this week?', { tool: 'listTasks', args: { dueFrom: '2026-11-23', dueTo: '2026-11-29' } }],
    ['mark the presentation task as complete', { tool: 'completeTask', args: { task: 'presentation' } }],
    [
      'remind me to call the client tomorrow at 9',
      { tool: 'createTask', args: { title: 'call the client', remindAt: '2026-11-25T09:00' } },
    ],
    [
      'add task prepare slides for the board meeting by friday, high priority',
      {
        tool: 'createTask',
        args: { title: 'prepare slides for the board meeting', due: '2026-11-27', priority: 'high' },
      },
    ],
    ['delete the dentist task', { tool: 'deleteTask', args: { task: 'dentist' } }],
    [
      'move the dentist appointment to next monday',
      { tool: 'updateTask', args: { task: 'dentist appointment', due: '2026-11-30' } },
    ],
    ['any overdue tasks?', { tool: 'listTasks', args: { overdue: true } }],
    ['create a project called Marketing', { tool: 'createProject', args: { name: 'Marketing' } }],
    ['show my projects', { tool: 'listProjects', args: {} }],
    ['help', { tool: 'help', args: {} }],
  ])('reads the English "%s"', (text, expected) => {
    expect(call(text)).toEqual(expected);
  });

  it.each([
    [
      'crea una tarea para revisar los informes el viernes',
      { tool: 'createTask', args: { title: 'revisar los informes', due: '2026-11-27' } },
    ],
    [
      'recuérdame llamar al cliente mañana a las 9',
      { tool: 'createTask', args: { title: 'llamar al cliente', remindAt: '2026-11-25T09:00' } },
    ],
    ['¿qué tengo para hoy?', { tool: 'listTasks', args: { dueFrom: '2026-11-24', dueTo: '2026-11-24' } }],
    ['marca la presentación como hecha', { tool: 'completeTask', args: { task: 'presentación' } }],
  ])('reads the Spanish "%s"', (text, expected) => {
    expect(call(text)).toEqual(expected);
  });

  it.each([
    [
      'lembre-me de pagar a renda na sexta',
      { tool: 'createTask', args: { title: 'pagar a renda', remindAt: '2026-11-27' } },
    ],
    [
      'criar tarefa enviar o relatório amanhã às 15h',
      { tool: 'createTask', args: { title: 'enviar o relatório', due: '2026-11-25T15:00' } },
    ],
    ['quais são minhas tarefas atrasadas?', { tool: 'listTasks', args: { overdue: true } }],
  ])('reads the Portuguese "%s"', (text, expected) => {
    expect(call(text, SAO_PAULO)).toEqual(expected);
  });

  it('reads dates in the user’s zone, not the server’s', () => {
    // 23:30 in São Paulo is already the next day in UTC: "tomorrow" is still the 25th there.
    const late = { now: '2026-11-24T23:30:00-03:00', timezone: 'America/Sao_Paulo' };
    expect(call('remind me to call mom tomorrow at 8', late).args.remindAt).toBe('2026-11-25T08:00');
    const tokyo = { now: '2026-11-24T07:30:00+09:00', timezone: 'Asia/Tokyo' };
    expect(call('create a task to pay taxes today', tokyo).args.due).toBe('2026-11-24');
  });

  it('resolves "it" and "the second one" from the conversation', () => {
    const afterCreate = [
      { role: 'user' as const, text: 'Create a task to review the quarterly reports' },
      {
        role: 'assistant' as const,
        text: '✅ Created *review the quarterly reports*.',
        tool: { name: 'createTask', args: { title: 'review the quarterly reports' } },
      },
    ];
    expect(understand({ text: 'mark it as done', ...MADRID, history: afterCreate })).toMatchObject({
      tool: 'completeTask',
      args: { task: 'review the quarterly reports' },
    });
    const afterList = [
      { role: 'user' as const, text: 'list my tasks' },
      {
        role: 'assistant' as const,
        text: '*Your tasks* (3):\n1. buy milk\n2. call the bank _(Fri 27 Nov)_\n3. pay rent',
      },
    ];
    expect(understand({ text: 'delete the second one', ...MADRID, history: afterList }).args).toEqual({
      task: 'call the bank',
    });
    expect(understand({ text: 'marca a última como feita', ...SAO_PAULO, history: afterList }).args).toEqual({
      task: 'pay rent',
    });
  });

  it('answers small talk and out-of-scope questions without a tool', () => {
    expect(understand({ text: 'hello!', ...MADRID })).toMatchObject({ tool: null, smallTalk: 'greeting' });
    expect(understand({ text: 'gracias', ...MADRID })).toMatchObject({
      tool: null,
      smallTalk: 'thanks',
      language: 'es',
    });
    expect(understand({ text: "what's the weather in Paris?", ...MADRID })).toMatchObject({
      tool: null,
      smallTalk: 'other',
    });
  });

  it('tells English, Spanish and Portuguese apart', () => {
    expect(detectLanguage('what do I have today')).toBe('en');
    expect(detectLanguage('¿qué tengo pendiente esta semana?')).toBe('es');
    expect(detectLanguage('o que tenho para amanhã?')).toBe('pt');
  });
});
