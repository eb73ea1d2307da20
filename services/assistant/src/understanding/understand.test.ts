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

  it('reads the phrasing families of batch 11 (other sentences than the batch)', () => {
    const LISBON = { now: '2026-11-24T09:00:00+00:00', timezone: 'Europe/Lisbon' };
    // A reminder said after a new task, with its own day.
    expect(call('add task renew the gym membership for friday and remind me thursday at 7pm')).toEqual({
      tool: 'createTask',
      args: { title: 'renew the gym membership', due: '2026-11-27', remindAt: '2026-11-26T19:00' },
    });
    expect(
      call('cria tarefa levar o carro na oficina sábado e me avisa sexta às 18h', SAO_PAULO).args,
    ).toEqual({
      title: 'levar o carro na oficina',
      due: '2026-11-28',
      remindAt: '2026-11-27T18:00',
    });
    // The task first, then "add it" / "anótalo" / "cria uma tarefa ...".
    expect(call('el lunes tengo que pagar el seguro, anótalo').args).toEqual({
      title: 'pagar el seguro',
      due: '2026-11-30',
    });
    expect(call('amanhã tenho que buscar as crianças, cria uma tarefa urgente', SAO_PAULO).args).toEqual({
      title: 'buscar as crianças',
      due: '2026-11-25',
      priority: 'urgent',
    });
    expect(call('friday I need to send the invoices').args).toEqual({
      title: 'send the invoices',
      due: '2026-11-27',
    });
    // "q" for "que"; European "tens"; "all, including the finished ones"; a range of days.
    expect(call('q tengo mañana?')).toEqual({
      tool: 'listTasks',
      args: { dueFrom: '2026-11-25', dueTo: '2026-11-25' },
    });
    expect(call('tens alguma tarefa para amanhã?', LISBON).tool).toBe('listTasks');
    expect(call('show all my tasks including the finished ones').args).toEqual({ status: 'all' });
    expect(call('tareas que vencen del 1 al 4 de diciembre').args).toEqual({
      dueFrom: '2026-12-01',
      dueTo: '2026-12-04',
    });
    // Projects: named after "tasks in", ended by "com prioridade", said "nuevo" after the noun, filed into.
    expect(call('show my urgent tasks in Marketing').args).toEqual({
      priority: 'urgent',
      project: 'Marketing',
    });
    expect(call('list my tasks for Monday').args).toEqual({ dueFrom: '2026-11-30', dueTo: '2026-11-30' });
    expect(call('tarefas do projeto Casa com prioridade alta', SAO_PAULO).args).toEqual({
      project: 'Casa',
      priority: 'high',
    });
    expect(call('crea un proyecto nuevo llamado Jardín').args).toEqual({ name: 'Jardín' });
    expect(call('mete la tarea de comprar pintura en el proyecto Casa')).toEqual({
      tool: 'updateTask',
      args: { task: 'comprar pintura', project: 'Casa' },
    });
    // "a" is an article as well as "to": the split whose change is only a priority or a date wins.
    expect(call('muda a prioridade de ligar para a Ana pra alta', SAO_PAULO).args).toEqual({
      task: 'ligar para a Ana',
      priority: 'high',
    });
    expect(call('postpone the trip to Paris to monday').args).toEqual({
      task: 'trip to Paris',
      due: '2026-11-30',
    });
    // Remind me of a thing (an article after "de"), European and Brazilian.
    expect(call('lembra-me do jantar com a Rita sábado às 19h', LISBON)).toEqual({
      tool: 'setReminder',
      args: { task: 'jantar com a Rita', remindAt: '2026-11-28T19:00' },
    });
    // "pode apagar ...", and "did it, mark it done" after creating.
    const afterCreate = [
      { role: 'user' as const, text: 'add call the bank' },
      {
        role: 'assistant' as const,
        text: 'Added *call the bank*.',
        tool: { name: 'createTask', args: { title: 'call the bank' } },
      },
    ];
    expect(
      understand({ text: 'did it, you can mark it done', ...MADRID, history: afterCreate }).args,
    ).toEqual({
      task: 'call the bank',
    });
    expect(call('pode marcar lavar a louça como feita', SAO_PAULO)).toEqual({
      tool: 'completeTask',
      args: { task: 'lavar a louça' },
    });
  });

  it('tells English, Spanish and Portuguese apart', () => {
    expect(detectLanguage('what do I have today')).toBe('en');
    expect(detectLanguage('¿qué tengo pendiente esta semana?')).toBe('es');
    expect(detectLanguage('o que tenho para amanhã?')).toBe('pt');
    expect(detectLanguage('muda a data de revisar a proposta pra sexta')).toBe('pt');
  });
});
