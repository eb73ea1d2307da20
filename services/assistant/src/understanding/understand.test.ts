import { describe, expect, it } from 'vitest';
import type { HistoryTurn } from '../agent/offline-model.ts';
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

  it('reads the phrasing families of batches 36-41 (other sentences than the batches)', () => {
    // A question about using the assistant, when nothing else reads it: the help.
    for (const text of [
      'how does this app work?',
      'which commands are there',
      'no entiendo cómo crear un recordatorio, me lo explicas?',
      'não sei como criar uma tarefa, me explica?',
      'preciso de ajuda para usar o assistente',
    ])
      expect(call(text).tool, text).toBe('help');
    expect(call('how do I make pancakes?').tool).toBe(null);
    // A month named alone in a list request: that whole month, this one or the next to come.
    expect(call('what is due in april?').args).toEqual({ dueFrom: '2027-04-01', dueTo: '2027-04-30' });
    expect(call('¿qué tareas tengo para diciembre?').args).toEqual({
      dueFrom: '2026-12-01',
      dueTo: '2026-12-31',
    });
    expect(call('quais tarefas vencem em novembro?').args).toEqual({
      dueFrom: '2026-11-01',
      dueTo: '2026-11-30',
    });
    // A command, perhaps where or when, a colon, then the task.
    expect(call('agrega: comprar pilas para el control, prioridad baja')).toEqual({
      tool: 'createTask',
      args: { title: 'comprar pilas para el control', priority: 'low' },
    });
    expect(call('bota no projeto Reforma: comprar tinta branca', SAO_PAULO)).toEqual({
      tool: 'createTask',
      args: { title: 'comprar tinta branca', project: 'Reforma' },
    });
    expect(call('please add to Hiring: call the recruiter on friday')).toEqual({
      tool: 'createTask',
      args: { title: 'call the recruiter', project: 'Hiring', due: '2026-11-27' },
    });
    expect(call('crea un proyecto nuevo: Boda')).toEqual({ tool: 'createProject', args: { name: 'Boda' } });
    // The list named before the task, no colon: "coloca na lista X", "add to my list X".
    expect(call('coloca na minha lista pagar o IPVA sexta', SAO_PAULO)).toEqual({
      tool: 'createTask',
      args: { title: 'pagar o IPVA', due: '2026-11-27' },
    });
    expect(call('add to my list renew the gym membership')).toEqual({
      tool: 'createTask',
      args: { title: 'renew the gym membership' },
    });
    // The help asked for by name or about the bot itself.
    for (const text of ['open the help menu please', 'what can the assistant do?', 'no sé cómo usarte'])
      expect(call(text).tool, text).toBe('help');
    // The default status said after a project's name: the project is the name alone.
    expect(call('what tasks in the Garden project are still pending?').args).toEqual({ project: 'Garden' });
    expect(call('quais tarefas do projeto Mudança ainda estão em aberto?', SAO_PAULO).args).toEqual({
      project: 'Mudança',
    });
    // A reminder put on a task named as a task.
    expect(call('put a reminder on the insurance renewal task for thursday at 11')).toEqual({
      tool: 'setReminder',
      args: { task: 'insurance renewal', remindAt: '2026-11-26T11:00' },
    });
    expect(call('queria um lembrete na tarefa do relatório amanhã às 9', SAO_PAULO)).toEqual({
      tool: 'setReminder',
      args: { task: 'relatório', remindAt: '2026-11-25T09:00' },
    });
    // A task moved into a project: a move verb, or a put verb with the task named as a task.
    expect(call('move book the venue to the Wedding project')).toEqual({
      tool: 'updateTask',
      args: { task: 'book the venue', project: 'Wedding' },
    });
    expect(call('passa a tarefa de pagar o IPTU pro projeto Casa', SAO_PAULO)).toEqual({
      tool: 'updateTask',
      args: { task: 'pagar o IPTU', project: 'Casa' },
    });
    expect(call("put 'buy paint' under the Garage project")).toEqual({
      tool: 'createTask',
      args: { title: 'buy paint', project: 'Garage' },
    });
    // A bare errand with its day is a task; without a day it is left to the other rules.
    // Read as nothing without the errand rule.
    expect(call('order 4 boxes of printer paper and toner for the office by thursday')).toEqual({
      tool: 'createTask',
      args: { title: 'order 4 boxes of printer paper and toner for the office', due: '2026-11-26' },
    });
    expect(call('pick up the dry cleaning and the shoes from the repair shop on friday')).toEqual({
      tool: 'createTask',
      args: { title: 'pick up the dry cleaning and the shoes from the repair shop', due: '2026-11-27' },
    });
    // Greetings, thanks and wishes only: small talk, whatever a rule would take from their words.
    for (const text of [
      'hola! ¿cómo va todo por allá?',
      'muito obrigado por tudo, tenha um ótimo fim de semana',
      'hi there, how is everything? have a great week',
      // Read as a list without the pleasantries rule.
      'buenas noches, ¿qué tal va todo por acá?',
    ])
      expect(call(text).tool, text).toBe(null);
    expect(call('hola, ¿qué tengo para hoy?').tool).toBe('listTasks');
    // News that the task just discussed is done, said with a verb only.
    const justCreated: HistoryTurn[] = [
      { role: 'user', text: 'add renew the parking permit' },
      {
        role: 'assistant',
        text: '✅ Created *renew the parking permit*.',
        tool: { name: 'createTask', args: { title: 'renew the parking permit' } },
      },
    ];
    for (const text of ['ok, ya lo hice', 'já resolvi', 'finished it already'])
      expect(understand({ text, ...MADRID, history: justCreated }).args, text).toEqual({
        task: 'renew the parking permit',
      });
    expect(call('ya quedó').tool).toBe(null);
    // Batches 50-52's families: a project wanted, a reminder put on a thing named, voseo commands with a colon, help.
    expect(call('quero um projeto novo: Viagem Lisboa', SAO_PAULO)).toEqual({
      tool: 'createProject',
      args: { name: 'Viagem Lisboa' },
    });
    expect(call('ponle un recordatorio al pago del seguro para el viernes a las 9')).toEqual({
      tool: 'setReminder',
      args: { task: 'pago del seguro', remindAt: '2026-11-27T09:00' },
    });
    expect(call('apuntame: comprar regalo para Sofi el sábado')).toEqual({
      tool: 'createTask',
      args: { title: 'comprar regalo para Sofi', due: '2026-11-28' },
    });
    expect(call('so what else can you do here?').tool).toBe('help');
    // Done and open asked together is everything; the projects listed with voseo; "schedule X" names X.
    expect(call('show me the finished and open tasks').args).toEqual({ status: 'all' });
    expect(call('¿me pasás mis proyectos?').tool).toBe('listProjects');
    expect(call('schedule the boiler service for next monday at 8am')).toEqual({
      tool: 'createTask',
      args: { title: 'boiler service', due: '2026-11-30T08:00' },
    });
    expect(call('troca a data do exame de sangue para dia 3', SAO_PAULO)).toEqual({
      tool: 'updateTask',
      args: { task: 'exame de sangue', due: '2026-12-03' },
    });
    // "avísame <when> de / que tengo que / pra <to do>": a new task with its reminder.
    expect(call('avísame mañana a las 8 de regar las plantas')).toEqual({
      tool: 'createTask',
      args: { title: 'regar las plantas', remindAt: '2026-11-25T08:00' },
    });
    expect(call('me avisa sexta às 10 pra ligar pro dentista', SAO_PAULO)).toEqual({
      tool: 'createTask',
      args: { title: 'ligar pro dentista', remindAt: '2026-11-27T10:00' },
    });
    expect(call('avisame el jueves a las 6 de la tarde que tengo que pasar por el banco').args).toEqual({
      title: 'pasar por el banco',
      remindAt: '2026-11-26T18:00',
    });
    // Lists asked as "what's coming up", "the <priority> tasks", "tem tarefa <state>?".
    expect(call("what's coming up on thursday?")).toEqual({
      tool: 'listTasks',
      args: { dueFrom: '2026-11-26', dueTo: '2026-11-26' },
    });
    expect(call('show me the low priority tasks')).toEqual({ tool: 'listTasks', args: { priority: 'low' } });
    expect(call('tem alguma tarefa em atraso?', SAO_PAULO)).toEqual({
      tool: 'listTasks',
      args: { overdue: true },
    });
  });

  it('reads the phrasing families of batch 12 (other sentences than the batch)', () => {
    const LISBON = { now: '2026-11-24T09:00:00+00:00', timezone: 'Europe/Lisbon' };
    const MEXICO = { now: '2026-11-24T09:00:00-06:00', timezone: 'America/Mexico_City' };
    // A new task's project said before its title, and a priority said between the task word and the title.
    expect(call('create a task in the Website project to fix the contact form').args).toEqual({
      title: 'fix the contact form',
      project: 'Website',
    });
    expect(call('crea una tarea para el proyecto Casa de campo para pintar la valla').args).toEqual({
      title: 'pintar la valla',
      project: 'Casa de campo',
    });
    expect(call('cria uma tarefa de prioridade baixa pra organizar a gaveta', SAO_PAULO).args).toEqual({
      title: 'organizar a gaveta',
      priority: 'low',
    });
    // Dates chrono misses: an ordinal day, "el 29", the end of the month, "daqui a N dias", "depois de amanhã".
    expect(call('add task submit the timesheet by the 30th').args).toEqual({
      title: 'submit the timesheet',
      due: '2026-11-30',
    });
    expect(call('remind me about the quarterly review on the 4th at 8:30am').args).toEqual({
      task: 'quarterly review',
      remindAt: '2026-12-04T08:30',
    });
    expect(call("add task celebrate Ana's 30th birthday").args).toEqual({
      title: "celebrate Ana's 30th birthday",
    });
    expect(call('recuérdame lo del seguro el 29 a las 10').args).toEqual({
      task: 'seguro',
      remindAt: '2026-11-29T10:00',
    });
    expect(call('cambia la entrega del proyecto al 15').args).toEqual({
      task: 'entrega del proyecto',
      due: '2026-12-15',
    });
    expect(call('anota cobrarle a Don Pepe a fin de mes', MEXICO).args).toEqual({
      title: 'cobrarle a Don Pepe',
      due: '2026-11-30',
    });
    expect(call('cria tarefa fechar o balanço até o fim do mês', SAO_PAULO).args).toEqual({
      title: 'fechar o balanço',
      due: '2026-11-30',
    });
    expect(call('pay the contractor by the end of next month, add it').args).toEqual({
      title: 'pay the contractor',
      due: '2026-12-31',
    });
    expect(call('cria tarefa renovar o passaporte daqui a duas semanas', SAO_PAULO).args).toEqual({
      title: 'renovar o passaporte',
      due: '2026-12-08',
    });
    expect(call('adia a reunião com a contabilista para daqui a uma semana', LISBON).args).toEqual({
      task: 'reunião com a contabilista',
      due: '2026-12-01',
    });
    expect(call('depois de amanhã preciso pagar o IPVA, anota aí', SAO_PAULO).args).toEqual({
      title: 'pagar o IPVA',
      due: '2026-11-26',
    });
    // An acronym is not a weekday ("SAT" is Mexico's tax office); "agéndame", "apúntame una tarea".
    expect(call('agéndame llamar al SAT el lunes a las 9', MEXICO).args).toEqual({
      title: 'llamar al SAT',
      due: '2026-11-30T09:00',
    });
    expect(call('apúntame una tarea: comprar tóner').args).toEqual({ title: 'comprar tóner' });
    // The task, then "coloca aí" / "ponlo" / "save it".
    expect(call('comprar cartuchos de tinta amanhã, coloca aí', SAO_PAULO).args).toEqual({
      title: 'comprar cartuchos de tinta',
      due: '2026-11-25',
    });
    expect(call('call the insurance company on friday, save it').args).toEqual({
      title: 'call the insurance company',
      due: '2026-11-27',
    });
    // Help asked in other words.
    for (const text of ['how can you help me?', 'what sort of things can you do?', 'cómo lo uso?'])
      expect(call(text).tool).toBe('help');
    expect(call('como que eu uso isso aqui?', SAO_PAULO).tool).toBe('help');
    // "anything urgent?", "algo para mañana?", overdue said as a question, a search by a word.
    expect(call('algo urgente?')).toEqual({ tool: 'listTasks', args: { priority: 'urgent' } });
    expect(call('anything high priority this week?').args).toEqual({
      priority: 'high',
      dueFrom: '2026-11-23',
      dueTo: '2026-11-29',
    });
    expect(call('hay algo para mañana?').args).toEqual({ dueFrom: '2026-11-25', dueTo: '2026-11-25' });
    expect(call('something came up, I will be late').tool).toBeNull();
    expect(call('o que passou do prazo?', SAO_PAULO)).toEqual({ tool: 'listTasks', args: { overdue: true } });
    expect(call('qué se me pasó de fecha?').args).toEqual({ overdue: true });
    expect(call('tasks that mention Lisbon').args).toEqual({ search: 'Lisbon' });
    expect(call('find tasks containing the word contract').args).toEqual({ search: 'contract' });
    expect(call('tareas con prioridad alta')).toEqual({ tool: 'listTasks', args: { priority: 'high' } });
    // The priority said first or last, in every language.
    expect(call('ponle prioridad alta a la reunión con Sara')).toEqual({
      tool: 'updateTask',
      args: { task: 'reunión con Sara', priority: 'high' },
    });
    expect(call('coloca prioridade baixa no relatório semanal', SAO_PAULO).args).toEqual({
      task: 'relatório semanal',
      priority: 'low',
    });
    expect(call('give the server migration urgent priority').args).toEqual({
      task: 'server migration',
      priority: 'urgent',
    });
    // Projects asked without a verb; done and not-done lists.
    expect(call('quantos projetos tenho?', LISBON).tool).toBe('listProjects');
    expect(call('mostra o que já foi feito', SAO_PAULO).args).toEqual({ status: 'done' });
    expect(call('muéstrame lo que ya hice').args).toEqual({ status: 'done' });
    expect(call('what still needs to be done?')).toEqual({ tool: 'listTasks', args: {} });
    expect(call('o que eu ainda não terminei?', SAO_PAULO)).toEqual({ tool: 'listTasks', args: {} });
    // A greeting before the request; Portuguese weekdays in a short update.
    expect(call('hola! qué tengo para mañana?').args).toEqual({ dueFrom: '2026-11-25', dueTo: '2026-11-25' });
    const afterCreate = [
      { role: 'user' as const, text: 'nova tarefa revisar o orçamento' },
      {
        role: 'assistant' as const,
        text: 'Criei *revisar o orçamento*.',
        tool: { name: 'createTask', args: { title: 'revisar o orçamento' } },
      },
    ];
    expect(understand({ text: 'muda para quinta às 15h', ...LISBON, history: afterCreate }).args).toEqual({
      task: 'revisar o orçamento',
      due: '2026-11-26T15:00',
    });
  });

  it('reads the phrasing families of batch 13 (other sentences than the batch)', () => {
    const LISBON = { now: '2026-11-24T09:00:00+00:00', timezone: 'Europe/Lisbon' };
    const MEXICO = { now: '2026-11-24T09:00:00-06:00', timezone: 'America/Mexico_City' };
    // "me lembra <day> de manhã de X": the part of the day goes with the day, not the title.
    expect(call('me lembra quinta de tarde de buscar o terno na costureira', SAO_PAULO).args).toEqual({
      title: 'buscar o terno na costureira',
      remindAt: '2026-11-26',
    });
    expect(call('lembra-me sábado de manhã de ir ao mercado', LISBON).args).toEqual({
      title: 'ir ao mercado',
      remindAt: '2026-11-28',
    });
    // The word before the date ("pra", "pro", "até") and a final "?" or "!" are not the title's.
    expect(call('cria uma tarefa pra mandar o currículo pro RH pra quarta', SAO_PAULO).args).toEqual({
      title: 'mandar o currículo pro RH',
      due: '2026-11-25',
    });
    expect(call('vc pode anotar pagar a fatura do cartão até segunda?', SAO_PAULO)).toEqual({
      tool: 'createTask',
      args: { title: 'pagar a fatura do cartão', due: '2026-11-30' },
    });
    expect(call('crea una tarea de entregar la tarea de mi hijo hasta el viernes!', MEXICO).args).toEqual({
      title: 'entregar la tarea de mi hijo',
      due: '2026-11-27',
    });
    // A Portuguese weekday then a bare hour ("sexta 10h"): not "a 10:00" today.
    expect(call('passa a consulta do pediatra pra sexta 10h', SAO_PAULO).args).toEqual({
      task: 'consulta do pediatra',
      due: '2026-11-27T10:00',
    });
    // Fillers and "-me" / "aí" after the verb: "então tá", "bom,", "cria aí", "cria-me", "agrégame", "make me".
    expect(call('então tá, anota aí levar o notebook pro conserto', SAO_PAULO).args).toEqual({
      title: 'levar o notebook pro conserto',
    });
    expect(call('coloca ai uma tarefa de comprar o presente do amigo secreto', SAO_PAULO).args).toEqual({
      title: 'comprar o presente do amigo secreto',
    });
    expect(call('acrescenta-me uma tarefa para pedir o orçamento ao canalizador', LISBON).args).toEqual({
      title: 'pedir o orçamento ao canalizador',
    });
    expect(call('agrégame una tarea para devolver el libro a la biblioteca el lunes').args).toEqual({
      title: 'devolver el libro a la biblioteca',
      due: '2026-11-30',
    });
    expect(call('make me a task to renew the domain by friday')).toEqual({
      tool: 'createTask',
      args: { title: 'renew the domain', due: '2026-11-27' },
    });
    // Deleting with "tira", "quítame", "bórrame", "take X off my list"; "tira uma foto" is not a request.
    expect(call('tira essa tarefa de comprar fralda', SAO_PAULO)).toEqual({
      tool: 'deleteTask',
      args: { task: 'comprar fralda' },
    });
    expect(call('pode tirar a tarefa da academia', SAO_PAULO).args).toEqual({ task: 'academia' });
    expect(call('bórrame lo de la junta con Pedro', MEXICO).args).toEqual({ task: 'junta con Pedro' });
    expect(call('take the dentist appointment off my list')).toEqual({
      tool: 'deleteTask',
      args: { task: 'dentist appointment' },
    });
    expect(call('tira uma foto pra mim', SAO_PAULO).tool).toBeNull();
    // Done said as "ya quedó", "hecho lo del X", "X ya está", "X já foi", "X's done".
    expect(call('ya quedó lo de la luz', MEXICO)).toEqual({ tool: 'completeTask', args: { task: 'luz' } });
    expect(call('hecho lo del seguro del coche').args).toEqual({ task: 'seguro del coche' });
    expect(call('lo del pasaporte ya está', MEXICO).args).toEqual({ task: 'pasaporte' });
    expect(call('o boleto do condomínio já foi', SAO_PAULO)).toEqual({
      tool: 'completeTask',
      args: { task: 'boleto do condomínio' },
    });
    expect(call("the budget review's done").args).toEqual({ task: 'budget review' });
    // "what's done?", "o que já tá feito?": the finished tasks.
    expect(call("what's done?")).toEqual({ tool: 'listTasks', args: { status: 'done' } });
    expect(call('o que já tá feito?', SAO_PAULO)).toEqual({ tool: 'listTasks', args: { status: 'done' } });
    // Items of a list: "da lista", "on the list", "ya está", "number two".
    const afterList = [
      { role: 'user' as const, text: 'lista' },
      {
        role: 'assistant' as const,
        text: 'Tareas:\n1. pagar el gas\n2. comprar pan\n3. llamar al banco',
        tool: { name: 'listTasks', args: {} },
      },
    ];
    const after = (text: string, context = MADRID) => {
      const { tool, args } = understand({ text, ...context, history: afterList });
      return { tool, args };
    };
    expect(after('la tercera ya quedó')).toEqual({ tool: 'completeTask', args: { task: 'llamar al banco' } });
    expect(after('exclui a primeira da lista', SAO_PAULO)).toEqual({
      tool: 'deleteTask',
      args: { task: 'pagar el gas' },
    });
    expect(after('the second one on the list is done').args).toEqual({ task: 'comprar pan' });
    expect(after("number two's done").args).toEqual({ task: 'comprar pan' });
    expect(after('a segunda já tá feita', SAO_PAULO).args).toEqual({ task: 'comprar pan' });
    // A project's name after "que se llame", "com o nome", "with the name".
    expect(call('crea un proyecto con el nombre Fiesta de fin de año', MEXICO)).toEqual({
      tool: 'createProject',
      args: { name: 'Fiesta de fin de año' },
    });
    expect(call('cria um projeto que se chame Viagem pra Bahia', SAO_PAULO).args).toEqual({
      name: 'Viagem pra Bahia',
    });
    expect(call('new project with the name Garden').args).toEqual({ name: 'Garden' });
    // Help: "qué otras cosas puedes hacer", "que mais você sabe fazer?", "what kind of things can you do?".
    for (const text of ['qué otras cosas puedes hacer', 'what kind of things can you do?'])
      expect(call(text).tool).toBe('help');
    expect(call('que mais você sabe fazer?', SAO_PAULO).tool).toBe('help');
    // A reminder put on the task just discussed: "ponle una alarma ...", "coloca um lembrete nela ...".
    const afterCreate = [
      { role: 'user' as const, text: 'crea renovar el DNI' },
      {
        role: 'assistant' as const,
        text: 'Creé *renovar el DNI*.',
        tool: { name: 'createTask', args: { title: 'renovar el DNI' } },
      },
    ];
    expect(
      understand({ text: 'ponle una alarma para el jueves a las 7', ...MADRID, history: afterCreate }),
    ).toMatchObject({
      tool: 'setReminder',
      args: { task: 'renovar el DNI', remindAt: '2026-11-26T07:00' },
    });
    expect(
      understand({ text: 'coloca um lembrete nela pra amanhã 7h', ...SAO_PAULO, history: afterCreate }).args,
    ).toEqual({ task: 'renovar el DNI', remindAt: '2026-11-25T07:00' });
    expect(
      understand({ text: 'add a reminder for it on thursday at 6pm', ...MADRID, history: afterCreate }).args,
    ).toEqual({
      task: 'renovar el DNI',
      remindAt: '2026-11-26T18:00',
    });
  });

  it('reads the phrasing families of batch 14 (other sentences than the batch)', () => {
    const withHistory = (text: string, history: HistoryTurn[], context = MADRID) => {
      const { tool, args } = understand({ text, ...context, history });
      return { tool, args };
    };
    // A new task added to a project without a task word ("add X to the Y project"); the name after the last preposition.
    expect(call('add draft the newsletter to the Comms project')).toEqual({
      tool: 'createTask',
      args: { title: 'draft the newsletter', project: 'Comms' },
    });
    expect(call('agrega comprar los boletos al proyecto Viaje')).toEqual({
      tool: 'createTask',
      args: { title: 'comprar los boletos', project: 'Viaje' },
    });
    expect(call('acrescenta pintar o quarto no projeto Casa Nova', SAO_PAULO)).toEqual({
      tool: 'createTask',
      args: { title: 'pintar o quarto', project: 'Casa Nova' },
    });
    expect(call('add buy presents for the kids to the Christmas project')).toEqual({
      tool: 'createTask',
      args: { title: 'buy presents for the kids', project: 'Christmas' },
    });
    expect(call('create a task to prepare for the board meeting in the Board project')).toEqual({
      tool: 'createTask',
      args: { title: 'prepare for the board meeting', project: 'Board' },
    });
    // A possessive reference to the task just discussed ("its priority", "su prioridad", "o prazo dela").
    expect(
      withHistory(
        'set its priority to high',
        [
          { role: 'user', text: 'add a task to book the car service' },
          {
            role: 'assistant',
            text: 'Added **book the car service**.',
            tool: { name: 'createTask', args: { title: 'book the car service' } },
          },
        ],
        MADRID,
      ),
    ).toEqual({ tool: 'updateTask', args: { task: 'book the car service', priority: 'high' } });
    expect(
      withHistory(
        'change its name to book the car service and MOT',
        [
          { role: 'user', text: 'add a task to book the car service' },
          {
            role: 'assistant',
            text: 'Added **book the car service**.',
            tool: { name: 'createTask', args: { title: 'book the car service' } },
          },
        ],
        MADRID,
      ),
    ).toEqual({
      tool: 'updateTask',
      args: { task: 'book the car service', title: 'book the car service and MOT' },
    });
    expect(
      withHistory(
        'cambia su prioridad a urgente',
        [
          { role: 'user', text: 'crea una tarea renovar el pasaporte' },
          {
            role: 'assistant',
            text: 'Creé **renovar el pasaporte**.',
            tool: { name: 'createTask', args: { title: 'renovar el pasaporte' } },
          },
        ],
        MADRID,
      ),
    ).toEqual({ tool: 'updateTask', args: { task: 'renovar el pasaporte', priority: 'urgent' } });
    expect(
      withHistory(
        'muda o prazo dela pra segunda',
        [
          { role: 'user', text: 'cria a tarefa marcar o dentista' },
          {
            role: 'assistant',
            text: 'Criei **marcar o dentista**.',
            tool: { name: 'createTask', args: { title: 'marcar o dentista' } },
          },
        ],
        SAO_PAULO,
      ),
    ).toEqual({ tool: 'updateTask', args: { task: 'marcar o dentista', due: '2026-11-30' } });
    // What was finished, asked with a task word; all tasks "incluidas las que ya terminé".
    expect(call('¿qué tareas ya hice?')).toEqual({ tool: 'listTasks', args: { status: 'done' } });
    expect(call('quais tarefas eu já fiz?', SAO_PAULO)).toEqual({
      tool: 'listTasks',
      args: { status: 'done' },
    });
    expect(call('muéstrame todas las tareas, incluidas las que ya terminé')).toEqual({
      tool: 'listTasks',
      args: { status: 'all' },
    });
    expect(call('lista todas mis tareas, incluso las que ya completé')).toEqual({
      tool: 'listTasks',
      args: { status: 'all' },
    });
    // This and next month as ranges, "desta semana", a weekday range ahead; the end of the month stays one day.
    expect(call('¿qué tengo este mes?')).toEqual({
      tool: 'listTasks',
      args: { dueFrom: '2026-11-01', dueTo: '2026-11-30' },
    });
    expect(call('o que tenho pro próximo mês?', SAO_PAULO)).toEqual({
      tool: 'listTasks',
      args: { dueFrom: '2026-12-01', dueTo: '2026-12-31' },
    });
    expect(call("show me next month's tasks")).toEqual({
      tool: 'listTasks',
      args: { dueFrom: '2026-12-01', dueTo: '2026-12-31' },
    });
    expect(call('quais as tarefas desta semana?', SAO_PAULO)).toEqual({
      tool: 'listTasks',
      args: { dueFrom: '2026-11-23', dueTo: '2026-11-29' },
    });
    // "due by X": everything due up to that day (batch 22), not that day alone.
    expect(call("what's due by the end of the month")).toEqual({
      tool: 'listTasks',
      args: { dueTo: '2026-11-30' },
    });
    expect(call("what's due between monday and wednesday")).toEqual({
      tool: 'listTasks',
      args: { dueFrom: '2026-11-30', dueTo: '2026-12-02' },
    });
    // Searches "que falam de X"; renames said with "the name", split where the new name keeps the old words.
    expect(call('pesquisa as tarefas que falam de dentista', SAO_PAULO)).toEqual({
      tool: 'listTasks',
      args: { search: 'dentista' },
    });
    expect(call('change the name of call Bob to call Bob and Alice')).toEqual({
      tool: 'updateTask',
      args: { task: 'call Bob', title: 'call Bob and Alice' },
    });
    expect(call('cambiale el nombre a pagar luz por pagar la luz y el gas')).toEqual({
      tool: 'updateTask',
      args: { task: 'pagar luz', title: 'pagar la luz y el gas' },
    });
    expect(call('cambia el nombre de la tarea llamar a Luis a llamar a Luis y Marta')).toEqual({
      tool: 'updateTask',
      args: { task: 'llamar a Luis', title: 'llamar a Luis y Marta' },
    });
    expect(call('renomeia comprar as passagens para comprar as passagens de volta', SAO_PAULO)).toEqual({
      tool: 'updateTask',
      args: { task: 'comprar as passagens', title: 'comprar as passagens de volta' },
    });
    // Rioplatense imperatives (buscá, borrá, mové, anotá, poné) and "che,".
    expect(call('buscá tareas con la palabra seguro')).toEqual({
      tool: 'listTasks',
      args: { search: 'seguro' },
    });
    expect(call('borrá la tarea de comprar flores')).toEqual({
      tool: 'deleteTask',
      args: { task: 'comprar flores' },
    });
    expect(call('mové pagar la tarjeta al jueves')).toEqual({
      tool: 'updateTask',
      args: { task: 'pagar la tarjeta', due: '2026-11-26' },
    });
    expect(call('che, anotá comprar yerba')).toEqual({
      tool: 'createTask',
      args: { title: 'comprar yerba' },
    });
    expect(call('poné en alta prioridad pagar la obra social')).toEqual({
      tool: 'updateTask',
      args: { task: 'pagar la obra social', priority: 'high' },
    });
    // A reminder put on a task named after "en la tarea", "na tarefa", "to the task"; one said after a new task.
    expect(call('ponme un recordatorio en la tarea llamar a Pedro el jueves a las 10')).toEqual({
      tool: 'setReminder',
      args: { task: 'llamar a Pedro', remindAt: '2026-11-26T10:00' },
    });
    expect(call('coloca um lembrete na tarefa pagar o IPVA amanhã às 9h', SAO_PAULO)).toEqual({
      tool: 'setReminder',
      args: { task: 'pagar o IPVA', remindAt: '2026-11-25T09:00' },
    });
    expect(call('add a reminder to the task renew passport for friday at 9am')).toEqual({
      tool: 'setReminder',
      args: { task: 'renew passport', remindAt: '2026-11-27T09:00' },
    });
    expect(call('create a task to pay the water bill and set a reminder for tomorrow at 8')).toEqual({
      tool: 'createTask',
      args: { title: 'pay the water bill', remindAt: '2026-11-25T08:00' },
    });
    expect(call('crea una tarea con recordatorio mañana a las 9: pagar el gas')).toEqual({
      tool: 'createTask',
      args: { title: 'pagar el gas', remindAt: '2026-11-25T09:00' },
    });
    // Times: "de la mañana", "da manhã", noon, "by 5pm", "para las 12", "daqui a 2 horas", "en media hora".
    expect(call('crea una tarea llamar al taller mañana a las 8 de la mañana')).toEqual({
      tool: 'createTask',
      args: { title: 'llamar al taller', due: '2026-11-25T08:00' },
    });
    expect(call('cria uma tarefa reunião com o síndico amanhã às 10 da manhã', SAO_PAULO)).toEqual({
      tool: 'createTask',
      args: { title: 'reunião com o síndico', due: '2026-11-25T10:00' },
    });
    expect(call('recuérdame comer con mamá el domingo al mediodía')).toEqual({
      tool: 'createTask',
      args: { title: 'comer con mamá', remindAt: '2026-11-29T12:00' },
    });
    expect(call('nova tarefa almoço com o cliente quinta ao meio-dia', SAO_PAULO)).toEqual({
      tool: 'createTask',
      args: { title: 'almoço com o cliente', due: '2026-11-26T12:00' },
    });
    expect(call('add a task pick up Aarav from school tomorrow at midday')).toEqual({
      tool: 'createTask',
      args: { title: 'pick up Aarav from school', due: '2026-11-25T12:00' },
    });
    expect(call('add a task to submit the timesheet today by 5pm')).toEqual({
      tool: 'createTask',
      args: { title: 'submit the timesheet', due: '2026-11-24T17:00' },
    });
    expect(call('crea una tarea mandar el presupuesto mañana para las 12')).toEqual({
      tool: 'createTask',
      args: { title: 'mandar el presupuesto', due: '2026-11-25T12:00' },
    });
    expect(call('me lembra daqui a 2 horas de ligar pro banco', SAO_PAULO)).toEqual({
      tool: 'createTask',
      args: { title: 'ligar pro banco', remindAt: '2026-11-24T11:00' },
    });
    expect(call('recuérdame en media hora sacar la ropa')).toEqual({
      tool: 'createTask',
      args: { title: 'sacar la ropa', remindAt: '2026-11-24T09:30' },
    });
    // A priority said with the task word; the assistant asked to act in the world; a list asked with "get me".
    expect(call('add a medium priority task call the bank on monday at 11:30')).toEqual({
      tool: 'createTask',
      args: { title: 'call the bank', priority: 'medium', due: '2026-11-30T11:30' },
    });
    expect(call('crea una tarea con prioridad baja: lavar el coche')).toEqual({
      tool: 'createTask',
      args: { title: 'lavar el coche', priority: 'low' },
    });
    expect(call('book me a flight to Rome')).toEqual({ tool: null, args: {} });
    expect(call('get me a list of my tasks')).toEqual({ tool: 'listTasks', args: {} });
    // References: a list item with details after its bold title, the item named first, "add it to the X project".
    const listed: HistoryTurn[] = [
      { role: 'user', text: "what's on my list?" },
      {
        role: 'assistant',
        text: 'Here you go:\n1. **Pay rent** — due Mon 30 Nov\n2. **Call mum** — Thu 26 Nov\n3. **Fix the bike** (high)',
        tool: { name: 'listTasks', args: {} },
      },
    ];
    expect(withHistory('delete number 3', listed)).toEqual({
      tool: 'deleteTask',
      args: { task: 'Fix the bike' },
    });
    expect(withHistory('move the second one to saturday', listed)).toEqual({
      tool: 'updateTask',
      args: { task: 'Call mum', due: '2026-11-28' },
    });
    expect(withHistory('the second one, mark it as done', listed)).toEqual({
      tool: 'completeTask',
      args: { task: 'Call mum' },
    });
    expect(withHistory('la primera, bórrala', listed)).toEqual({
      tool: 'deleteTask',
      args: { task: 'Pay rent' },
    });
    const created: HistoryTurn[] = [
      { role: 'user', text: 'add a task to renew the domain' },
      {
        role: 'assistant',
        text: '✅ Created *renew the domain*',
        tool: { name: 'createTask', args: { title: 'renew the domain' } },
      },
    ];
    expect(withHistory('add it to the Home project', created)).toEqual({
      tool: 'updateTask',
      args: { task: 'renew the domain', project: 'Home' },
    });
    expect(withHistory('ponla en el proyecto Casa', created)).toEqual({
      tool: 'updateTask',
      args: { task: 'renew the domain', project: 'Casa' },
    });
  });

  describe('the phrasing families of batch 15 (other sentences than the batch)', () => {
    // A weekday naming a thing, a number of the title before a day, a bare 1-6 o'clock already past, a leading
    // "and" / filler before "¿", feelings about the tasks, the project list, "how do I use this bot", a priority
    // after "en/em/on", a reminder on "la tarea del X", "no dia" / "nesta" before a date, "o segundo pode apagar",
    // "tareas del viernes"; and sentences that must not change ("the first one can wait").
    const listEn: HistoryTurn[] = [
      { role: 'user', text: 'show my open tasks' },
      {
        role: 'assistant',
        text: 'You have 3 open tasks:\n1. **Send the Q4 report** (due Thu, Nov 26)\n2. **Call the plumber**\n3. **Renew passport** (due Sat, Dec 5)',
        tool: { name: 'listTasks', args: {} },
      },
    ];
    const createdEn: HistoryTurn[] = [
      { role: 'user', text: 'add a task to water the plants' },
      {
        role: 'assistant',
        text: 'Done! I added **water the plants**.',
        tool: { name: 'createTask', args: { title: 'water the plants' } },
      },
    ];
    const listEs: HistoryTurn[] = [
      { role: 'user', text: '¿qué tareas tengo pendientes?' },
      {
        role: 'assistant',
        text: 'Tus tareas abiertas:\n1. **Pagar el alquiler** (vence el lun 30 nov)\n2. **Llamar al fontanero**\n3. **Revisar el punto 4 del contrato** (vence el sáb 5 dic)',
        tool: { name: 'listTasks', args: {} },
      },
    ];
    const createdEs: HistoryTurn[] = [
      { role: 'user', text: 'añade enviar el presupuesto a Lucía' },
      {
        role: 'assistant',
        text: 'Hecho, he creado **enviar el presupuesto a Lucía**.',
        tool: { name: 'createTask', args: { title: 'enviar el presupuesto a Lucía' } },
      },
    ];
    const listPt: HistoryTurn[] = [
      { role: 'user', text: 'quais são minhas tarefas?' },
      {
        role: 'assistant',
        text: 'Suas tarefas abertas:\n1. **Pagar 2 boletos** (vence sex, 27 nov)\n2. **Ligar para o contador**\n3. **Comprar ração do gato**',
        tool: { name: 'listTasks', args: {} },
      },
    ];
    const createdPt: HistoryTurn[] = [
      { role: 'user', text: 'adiciona enviar o contrato para a Ana' },
      {
        role: 'assistant',
        text: 'Pronto! Criei a tarefa **enviar o contrato para a Ana**.',
        tool: { name: 'createTask', args: { title: 'enviar o contrato para a Ana' } },
      },
    ];
    const none: HistoryTurn[] = [];
    it.each([
      [
        'cria uma tarefa enviar a ata da reunião de quinta até amanhã',
        SAO_PAULO,
        none,
        { tool: 'createTask', args: { title: 'enviar a ata da reunião de quinta', due: '2026-11-25' } },
      ],
      [
        '¿qué tareas tengo del lunes?',
        MADRID,
        none,
        { tool: 'listTasks', args: { dueFrom: '2026-11-30', dueTo: '2026-11-30' } },
      ],
      [
        'quais tarefas vencem de segunda a quarta?',
        SAO_PAULO,
        none,
        { tool: 'listTasks', args: { dueFrom: '2026-11-30', dueTo: '2026-12-02' } },
      ],
      [
        'remind me to call Dad at 4',
        MADRID,
        none,
        { tool: 'createTask', args: { title: 'call Dad', remindAt: '2026-11-24T16:00' } },
      ],
      [
        'y recuérdamelo a las 4',
        MADRID,
        createdEs,
        {
          tool: 'setReminder',
          args: { task: 'enviar el presupuesto a Lucía', remindAt: '2026-11-24T16:00' },
        },
      ],
      ["ugh I'm so tired of my to-do list", MADRID, none, { tool: null, args: {} }],
      ['tô cansado dessas tarefas', MADRID, none, { tool: null, args: {} }],
      [
        'coloca a tarefa do aluguel em prioridade alta',
        SAO_PAULO,
        none,
        { tool: 'updateTask', args: { task: 'aluguel', priority: 'high' } },
      ],
      [
        'ponle una alarma a la tarea de la compra mañana a las 7',
        MADRID,
        none,
        { tool: 'setReminder', args: { task: 'compra', remindAt: '2026-11-25T07:00' } },
      ],
      [
        'el primero lo puedes borrar',
        MADRID,
        listEs,
        { tool: 'deleteTask', args: { task: 'Pagar el alquiler' } },
      ],
      [
        'the third one you can delete',
        MADRID,
        listEn,
        { tool: 'deleteTask', args: { task: 'Renew passport' } },
      ],
      [
        'a tarefa do dentista pode apagar',
        SAO_PAULO,
        none,
        { tool: 'deleteTask', args: { task: 'dentista' } },
      ],
      [
        'create a task: print the Wednesday workshop handouts',
        MADRID,
        none,
        { tool: 'createTask', args: { title: 'print the Wednesday workshop handouts' } },
      ],
      [
        'add task confirm the Saturday delivery with the client by Thursday',
        MADRID,
        none,
        {
          tool: 'createTask',
          args: { title: 'confirm the Saturday delivery with the client', due: '2026-11-26' },
        },
      ],
      [
        'nueva tarea: preparar el menú de la cena del sábado',
        MADRID,
        none,
        { tool: 'createTask', args: { title: 'preparar el menú de la cena del sábado' } },
      ],
      [
        'añade una tarea: llamar al grupo del jueves para cancelar',
        MADRID,
        none,
        { tool: 'createTask', args: { title: 'llamar al grupo del jueves para cancelar' } },
      ],
      [
        'adiciona tarefa: separar as roupas da viagem de sexta',
        SAO_PAULO,
        none,
        { tool: 'createTask', args: { title: 'separar as roupas da viagem de sexta' } },
      ],
      [
        'cria uma tarefa revisar o relatório da reunião de terça amanhã às 10h',
        SAO_PAULO,
        none,
        {
          tool: 'createTask',
          args: { title: 'revisar o relatório da reunião de terça', due: '2026-11-25T10:00' },
        },
      ],
      [
        'what do I have on Friday?',
        MADRID,
        none,
        { tool: 'listTasks', args: { dueFrom: '2026-11-27', dueTo: '2026-11-27' } },
      ],
      [
        '¿qué hay para el viernes?',
        MADRID,
        none,
        { tool: 'listTasks', args: { dueFrom: '2026-11-27', dueTo: '2026-11-27' } },
      ],
      [
        'o que tenho pra quinta?',
        SAO_PAULO,
        none,
        { tool: 'listTasks', args: { dueFrom: '2026-11-26', dueTo: '2026-11-26' } },
      ],
      [
        'mueve la cita del viernes al lunes',
        MADRID,
        none,
        { tool: 'updateTask', args: { task: 'cita del viernes', due: '2026-11-30' } },
      ],
      [
        'add a task to finish level 3 of the course next Monday',
        MADRID,
        none,
        { tool: 'createTask', args: { title: 'finish level 3 of the course', due: '2026-11-30' } },
      ],
      [
        'new task: pay invoice 1043 tomorrow',
        MADRID,
        none,
        { tool: 'createTask', args: { title: 'pay invoice 1043', due: '2026-11-25' } },
      ],
      [
        'crea una tarea: imprimir 20 copias mañana',
        MADRID,
        none,
        { tool: 'createTask', args: { title: 'imprimir 20 copias', due: '2026-11-25' } },
      ],
      [
        'apunta estudiar el tema 7 el jueves',
        MADRID,
        none,
        { tool: 'createTask', args: { title: 'estudiar el tema 7', due: '2026-11-26' } },
      ],
      [
        'nova tarefa: pagar a parcela 3 amanhã',
        SAO_PAULO,
        none,
        { tool: 'createTask', args: { title: 'pagar a parcela 3', due: '2026-11-25' } },
      ],
      [
        'add a task to call the vet tomorrow at 5',
        MADRID,
        none,
        { tool: 'createTask', args: { title: 'call the vet', due: '2026-11-25T17:00' } },
      ],
      [
        'remind me to stretch at 3:30',
        MADRID,
        none,
        { tool: 'createTask', args: { title: 'stretch', remindAt: '2026-11-24T15:30' } },
      ],
      [
        'recuérdame llamar a Pedro a las 2',
        MADRID,
        none,
        { tool: 'createTask', args: { title: 'llamar a Pedro', remindAt: '2026-11-24T14:00' } },
      ],
      [
        'me lembra de pagar o boleto às 4',
        SAO_PAULO,
        none,
        { tool: 'createTask', args: { title: 'pagar o boleto', remindAt: '2026-11-24T16:00' } },
      ],
      [
        'remind me to check the oven at 11',
        MADRID,
        none,
        { tool: 'createTask', args: { title: 'check the oven', remindAt: '2026-11-24T11:00' } },
      ],
      [
        'and make it urgent',
        MADRID,
        createdEn,
        { tool: 'updateTask', args: { task: 'water the plants', priority: 'urgent' } },
      ],
      [
        'y cámbiala al viernes',
        MADRID,
        createdEs,
        { tool: 'updateTask', args: { task: 'enviar el presupuesto a Lucía', due: '2026-11-27' } },
      ],
      [
        'e muda pra sexta',
        SAO_PAULO,
        createdPt,
        { tool: 'updateTask', args: { task: 'enviar o contrato para a Ana', due: '2026-11-27' } },
      ],
      [
        'and delete the second one',
        MADRID,
        listEn,
        { tool: 'deleteTask', args: { task: 'Call the plumber' } },
      ],
      ['Hola, ¿qué tareas tengo vencidas?', MADRID, none, { tool: 'listTasks', args: { overdue: true } }],
      ['Perdona, ¿cómo funciona esto?', MADRID, none, { tool: 'help', args: {} }],
      ['haha I love my to-do list', MADRID, none, { tool: null, args: {} }],
      ['odio las tareas de los lunes', MADRID, none, { tool: null, args: {} }],
      ['estou de saco cheio das minhas tarefas', MADRID, none, { tool: null, args: {} }],
      ['there are so many tasks this week', MADRID, none, { tool: null, args: {} }],
      ['tengo tantas cosas por hacer hoy jajaja', MADRID, none, { tool: null, args: {} }],
      [
        'tenho muitas tarefas pra hoje?',
        SAO_PAULO,
        none,
        { tool: 'listTasks', args: { dueFrom: '2026-11-24', dueTo: '2026-11-24' } },
      ],
      ["what's my project list?", MADRID, none, { tool: 'listProjects', args: {} }],
      ['muéstrame la lista de los proyectos', MADRID, none, { tool: 'listProjects', args: {} }],
      ['mostra a lista dos meus projetos', SAO_PAULO, none, { tool: 'listProjects', args: {} }],
      [
        'add a task: update the project list in the wiki',
        MADRID,
        none,
        { tool: 'createTask', args: { title: 'update the project list in the wiki' } },
      ],
      ['how should I use this app?', MADRID, none, { tool: 'help', args: {} }],
      ['¿cómo utilizo esta app?', MADRID, none, { tool: 'help', args: {} }],
      ['como se usa esse bot?', SAO_PAULO, none, { tool: 'help', args: {} }],
      [
        'pon la tarea del banco con prioridad urgente',
        MADRID,
        none,
        { tool: 'updateTask', args: { task: 'banco', priority: 'urgent' } },
      ],
      [
        'põe o relatório em alta prioridade',
        SAO_PAULO,
        none,
        { tool: 'updateTask', args: { task: 'relatório', priority: 'high' } },
      ],
      [
        'set the gym membership to low priority',
        MADRID,
        none,
        { tool: 'updateTask', args: { task: 'gym membership', priority: 'low' } },
      ],
      [
        'recuérdame la tarea del alquiler el viernes a las 9',
        MADRID,
        none,
        { tool: 'setReminder', args: { task: 'alquiler', remindAt: '2026-11-27T09:00' } },
      ],
      [
        'me lembra da tarefa das compras hoje às 18h',
        SAO_PAULO,
        none,
        { tool: 'setReminder', args: { task: 'compras', remindAt: '2026-11-24T18:00' } },
      ],
      [
        'add a reminder to the task about the invoice tomorrow at 10am',
        MADRID,
        none,
        { tool: 'setReminder', args: { task: 'invoice', remindAt: '2026-11-25T10:00' } },
      ],
      [
        'nova tarefa: renovar a CNH no dia 10 de dezembro',
        SAO_PAULO,
        none,
        { tool: 'createTask', args: { title: 'renovar a CNH', due: '2026-12-10' } },
      ],
      [
        'añade pagar la matrícula el día 12 de diciembre',
        MADRID,
        none,
        { tool: 'createTask', args: { title: 'pagar la matrícula', due: '2026-12-12' } },
      ],
      [
        'cria tarefa fazer a mudança nesta sexta',
        SAO_PAULO,
        none,
        { tool: 'createTask', args: { title: 'fazer a mudança', due: '2026-11-27' } },
      ],
      [
        'o segundo já pode apagar',
        SAO_PAULO,
        listPt,
        { tool: 'deleteTask', args: { task: 'Ligar para o contador' } },
      ],
      [
        'la segunda la puedes marcar como hecha',
        MADRID,
        listEs,
        { tool: 'completeTask', args: { task: 'Llamar al fontanero' } },
      ],
      [
        'number 1 you can mark as done',
        MADRID,
        listEn,
        { tool: 'completeTask', args: { task: 'Send the Q4 report' } },
      ],
      [
        'add a task to call the supplier on Monday at 5',
        MADRID,
        none,
        { tool: 'createTask', args: { title: 'call the supplier', due: '2026-11-30T17:00' } },
      ],
      [
        'add a task to prepare the monday standup',
        MADRID,
        none,
        { tool: 'createTask', args: { title: 'prepare the monday standup' } },
      ],
      [
        'muéstrame las tareas del lunes al miércoles',
        MADRID,
        none,
        { tool: 'listTasks', args: { dueFrom: '2026-11-30', dueTo: '2026-12-02' } },
      ],
      [
        'add a task to meet at 12 tomorrow',
        MADRID,
        none,
        { tool: 'createTask', args: { title: 'meet', due: '2026-11-25T12:00' } },
      ],
      ['the first one can wait', MADRID, listEn, { tool: null, args: {} }],
      ['a segunda pode esperar', MADRID, listPt, { tool: null, args: {} }],
      ['lol add a task to buy cake', MADRID, none, { tool: 'createTask', args: { title: 'buy cake' } }],
      ["I have so many tasks, what's overdue?", MADRID, none, { tool: 'listTasks', args: { overdue: true } }],
      ['love it, thanks!', MADRID, none, { tool: null, args: {} }],
      ['e o que tá atrasado?', SAO_PAULO, none, { tool: 'listTasks', args: { overdue: true } }],
      [
        'y también recuérdame pagar la luz el viernes',
        MADRID,
        none,
        { tool: 'createTask', args: { title: 'pagar la luz', remindAt: '2026-11-27' } },
      ],
      ['show me my projects list', MADRID, none, { tool: 'listProjects', args: {} }],
      [
        'tarefas de segunda a quarta',
        SAO_PAULO,
        none,
        { tool: 'listTasks', args: { dueFrom: '2026-11-30', dueTo: '2026-12-02' } },
      ],
      [
        'tasks for next week',
        MADRID,
        none,
        { tool: 'listTasks', args: { dueFrom: '2026-11-30', dueTo: '2026-12-06' } },
      ],
      [
        'my tasks on Friday',
        MADRID,
        none,
        { tool: 'listTasks', args: { dueFrom: '2026-11-27', dueTo: '2026-11-27' } },
      ],
      [
        'tareas del 1 al 5 de diciembre',
        MADRID,
        none,
        { tool: 'listTasks', args: { dueFrom: '2026-12-01', dueTo: '2026-12-05' } },
      ],
      [
        'kkkk cria uma tarefa comprar bolo',
        SAO_PAULO,
        none,
        { tool: 'createTask', args: { title: 'comprar bolo' } },
      ],
    ] as const)('reads %j', (text, context, history, expected) => {
      const { tool, args } = understand({ text, ...context, history: [...history] });
      expect({ tool, args }).toEqual(expected);
    });
  });

  describe('the phrasing families of batch 16 (other sentences than the batch)', () => {
    // A message or call for someone else out of scope (unless a day, priority or task word makes it a to-do), "put
    // X in the Y project" as a new task, "my urgent stuff", searches asked as a question ("do i have a task about
    // X?", "tem alguma coisa sobre X?"), "tem coisa atrasada?", "manana" / "amanha" without the tilde, a clock time
    // after a comma, a priority and a date in one change, "X's done now", a trailing "pfv" / "porfis" / "thx".
    const h1: HistoryTurn[] = [
      { role: 'user', text: 'add fix the bike' },
      {
        role: 'assistant',
        text: 'Added **fix the bike**.',
        tool: { name: 'createTask', args: { title: 'fix the bike' } },
      },
    ];
    const h2: HistoryTurn[] = [
      { role: 'user', text: 'anota consertar a bike' },
      {
        role: 'assistant',
        text: 'Anotei **consertar a bike**.',
        tool: { name: 'createTask', args: { title: 'consertar a bike' } },
      },
    ];
    const h3: HistoryTurn[] = [
      { role: 'user', text: 'my tasks' },
      {
        role: 'assistant',
        text: 'You have 2 open tasks:\n1. **renew the gym pass**\n2. **water the plants**',
        tool: { name: 'listTasks', args: {} },
      },
    ];
    const none: HistoryTurn[] = [];
    it.each([
      ['shoot a quick email to Tom about the game', MADRID, none, { tool: null, args: {} }],
      ['text my sister happy birthday', MADRID, none, { tool: null, args: {} }],
      ['call grandma', MADRID, none, { tool: null, args: {} }],
      ['escríbele un mensaje a Juan que ya voy', MADRID, none, { tool: null, args: {} }],
      ['mándales un correo a todos', MADRID, none, { tool: null, args: {} }],
      ['manda um zap pro Carlos', MADRID, none, { tool: null, args: {} }],
      ['liga para o meu pai', MADRID, none, { tool: null, args: {} }],
      [
        'call the bank friday at 10',
        MADRID,
        none,
        { tool: 'createTask', args: { title: 'call the bank', due: '2026-11-27T10:00' } },
      ],
      [
        'put renew the domain in the work project',
        MADRID,
        none,
        { tool: 'createTask', args: { title: 'renew the domain', project: 'work' } },
      ],
      [
        'pon revisar facturas en el proyecto Oficina para mañana',
        MADRID,
        none,
        { tool: 'createTask', args: { title: 'revisar facturas', project: 'Oficina', due: '2026-11-25' } },
      ],
      [
        "põe 'comprar tinta' no projeto reforma pra sexta",
        SAO_PAULO,
        none,
        { tool: 'createTask', args: { title: 'comprar tinta', project: 'reforma', due: '2026-11-27' } },
      ],
      ['show me my overdue stuff', MADRID, none, { tool: 'listTasks', args: { overdue: true } }],
      [
        'list my things for tomorrow',
        MADRID,
        none,
        { tool: 'listTasks', args: { dueFrom: '2026-11-25', dueTo: '2026-11-25' } },
      ],
      ['show me the done stuff', MADRID, none, { tool: 'listTasks', args: { status: 'done' } }],
      [
        'do i have a task about the plumber?',
        MADRID,
        none,
        { tool: 'listTasks', args: { search: 'plumber' } },
      ],
      [
        'hay alguna tarea que mencione el seguro?',
        MADRID,
        none,
        { tool: 'listTasks', args: { search: 'seguro' } },
      ],
      [
        'tenho alguma tarefa sobre o aluguel?',
        SAO_PAULO,
        none,
        { tool: 'listTasks', args: { search: 'aluguel' } },
      ],
      ['tem coisa vencida?', SAO_PAULO, none, { tool: 'listTasks', args: { overdue: true } }],
      ['hay cosas atrasadas?', MADRID, none, { tool: 'listTasks', args: { overdue: true } }],
      [
        'apunta llamar al banco manana a las 10',
        MADRID,
        none,
        { tool: 'createTask', args: { title: 'llamar al banco', due: '2026-11-25T10:00' } },
      ],
      [
        'anota pagar a luz amanha',
        SAO_PAULO,
        none,
        { tool: 'createTask', args: { title: 'pagar a luz', due: '2026-11-25' } },
      ],
      [
        'que tengo para manana',
        MADRID,
        none,
        { tool: 'listTasks', args: { dueFrom: '2026-11-25', dueTo: '2026-11-25' } },
      ],
      [
        'move it to friday morning, 8:30',
        MADRID,
        h1,
        { tool: 'updateTask', args: { task: 'fix the bike', due: '2026-11-27T08:30' } },
      ],
      [
        'muda pra amanhã de manhã, 10h',
        SAO_PAULO,
        h2,
        { tool: 'updateTask', args: { task: 'consertar a bike', due: '2026-11-25T10:00' } },
      ],
      [
        'make it urgent and due friday',
        MADRID,
        h1,
        { tool: 'updateTask', args: { task: 'fix the bike', priority: 'urgent', due: '2026-11-27' } },
      ],
      [
        'coloca ela pra sexta com prioridade alta',
        SAO_PAULO,
        h2,
        { tool: 'updateTask', args: { task: 'consertar a bike', priority: 'high', due: '2026-11-27' } },
      ],
      [
        "first one's finished now",
        MADRID,
        h3,
        { tool: 'completeTask', args: { task: 'renew the gym pass' } },
      ],
      ['the plants are done already', MADRID, none, { tool: 'completeTask', args: { task: 'plants' } }],
      [
        'exclui a tarefa do dentista pfv',
        SAO_PAULO,
        none,
        { tool: 'deleteTask', args: { task: 'dentista' } },
      ],
      ['borra lo del gimnasio porfis', MADRID, none, { tool: 'deleteTask', args: { task: 'gimnasio' } }],
      [
        'do i have any task that mentions the dentist',
        MADRID,
        none,
        { tool: 'listTasks', args: { search: 'dentist' } },
      ],
      [
        'is there anything about the wedding?',
        MADRID,
        none,
        { tool: 'listTasks', args: { search: 'wedding' } },
      ],
      ['tengo algo sobre el banco?', MADRID, none, { tool: 'listTasks', args: { search: 'banco' } }],
      [
        'anything on my list for today?',
        MADRID,
        none,
        { tool: 'listTasks', args: { dueFrom: '2026-11-24', dueTo: '2026-11-24' } },
      ],
      [
        'tem coisa pra hoje?',
        SAO_PAULO,
        none,
        { tool: 'listTasks', args: { dueFrom: '2026-11-24', dueTo: '2026-11-24' } },
      ],
      [
        'put the task invoice in the work project',
        MADRID,
        none,
        { tool: 'updateTask', args: { task: 'invoice', project: 'work' } },
      ],
      [
        'pon la tarea del banco en el proyecto Casa',
        MADRID,
        none,
        { tool: 'updateTask', args: { task: 'banco', project: 'Casa' } },
      ],
      [
        'call the dentist tomorrow',
        MADRID,
        none,
        { tool: 'createTask', args: { title: 'call the dentist', due: '2026-11-25' } },
      ],
      ['remind me to call my mom', MADRID, none, { tool: 'createTask', args: { title: 'call my mom' } }],
      [
        'add call the bank tomorrow morning, 9:30',
        MADRID,
        none,
        { tool: 'createTask', args: { title: 'call the bank', due: '2026-11-25T09:30' } },
      ],
      ['show me my high priority items', MADRID, none, { tool: 'listTasks', args: { priority: 'high' } }],
      [
        'make the monday meeting agenda high priority',
        MADRID,
        none,
        { tool: 'updateTask', args: { task: 'monday meeting agenda', priority: 'high' } },
      ],
      ['delete the netflix task thx', MADRID, none, { tool: 'deleteTask', args: { task: 'netflix' } }],
    ] as const)('reads %j', (text, context, history, expected) => {
      const { tool, args } = understand({ text, ...context, history: [...history] });
      expect({ tool, args }).toEqual(expected);
    });
  });

  it('tells English, Spanish and Portuguese apart', () => {
    expect(detectLanguage('what do I have today')).toBe('en');
    expect(detectLanguage('¿qué tengo pendiente esta semana?')).toBe('es');
    expect(detectLanguage('o que tenho para amanhã?')).toBe('pt');
    expect(detectLanguage('muda a data de revisar a proposta pra sexta')).toBe('pt');
    expect(detectLanguage('muda para quinta às 15h')).toBe('pt');
    expect(detectLanguage('pásala al jueves')).toBe('es');
    expect(detectLanguage('recuérdamelo a las 10')).toBe('es');
    expect(detectLanguage('apúntamela para el viernes')).toBe('es');
    expect(detectLanguage('comprar caramelo amanhã')).toBe('pt');
  });
});

// Batch 17's families (docs/assistant.md): a sentence of news before the request, an acknowledgement or "na
// verdade" before it, "me puedes" / "I'd like to" before a command, help after "tell me", jokes out of scope,
// a reason after a comma in a task reference, half and quarter hours, "prioridade urgente", "qué vence" ranges.
describe('batch 17 families', () => {
  const HISTORY_1: HistoryTurn[] = [
    { role: 'user', text: 'show my tasks' },
    {
      role: 'assistant',
      text: 'You have 3 open tasks:\n1. **Pay the electricity bill**\n2. **Call Marta**\n3. **Renew passport**',
      tool: { name: 'listTasks', args: {} },
    },
  ];
  const HISTORY_2: HistoryTurn[] = [
    { role: 'user', text: 'add a task: renew the car insurance' },
    {
      role: 'assistant',
      text: 'Done ✅ I created **renew the car insurance**.',
      tool: { name: 'createTask', args: { title: 'renew the car insurance' } },
    },
  ];
  it.each([
    [
      'Long day at the office. Add a task to email the landlord tomorrow.',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'email the landlord', due: '2026-11-25' } },
    ],
    [
      'Acabo de hablar con mi jefe. Crea una tarea para preparar la demo del viernes.',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'preparar la demo del viernes' } },
    ],
    [
      'Saí agora da reunião com o cliente. Cria uma tarefa pra mandar a proposta, prioridade alta.',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'mandar a proposta', priority: 'high' } },
    ],
    [
      'awesome, delete the second one',
      MADRID,
      HISTORY_1,
      { tool: 'deleteTask', args: { task: 'Call Marta' } },
    ],
    [
      'genial, márcala como hecha',
      MADRID,
      HISTORY_2,
      { tool: 'completeTask', args: { task: 'renew the car insurance' } },
    ],
    [
      'ótimo, muda pra quinta',
      MADRID,
      HISTORY_2,
      { tool: 'updateTask', args: { task: 'renew the car insurance', due: '2026-11-26' } },
    ],
    [
      'en realidad, pásala al lunes',
      MADRID,
      HISTORY_2,
      { tool: 'updateTask', args: { task: 'renew the car insurance', due: '2026-11-30' } },
    ],
    ['perfect, thank you!', MADRID, HISTORY_2, { tool: null, args: {} }],
    [
      '¿Me puedes borrar la tarea del gimnasio?',
      MADRID,
      [],
      { tool: 'deleteTask', args: { task: 'gimnasio' } },
    ],
    [
      'me pode criar uma tarefa pra ligar pro banco?',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'ligar pro banco' } },
    ],
    [
      "I'd like to create a project called Garden",
      MADRID,
      [],
      { tool: 'createProject', args: { name: 'Garden' } },
    ],
    [
      'quero criar um projeto chamado Casamento',
      MADRID,
      [],
      { tool: 'createProject', args: { name: 'Casamento' } },
    ],
    [
      'quisiera ver mis tareas de esta semana',
      MADRID,
      [],
      { tool: 'listTasks', args: { dueFrom: '2026-11-23', dueTo: '2026-11-29' } },
    ],
    ['tell me what you can do', MADRID, [], { tool: 'help', args: {} }],
    ['explícame qué puedes hacer', MADRID, [], { tool: 'help', args: {} }],
    ['me diz o que você sabe fazer', MADRID, [], { tool: 'help', args: {} }],
    ['tell me a joke please', MADRID, [], { tool: null, args: {} }],
    ['cuéntame un chiste de programadores', MADRID, [], { tool: null, args: {} }],
    ['me conta uma história', MADRID, [], { tool: null, args: {} }],
    ['completed the budget task!!', MADRID, [], { tool: 'completeTask', args: { task: 'budget' } }],
    ['remove the yoga task, no time for it', MADRID, [], { tool: 'deleteTask', args: { task: 'yoga' } }],
    [
      'borra la tarea del dentista, ya no voy',
      MADRID,
      [],
      { tool: 'deleteTask', args: { task: 'dentista' } },
    ],
    [
      'cancela a tarefa da reunião, foi desmarcada',
      MADRID,
      [],
      { tool: 'deleteTask', args: { task: 'reunião' } },
    ],
    [
      'cambia la fecha de la tarea del informe al jueves',
      MADRID,
      [],
      { tool: 'updateTask', args: { task: 'informe', due: '2026-11-26' } },
    ],
    [
      'muda o prazo da tarefa do relatório pra sexta',
      MADRID,
      [],
      { tool: 'updateTask', args: { task: 'relatório', due: '2026-11-27' } },
    ],
    [
      'borra la segunda, ya no hace falta',
      MADRID,
      HISTORY_1,
      { tool: 'deleteTask', args: { task: 'Call Marta' } },
    ],
    [
      'recuérdame pagar la luz el jueves a las 10 y media',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'pagar la luz', remindAt: '2026-11-26T10:30' } },
    ],
    [
      'me lembra de buscar as crianças amanhã às 9 e meia',
      SAO_PAULO,
      [],
      { tool: 'createTask', args: { title: 'buscar as crianças', remindAt: '2026-11-25T09:30' } },
    ],
    [
      'recuérdame llamar a mamá mañana a las 8 y cuarto',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'llamar a mamá', remindAt: '2026-11-25T08:15' } },
    ],
    [
      'remind me to stretch tomorrow at half past 10',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'stretch', remindAt: '2026-11-25T10:30' } },
    ],
    [
      'nueva tarea: pagar el seguro, prioridad urgente',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'pagar el seguro', priority: 'urgent' } },
    ],
    [
      'add a task renew the domain, urgent priority',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'renew the domain', priority: 'urgent' } },
    ],
    [
      '¿qué vence mañana?',
      MADRID,
      [],
      { tool: 'listTasks', args: { dueFrom: '2026-11-25', dueTo: '2026-11-25' } },
    ],
    [
      'qué me vence entre el 2 y el 4 de diciembre',
      MADRID,
      [],
      { tool: 'listTasks', args: { dueFrom: '2026-12-02', dueTo: '2026-12-04' } },
    ],
    [
      'o que vence entre o dia 1 e o dia 3 de dezembro?',
      SAO_PAULO,
      [],
      { tool: 'listTasks', args: { dueFrom: '2026-12-01', dueTo: '2026-12-03' } },
    ],
    ['Dr. Smith called. Nothing else.', MADRID, [], { tool: null, args: {} }],
    ['el informe ya está listo', MADRID, [], { tool: 'completeTask', args: { task: 'informe' } }],
  ] as const)('reads %j', (text, context, history, expected) => {
    const { tool, args } = understand({ text, ...context, history: [...history] });
    expect({ tool, args }).toEqual(expected);
  });
});

describe('batch 18 families', () => {
  const EXAMS: HistoryTurn[] = [
    { role: 'user', text: 'tengo que revisar los exámenes' },
    {
      role: 'assistant',
      text: 'Listo, creé **revisar los exámenes**.',
      tool: { name: 'createTask', args: { title: 'revisar los exámenes' } },
    },
  ];
  const LISTED: HistoryTurn[] = [
    { role: 'user', text: 'what do I have?' },
    {
      role: 'assistant',
      text: 'You have 3 open tasks:\n1. **Call the bank**\n2. **Send the invoices**\n3. **Book the venue**',
      tool: { name: 'listTasks', args: {} },
    },
  ];
  it.each([
    // What is still to deliver or finish: a question about the list, not small talk.
    [
      'what do I have to finish today?',
      MADRID,
      [],
      { tool: 'listTasks', args: { dueFrom: '2026-11-24', dueTo: '2026-11-24' } },
    ],
    [
      'what should I hand in tomorrow',
      MADRID,
      [],
      { tool: 'listTasks', args: { dueFrom: '2026-11-25', dueTo: '2026-11-25' } },
    ],
    [
      'qué me toca hacer mañana',
      MADRID,
      [],
      { tool: 'listTasks', args: { dueFrom: '2026-11-25', dueTo: '2026-11-25' } },
    ],
    [
      '¿qué me falta esta semana?',
      MADRID,
      [],
      { tool: 'listTasks', args: { dueFrom: '2026-11-23', dueTo: '2026-11-29' } },
    ],
    [
      'o que eu preciso entregar amanhã?',
      SAO_PAULO,
      [],
      { tool: 'listTasks', args: { dueFrom: '2026-11-25', dueTo: '2026-11-25' } },
    ],
    // Overdue in other words ("its" is read as "it's" before this).
    ['is anything of mine past its due date?', MADRID, [], { tool: 'listTasks', args: { overdue: true } }],
    ['which tasks are past their deadlines', MADRID, [], { tool: 'listTasks', args: { overdue: true } }],
    ['¿hay tareas que se han pasado de fecha?', MADRID, [], { tool: 'listTasks', args: { overdue: true } }],
    // "llamada" / "chamada" as the noun call, not "called".
    [
      'mueve la llamada con proveedores al martes',
      MADRID,
      [],
      { tool: 'updateTask', args: { task: 'llamada con proveedores', due: '2026-12-01' } },
    ],
    [
      'pasa la llamada del equipo al jueves',
      MADRID,
      [],
      { tool: 'updateTask', args: { task: 'llamada del equipo', due: '2026-11-26' } },
    ],
    // A done statement, then a redundant "tick it off".
    [
      'the second one is done, tick it off',
      MADRID,
      LISTED,
      { tool: 'completeTask', args: { task: 'Send the invoices' } },
    ],
    [
      'the third one is finished, please cross it off',
      MADRID,
      LISTED,
      { tool: 'completeTask', args: { task: 'Book the venue' } },
    ],
    [
      'el informe de ventas ya está hecho, márcalo',
      MADRID,
      [],
      { tool: 'completeTask', args: { task: 'informe de ventas' } },
    ],
    // Batch 19 families. A cancellation, then "remove it": the task is the thing cancelled.
    [
      'the call with the bank got cancelled, delete it',
      MADRID,
      [],
      { tool: 'deleteTask', args: { task: 'call with the bank' } },
    ],
    [
      'la cena con Luis se canceló, bórrala',
      MADRID,
      [],
      { tool: 'deleteTask', args: { task: 'cena con Luis' } },
    ],
    [
      'desmarcaram o jantar da firma, pode tirar',
      SAO_PAULO,
      [],
      { tool: 'deleteTask', args: { task: 'jantar da firma' } },
    ],
    // A priority said as news about the task.
    [
      'the tax return is urgent now',
      MADRID,
      [],
      { tool: 'updateTask', args: { task: 'tax return', priority: 'urgent' } },
    ],
    [
      'lo del alquiler es urgente',
      MADRID,
      [],
      { tool: 'updateTask', args: { task: 'alquiler', priority: 'urgent' } },
    ],
    [
      'o orçamento do cliente virou prioridade alta',
      SAO_PAULO,
      [],
      { tool: 'updateTask', args: { task: 'orçamento do cliente', priority: 'high' } },
    ],
    // A missed deadline is a question about overdue tasks.
    ['have I missed any deadlines', MADRID, [], { tool: 'listTasks', args: { overdue: true } }],
    ['¿se me pasó algún plazo?', MADRID, [], { tool: 'listTasks', args: { overdue: true } }],
    ['perdi algum prazo?', SAO_PAULO, [], { tool: 'listTasks', args: { overdue: true } }],
    // "what did I finish" in English is the done list.
    ['what have I completed so far?', MADRID, [], { tool: 'listTasks', args: { status: 'done' } }],
    // Completion news: "finally ...", "consegui ...".
    ['finally paid the plumber', MADRID, [], { tool: 'completeTask', args: { task: 'plumber' } }],
    ['por fin mandé el presupuesto', MADRID, [], { tool: 'completeTask', args: { task: 'presupuesto' } }],
    [
      'consegui falar com o contador',
      SAO_PAULO,
      [],
      { tool: 'completeTask', args: { task: 'falar com o contador' } },
    ],
    // The person's own duty words are not part of the title.
    [
      'I need to remember to water the office plants tomorrow',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'water the office plants', due: '2026-11-25' } },
    ],
    [
      'apunta que tengo que devolver los libros el jueves',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'devolver los libros', due: '2026-11-26' } },
    ],
    // A day of the month before other words is a day, not an hour ("el día 1 con ...").
    [
      'apunta pagar la cuota el día 1 con prioridad alta',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'pagar la cuota', due: '2026-12-01', priority: 'high' } },
    ],
    [
      'anota ir al banco el día 3 a las 10',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'ir al banco', due: '2026-12-03T10:00' } },
    ],
    // "súbele / bájale / sobe a prioridade / bump it / raise its priority": a priority change on the task just discussed.
    [
      'bájale la prioridad a baja',
      MADRID,
      EXAMS,
      { tool: 'updateTask', args: { task: 'revisar los exámenes', priority: 'low' } },
    ],
    [
      'sobe a prioridade pra urgente',
      SAO_PAULO,
      EXAMS,
      { tool: 'updateTask', args: { task: 'revisar los exámenes', priority: 'urgent' } },
    ],
    [
      'raise its priority to high',
      MADRID,
      EXAMS,
      { tool: 'updateTask', args: { task: 'revisar los exámenes', priority: 'high' } },
    ],
    // Not news about a task: a new urgent one stays a creation.
    [
      'preciso renovar o passaporte, é urgente',
      SAO_PAULO,
      [],
      { tool: 'createTask', args: { title: 'renovar o passaporte', priority: 'urgent' } },
    ],
  ] as const)('reads %j', (text, context, history, expected) => {
    const { tool, args } = understand({ text, ...context, history: [...history] });
    expect({ tool, args }).toEqual(expected);
  });
});

describe('batch 19 open families', () => {
  const LISTED: HistoryTurn[] = [
    { role: 'user', text: 'what do I have?' },
    {
      role: 'assistant',
      text: 'You have 3 open tasks:\n1. **Call the bank**\n2. **Send the invoices**\n3. **Book the venue**',
      tool: { name: 'listTasks', args: {} },
    },
  ];
  const LISTADO: HistoryTurn[] = [
    { role: 'user', text: '¿qué tengo?' },
    {
      role: 'assistant',
      text: 'Tienes 3 tareas:\n1. **Llamar al banco**\n2. **Comprar tinta**\n3. **Pagar la luz**',
      tool: { name: 'listTasks', args: {} },
    },
  ];
  const LISTA: HistoryTurn[] = [
    { role: 'user', text: 'o que eu tenho?' },
    {
      role: 'assistant',
      text: 'Você tem 3 tarefas:\n1. **Ligar pro banco**\n2. **Comprar ração do cachorro**\n3. **Pagar o mercado**',
      tool: { name: 'listTasks', args: {} },
    },
  ];
  const DENTIST: HistoryTurn[] = [
    { role: 'user', text: 'dentista amanhã às 15h' },
    {
      role: 'assistant',
      text: 'Criei **dentista** para amanhã às 15:00.',
      tool: { name: 'createTask', args: { title: 'dentista', due: '2026-11-25T15:00' } },
    },
  ];
  it.each([
    // A list item by its place, said as no longer wanted, then a delete verb.
    ['la segunda ya no, bórrala', MADRID, LISTADO, { tool: 'deleteTask', args: { task: 'Comprar tinta' } }],
    ['la tercera, elimínala', MADRID, LISTADO, { tool: 'deleteTask', args: { task: 'Pagar la luz' } }],
    [
      'a terceira não precisa mais, apaga',
      SAO_PAULO,
      LISTA,
      { tool: 'deleteTask', args: { task: 'Pagar o mercado' } },
    ],
    [
      'the first one is not needed anymore, delete it',
      MADRID,
      LISTED,
      { tool: 'deleteTask', args: { task: 'Call the bank' } },
    ],
    // Colloquial done verbs.
    [
      'got the third one out of the way',
      MADRID,
      LISTED,
      { tool: 'completeTask', args: { task: 'Book the venue' } },
    ],
    [
      'already took care of the second one',
      MADRID,
      LISTED,
      { tool: 'completeTask', args: { task: 'Send the invoices' } },
    ],
    ['knocked out the first one', MADRID, LISTED, { tool: 'completeTask', args: { task: 'Call the bank' } }],
    ['pronto, mandei o orçamento', SAO_PAULO, [], { tool: 'completeTask', args: { task: 'orçamento' } }],
    ['listo, mandé el presupuesto', MADRID, [], { tool: 'completeTask', args: { task: 'presupuesto' } }],
    // A list item named by one of its words.
    ['done with the bank one', MADRID, LISTED, { tool: 'completeTask', args: { task: 'Call the bank' } }],
    [
      'remind me about the venue one on friday at 10',
      MADRID,
      LISTED,
      { tool: 'setReminder', args: { task: 'Book the venue', remindAt: '2026-11-27T10:00' } },
    ],
    ['borra la de la tinta', MADRID, LISTADO, { tool: 'deleteTask', args: { task: 'Comprar tinta' } }],
    ['apaga a do mercado', SAO_PAULO, LISTA, { tool: 'deleteTask', args: { task: 'Pagar o mercado' } }],
    ['done with the bank one', MADRID, [], { tool: 'completeTask', args: { task: 'bank' } }],
    // "put down / jot down / anota aí / apunta": a new task.
    [
      'put down buy printer paper, low priority',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'buy printer paper', priority: 'low' } },
    ],
    [
      'put down email the accountant',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'email the accountant' } },
    ],
    [
      'jot down renew the car insurance by friday',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'renew the car insurance', due: '2026-11-27' } },
    ],
    [
      'anota aí levar o carro na revisão amanhã',
      SAO_PAULO,
      [],
      { tool: 'createTask', args: { title: 'levar o carro na revisão', due: '2026-11-25' } },
    ],
    [
      'apunta comprar pilas para el mando',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'comprar pilas para el mando' } },
    ],
    // A reminder some time before the due time of the task just created.
    [
      'remind me an hour before',
      SAO_PAULO,
      DENTIST,
      { tool: 'setReminder', args: { task: 'dentista', remindAt: '2026-11-25T14:00' } },
    ],
    [
      'avísame 15 minutos antes',
      SAO_PAULO,
      DENTIST,
      { tool: 'setReminder', args: { task: 'dentista', remindAt: '2026-11-25T14:45' } },
    ],
    [
      'me lembra duas horas antes',
      SAO_PAULO,
      DENTIST,
      { tool: 'setReminder', args: { task: 'dentista', remindAt: '2026-11-25T13:00' } },
    ],
    [
      'recuérdamelo una hora y media antes',
      SAO_PAULO,
      DENTIST,
      { tool: 'setReminder', args: { task: 'dentista', remindAt: '2026-11-25T13:30' } },
    ],
    // "did I forget anything?": the overdue tasks, not a completion.
    ['did I forget anything?', MADRID, [], { tool: 'listTasks', args: { overdue: true } }],
    ['¿se me olvidó algo?', MADRID, [], { tool: 'listTasks', args: { overdue: true } }],
    ['esqueci alguma coisa?', SAO_PAULO, [], { tool: 'listTasks', args: { overdue: true } }],
    ['have I missed anything important?', MADRID, [], { tool: 'listTasks', args: { overdue: true } }],
  ] as const)('reads %j', (text, context, history, expected) => {
    const { tool, args } = understand({ text, ...context, history: [...history] });
    expect({ tool, args }).toEqual(expected);
  });
});

describe('batch 20 families (typing fast on a phone)', () => {
  const NEW_YORK = { now: '2026-11-24T09:00:00-05:00', timezone: 'America/New_York' };
  const LISTADO: HistoryTurn[] = [
    { role: 'user', text: 'mis tareas' },
    {
      role: 'assistant',
      text: 'Tienes 3 tareas:\n1. llamar al banco\n2. mandar el informe mensual\n3. comprar tinta',
      tool: { name: 'listTasks', args: {} },
    },
  ];
  const LISTED: HistoryTurn[] = [
    { role: 'user', text: 'whats open' },
    {
      role: 'assistant',
      text: 'You have 2 open tasks:\n1. pay rent\n2. email the landlord',
      tool: { name: 'listTasks', args: {} },
    },
  ];
  const VET: HistoryTurn[] = [
    { role: 'user', text: 'add call the vet' },
    {
      role: 'assistant',
      text: '✅ Created *call the vet*.',
      tool: { name: 'createTask', args: { title: 'call the vet' } },
    },
  ];
  it.each([
    // Texting abbreviations and words typed without their accents.
    [
      'add call the plumber tmrw at 3pm',
      NEW_YORK,
      [],
      { tool: 'createTask', args: { title: 'call the plumber', due: '2026-11-25T15:00' } },
    ],
    [
      'agrega pagar el gas mñn',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'pagar el gas', due: '2026-11-25' } },
    ],
    [
      'tenho algo pra hj?',
      SAO_PAULO,
      [],
      { tool: 'listTasks', args: { dueFrom: '2026-11-24', dueTo: '2026-11-24' } },
    ],
    [
      'k tengo pa hoy',
      MADRID,
      [],
      { tool: 'listTasks', args: { dueFrom: '2026-11-24', dueTo: '2026-11-24' } },
    ],
    ['o q vc consegue fazer', SAO_PAULO, [], { tool: 'help', args: {} }],
    [
      'anota pagar a luz ate sexta',
      SAO_PAULO,
      [],
      { tool: 'createTask', args: { title: 'pagar a luz', due: '2026-11-27' } },
    ],
    [
      'recordame el lunes x la mañana a las 9 llevar el auto al taller',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'llevar el auto al taller', remindAt: '2026-11-30T09:00' } },
    ],
    // A priority label first, then the task.
    [
      'important: send the contract to legal',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'send the contract to legal', priority: 'high' } },
    ],
    [
      'urgente!! llamar al seguro',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'llamar al seguro', priority: 'urgent' } },
    ],
    [
      'é urgente: pagar o boleto hoje',
      SAO_PAULO,
      [],
      { tool: 'createTask', args: { title: 'pagar o boleto', due: '2026-11-24', priority: 'urgent' } },
    ],
    // "remind me" and "me lembra" straight before the task.
    [
      'remind me water the plants at 6pm',
      NEW_YORK,
      [],
      { tool: 'createTask', args: { title: 'water the plants', remindAt: '2026-11-24T18:00' } },
    ],
    [
      'me lembra pagar o boleto amanhã às 9',
      SAO_PAULO,
      [],
      { tool: 'createTask', args: { title: 'pagar o boleto', remindAt: '2026-11-25T09:00' } },
    ],
    // A clause that only says the priority is not part of the title.
    [
      'add renew the car insurance, it is really urgent now',
      NEW_YORK,
      [],
      { tool: 'createTask', args: { title: 'renew the car insurance', priority: 'urgent' } },
    ],
    [
      'agrega renovar el pasaporte y es muy importante',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'renovar el pasaporte', priority: 'high' } },
    ],
    [
      'anota pagar o IPVA que é urgente',
      SAO_PAULO,
      [],
      { tool: 'createTask', args: { title: 'pagar o IPVA', priority: 'urgent' } },
    ],
    // "the ones ...": a list filter without a task word.
    ['show me the urgent ones', MADRID, [], { tool: 'listTasks', args: { priority: 'urgent' } }],
    ['muéstrame solo las atrasadas', MADRID, [], { tool: 'listTasks', args: { overdue: true } }],
    [
      'mostra as de amanhã',
      SAO_PAULO,
      [],
      { tool: 'listTasks', args: { dueFrom: '2026-11-25', dueTo: '2026-11-25' } },
    ],
    // A request said as a wish for the assistant to do it.
    ['I need you to add buy dog food', MADRID, [], { tool: 'createTask', args: { title: 'buy dog food' } }],
    [
      'quiero que me recuerdes llamar a mamá mañana a las 10',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'llamar a mamá', remindAt: '2026-11-25T10:00' } },
    ],
    [
      'preciso que você anote comprar pão amanhã',
      SAO_PAULO,
      [],
      { tool: 'createTask', args: { title: 'comprar pão', due: '2026-11-25' } },
    ],
    // "better / mejor / melhor" before a change of the task just discussed.
    [
      'better make it friday',
      MADRID,
      VET,
      { tool: 'updateTask', args: { task: 'call the vet', due: '2026-11-27' } },
    ],
    // A done statement naming one item of the list just shown by its words.
    [
      'ya mandé el informe',
      MADRID,
      LISTADO,
      { tool: 'completeTask', args: { task: 'mandar el informe mensual' } },
    ],
    ['already paid the rent', MADRID, LISTED, { tool: 'completeTask', args: { task: 'pay rent' } }],
    // "next <weekday>": next week's, but the coming weekend's Saturday or Sunday.
    [
      'add team lunch next saturday',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'team lunch', due: '2026-11-28' } },
    ],
    [
      'adiciona dentista na próxima quarta',
      SAO_PAULO,
      [],
      { tool: 'createTask', args: { title: 'dentista', due: '2026-12-02' } },
    ],
  ] as const)('reads %j', (text, context, history, expected) => {
    const { tool, args } = understand({ text, ...context, history: [...history] });
    expect({ tool, args }).toEqual(expected);
  });
});

describe('batch 21 families (dates and times)', () => {
  const created = (title: string, due: string): HistoryTurn[] => [
    { role: 'user', text: `add ${title}` },
    { role: 'assistant', text: `✅ Created *${title}*.`, tool: { name: 'createTask', args: { title, due } } },
  ];
  it.each([
    // A reminder on a day counted from the due date of the task just discussed.
    [
      'remind me the night before at 9pm',
      MADRID,
      created('flight to Lisbon', '2026-11-28T07:00'),
      { tool: 'setReminder', args: { task: 'flight to Lisbon', remindAt: '2026-11-27T21:00' } },
    ],
    [
      'ping me two days before',
      MADRID,
      created('pay the rent', '2026-11-30'),
      { tool: 'setReminder', args: { task: 'pay the rent', remindAt: '2026-11-28' } },
    ],
    [
      'avísame un día antes a las 7 de la tarde',
      MADRID,
      created('entregar el informe', '2026-11-27'),
      { tool: 'setReminder', args: { task: 'entregar el informe', remindAt: '2026-11-26T19:00' } },
    ],
    [
      'me lembra no dia anterior às 20h',
      SAO_PAULO,
      created('prova de matemática', '2026-11-26T08:00'),
      { tool: 'setReminder', args: { task: 'prova de matemática', remindAt: '2026-11-25T20:00' } },
    ],
    // How often is no part of the title; the first time is the reminder.
    [
      'remind me every day at 8 to take my pills',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'take my pills', remindAt: '2026-11-25T08:00' } },
    ],
    [
      'recuérdame cada viernes pagar la renta',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'pagar la renta', remindAt: '2026-11-27' } },
    ],
    [
      'me lembra todo dia às 7 de tomar o remédio',
      SAO_PAULO,
      [],
      { tool: 'createTask', args: { title: 'tomar o remédio', remindAt: '2026-11-25T07:00' } },
    ],
    // Ranges from now, weekdays of a month, weekends in Spanish and Portuguese.
    [
      'anything due between now and thursday?',
      MADRID,
      [],
      { tool: 'listTasks', args: { dueFrom: '2026-11-24', dueTo: '2026-11-26' } },
    ],
    [
      'add retro on the last friday of the month',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'retro', due: '2026-11-27' } },
    ],
    [
      'agrega inventario el primer lunes de febrero',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'inventario', due: '2027-02-01' } },
    ],
    [
      'apunta ordenar el garaje el finde',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'ordenar el garaje', due: '2026-11-28' } },
    ],
    [
      'adiciona lavar o carro no fim de semana',
      SAO_PAULO,
      [],
      { tool: 'createTask', args: { title: 'lavar o carro', due: '2026-11-28' } },
    ],
    // "vence el lunes" and "due friday" after the title; "pasado mañana" with a time.
    [
      'nueva tarea: pagar el predial, vence el lunes',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'pagar el predial', due: '2026-11-30' } },
    ],
    [
      'recuérdame pasado mañana a las 10 llamar al notario',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'llamar al notario', remindAt: '2026-11-26T10:00' } },
    ],
    // "marca / agenda / schedule" an event.
    [
      'marca consulta no dentista quinta às 15h',
      SAO_PAULO,
      [],
      { tool: 'createTask', args: { title: 'consulta no dentista', due: '2026-11-26T15:00' } },
    ],
    [
      'schedule a call with Ana on friday at 10am',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'call with Ana', due: '2026-11-27T10:00' } },
    ],
    // A meal as the time of day: the day, and no part of the title.
    [
      'remind me after lunch to call the bank',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'call the bank', remindAt: '2026-11-24' } },
    ],
    [
      'me lembra amanhã depois do almoço de ligar pro banco',
      SAO_PAULO,
      [],
      { tool: 'createTask', args: { title: 'ligar pro banco', remindAt: '2026-11-25' } },
    ],
    [
      'me lembra sexta de manhã às 8 de pagar o boleto',
      SAO_PAULO,
      [],
      { tool: 'createTask', args: { title: 'pagar o boleto', remindAt: '2026-11-27T08:00' } },
    ],
    // "reminder ...: X" as a note.
    [
      'reminder tomorrow at 9: call the bank',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'call the bank', remindAt: '2026-11-25T09:00' } },
    ],
    [
      'lembrete: pagar a luz amanhã às 9',
      SAO_PAULO,
      [],
      { tool: 'createTask', args: { title: 'pagar a luz', remindAt: '2026-11-25T09:00' } },
    ],
  ] as const)('reads %j', (text, context, history, expected) => {
    const { tool, args } = understand({ text, ...context, history: [...history] });
    expect({ tool, args }).toEqual(expected);
  });
});

describe('batch 22 families (projects, searches, filters, politeness)', () => {
  const created = (title: string, project?: string): HistoryTurn[] => [
    { role: 'user', text: `add ${title}` },
    {
      role: 'assistant',
      text: `✅ Created *${title}*.`,
      tool: { name: 'createTask', args: project ? { title, project } : { title } },
    },
  ];
  it.each([
    // Polite frames: "would you mind <-ing>", "could you be so kind as to", a greeting with "there", closing thanks.
    [
      'would you mind adding pick up the dry cleaning to my list',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'pick up the dry cleaning' } },
    ],
    ['do you mind deleting the gym task', MADRID, [], { tool: 'deleteTask', args: { task: 'gym' } }],
    [
      'could you be so kind as to mark the invoice task as done',
      MADRID,
      [],
      { tool: 'completeTask', args: { task: 'invoice' } },
    ],
    [
      'hey there! can you show my tasks for today?',
      MADRID,
      [],
      { tool: 'listTasks', args: { dueFrom: '2026-11-24', dueTo: '2026-11-24' } },
    ],
    [
      "could you add 'book flights' to the Travel project?",
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'book flights', project: 'Travel' } },
    ],
    ['mostra as minhas tarefas, se faz favor', SAO_PAULO, [], { tool: 'listTasks', args: {} }],
    [
      "podes pôr 'comprar tinta' no projeto Casa?",
      SAO_PAULO,
      [],
      { tool: 'createTask', args: { title: 'comprar tinta', project: 'Casa' } },
    ],
    // News first, then the request after "but anyway / en fin / mas enfim".
    [
      'long day at work today, but anyway, remind me to call mom at 8pm',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'call mom', remindAt: '2026-11-24T20:00' } },
    ],
    [
      'uf, qué semana, en fin, apunta pagar el gas',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'pagar el gas' } },
    ],
    [
      'nossa, que dia, mas enfim, anota comprar ração',
      SAO_PAULO,
      [],
      { tool: 'createTask', args: { title: 'comprar ração' } },
    ],
    [
      'agrégame revisar las facturas el jueves',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'revisar las facturas', due: '2026-11-26' } },
    ],
    // The task just discussed belongs in another project.
    [
      'oops, that belongs in the Work project',
      MADRID,
      created('send the slides'),
      { tool: 'updateTask', args: { task: 'send the slides', project: 'Work' } },
    ],
    [
      'eso va en el proyecto Casa',
      MADRID,
      created('comprar pintura', 'Trabajo'),
      { tool: 'updateTask', args: { task: 'comprar pintura', project: 'Casa' } },
    ],
    [
      'isso é do projeto Trabalho',
      SAO_PAULO,
      created('mandar o relatório'),
      { tool: 'updateTask', args: { task: 'mandar o relatório', project: 'Trabalho' } },
    ],
    ['that is a great project', MADRID, created('fix the sink'), { tool: null, args: {} }],
    // Searches: "which tasks mention X", "¿hay algo del X?" (the article kept, as with "sobre").
    ['which tasks mention Acme?', MADRID, [], { tool: 'listTasks', args: { search: 'Acme' } }],
    ['¿qué tareas mencionan el contrato?', MADRID, [], { tool: 'listTasks', args: { search: 'contrato' } }],
    ['¿hay algo del dentista?', MADRID, [], { tool: 'listTasks', args: { search: 'dentista' } }],
    ['tem algo da escola?', SAO_PAULO, [], { tool: 'listTasks', args: { search: 'escola' } }],
    // Overdue said as "se me pasó"; "due by / hasta / até" as the end only, "before" as the day before.
    ['¿qué se me pasó?', MADRID, [], { tool: 'listTasks', args: { overdue: true } }],
    [
      '¿qué se me ha pasado en el proyecto Casa?',
      MADRID,
      [],
      { tool: 'listTasks', args: { overdue: true, project: 'Casa' } },
    ],
    ["what's due by thursday?", MADRID, [], { tool: 'listTasks', args: { dueTo: '2026-11-26' } }],
    ['¿qué vence antes del viernes?', MADRID, [], { tool: 'listTasks', args: { dueTo: '2026-11-26' } }],
    ['o que vence até amanhã?', SAO_PAULO, [], { tool: 'listTasks', args: { dueTo: '2026-11-25' } }],
    // Renames with both names quoted; "a day" is a length, not a date.
    [
      "renombra 'pagar luz' a 'pagar la luz y el agua'",
      MADRID,
      [],
      { tool: 'updateTask', args: { task: 'pagar luz', title: 'pagar la luz y el agua' } },
    ],
    ['add ask for a day off', MADRID, [], { tool: 'createTask', args: { title: 'ask for a day off' } }],
  ] as const)('reads %j', (text, context, history, expected) => {
    const { tool, args } = understand({ text, ...context, history: [...history] });
    expect({ tool, args }).toEqual(expected);
  });
});

describe('batch 23 families (corrections, follow-ups, indirect requests)', () => {
  const created = (title: string): HistoryTurn[] => [
    { role: 'user', text: `add ${title}` },
    { role: 'assistant', text: `✅ Created *${title}*.`, tool: { name: 'createTask', args: { title } } },
  ];
  const TODAY: HistoryTurn[] = [
    { role: 'user', text: 'what do I have today?' },
    {
      role: 'assistant',
      text: 'Today:\n1. pay rent\n2. call the bank\n3. buy milk',
      tool: { name: 'listTasks', args: { dueFrom: '2026-11-24', dueTo: '2026-11-24' } },
    },
  ];
  it.each([
    // A correction: only a new day for the task just discussed.
    [
      'actually friday',
      MADRID,
      created('call the bank'),
      { tool: 'updateTask', args: { task: 'call the bank', due: '2026-11-27' } },
    ],
    [
      'wait, tomorrow at 10',
      MADRID,
      created('call the bank'),
      { tool: 'updateTask', args: { task: 'call the bank', due: '2026-11-25T10:00' } },
    ],
    [
      'no, mejor el jueves a las 5',
      MADRID,
      created('llamar al banco'),
      { tool: 'updateTask', args: { task: 'llamar al banco', due: '2026-11-26T17:00' } },
    ],
    [
      'não, amanhã',
      SAO_PAULO,
      created('ligar pro banco'),
      { tool: 'updateTask', args: { task: 'ligar pro banco', due: '2026-11-25' } },
    ],
    ['friday is my birthday', MADRID, created('call the bank'), { tool: null, args: {} }],
    // "and next week?", "¿y las de la semana que viene?", "e as atrasadas?": the list again with another filter.
    [
      'and next week?',
      MADRID,
      TODAY,
      { tool: 'listTasks', args: { dueFrom: '2026-11-30', dueTo: '2026-12-06' } },
    ],
    [
      'what about the high priority ones?',
      MADRID,
      TODAY,
      { tool: 'listTasks', args: { dueFrom: '2026-11-24', dueTo: '2026-11-24', priority: 'high' } },
    ],
    [
      '¿y las de la semana que viene?',
      MADRID,
      TODAY,
      { tool: 'listTasks', args: { dueFrom: '2026-11-30', dueTo: '2026-12-06' } },
    ],
    ['e as atrasadas?', SAO_PAULO, TODAY, { tool: 'listTasks', args: { overdue: true } }],
    // A new name for the task just discussed.
    [
      "name it 'pay the water bill'",
      MADRID,
      created('pay the bill'),
      { tool: 'updateTask', args: { task: 'pay the bill', title: 'pay the water bill' } },
    ],
    [
      "llámala 'pagar el agua'",
      MADRID,
      created('pagar la luz'),
      { tool: 'updateTask', args: { task: 'pagar la luz', title: 'pagar el agua' } },
    ],
    // "X can wait till ...", "puede esperar al ...", "pode ficar pra ...": a later day.
    [
      'lo del banco puede esperar al lunes',
      MADRID,
      [],
      { tool: 'updateTask', args: { task: 'banco', due: '2026-11-30' } },
    ],
    [
      'a primeira pode ficar pra sexta',
      SAO_PAULO,
      TODAY,
      { tool: 'updateTask', args: { task: 'pay rent', due: '2026-11-27' } },
    ],
    // "did I add X?": a search, asked.
    ['did I add the plumber?', MADRID, [], { tool: 'listTasks', args: { search: 'plumber' } }],
    [
      'já anotei o aniversário da Ana?',
      SAO_PAULO,
      [],
      { tool: 'listTasks', args: { search: 'aniversário da Ana' } },
    ],
    // "remind me who / what ...": a question, out of scope.
    ['remind me who won the game last night', MADRID, [], { tool: null, args: {} }],
    // Priority raised with "sube / sobe"; "em atraso" as overdue; "cuidei / tratei de X" as done.
    [
      'sube lo del seguro a urgente',
      MADRID,
      [],
      { tool: 'updateTask', args: { task: 'seguro', priority: 'urgent' } },
    ],
    ['tenho alguma coisa em atraso?', SAO_PAULO, [], { tool: 'listTasks', args: { overdue: true } }],
    ['já cuidei da inscrição', SAO_PAULO, [], { tool: 'completeTask', args: { task: 'inscrição' } }],
    // A project "for" something; duty words after "need to remember to".
    ['crea un proyecto para mi boda', MADRID, [], { tool: 'createProject', args: { name: 'boda' } }],
    [
      'I really need to clean the gutters on saturday',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'clean the gutters', due: '2026-11-28' } },
    ],
    // A clock hour 1 to 6 on a named day is the afternoon's unless the morning is said.
    [
      'add call with Tokyo on friday at 3',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'call with Tokyo', due: '2026-11-27T15:00' } },
    ],
    [
      'agrega gym el jueves a las 6 de la mañana',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'gym', due: '2026-11-26T06:00' } },
    ],
  ] as const)('reads %j', (text, context, history, expected) => {
    const { tool, args } = understand({ text, ...context, history: [...history] });
    expect({ tool, args }).toEqual(expected);
  });
});

describe('batch 24 families (every tool in plain words)', () => {
  it.each([
    // "find anything about X", "busca algo sobre X": the term without "anything".
    ['look for something about the car', MADRID, { tool: 'listTasks', args: { search: 'car' } }],
    ['busca alguna cosa sobre la hipoteca', MADRID, { tool: 'listTasks', args: { search: 'hipoteca' } }],
    ['procura alguma coisa sobre o seguro', SAO_PAULO, { tool: 'listTasks', args: { search: 'seguro' } }],
    // A date said after the project is no part of its name.
    [
      'add book hotel to the Trip project due dec 3',
      MADRID,
      { tool: 'createTask', args: { title: 'book hotel', due: '2026-12-03', project: 'Trip' } },
    ],
    [
      "agrega 'pintar la cerca' al proyecto Casa con fecha 2 de diciembre",
      MADRID,
      { tool: 'createTask', args: { title: 'pintar la cerca', due: '2026-12-02', project: 'Casa' } },
    ],
    [
      "adiciona 'trocar o chuveiro' ao projeto Casa com prazo 4 de dezembro",
      SAO_PAULO,
      { tool: 'createTask', args: { title: 'trocar o chuveiro', due: '2026-12-04', project: 'Casa' } },
    ],
    // Help asked as "what things can I ask you".
    ['¿qué cosas te puedo decir?', MADRID, { tool: 'help', args: {} }],
    ['que coisas posso te pedir?', SAO_PAULO, { tool: 'help', args: {} }],
  ] as const)('reads %j', (text, context, expected) => {
    const { tool, args } = understand({ text, ...context, history: [] });
    expect({ tool, args }).toEqual(expected);
  });
});

describe('robustness families (the set with fillers, closing words, emoji, no accents, lower case)', () => {
  const ANA: HistoryTurn[] = [
    { role: 'user', text: 'adiciona enviar o contrato para a Ana' },
    {
      role: 'assistant',
      text: 'Criei **enviar o contrato para a Ana**.',
      tool: { name: 'createTask', args: { title: 'enviar o contrato para a Ana' } },
    },
  ];
  it.each([
    // Emoji after a closing word; a closing word after a one-word request; "instead" before "thanks".
    ['mark the gym task as done pls 🙏', MADRID, [], { tool: 'completeTask', args: { task: 'gym' } }],
    [
      'apunta comprar pilas para el viernes porfa ✅',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'comprar pilas', due: '2026-11-27' } },
    ],
    ['bórrala gracias!', MADRID, ANA, { tool: 'deleteTask', args: { task: 'enviar o contrato para a Ana' } }],
    // Words typed without ñ or accents.
    [
      'anade una tarea: lavar el coche',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'lavar el coche' } },
    ],
    [
      'termine el informe de gastos',
      MADRID,
      [],
      { tool: 'completeTask', args: { task: 'informe de gastos' } },
    ],
    ['por fin mande el presupuesto', MADRID, [], { tool: 'completeTask', args: { task: 'presupuesto' } }],
    [
      'me lembra disso as 17h',
      SAO_PAULO,
      ANA,
      { tool: 'setReminder', args: { task: 'enviar o contrato para a Ana', remindAt: '2026-11-24T17:00' } },
    ],
    // News, then a request starting in lower case.
    [
      'just got off the phone with the bank. add a task to send them the forms',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'send them the forms' } },
    ],
  ] as const)('reads %j', (text, context, history, expected) => {
    const { tool, args } = understand({ text, ...context, history: [...history] });
    expect({ tool, args }).toEqual(expected);
  });
});

describe('batch 25 families (regional English, Spanish and Portuguese)', () => {
  const created = (title: string, due?: string): HistoryTurn[] => [
    { role: 'user', text: `add ${title}` },
    {
      role: 'assistant',
      text: `✅ Created *${title}*.`,
      tool: { name: 'createTask', args: due ? { title, due } : { title } },
    },
  ];
  it.each([
    // Indian and British English: "kindly", "prepone", "a fortnight", "tomorrow week", "half four", "end of day".
    [
      'kindly add a task to file the TDS return by monday',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'file the TDS return', due: '2026-11-30' } },
    ],
    [
      'please prepone the review meeting to thursday 10 am',
      MADRID,
      [],
      { tool: 'updateTask', args: { task: 'review meeting', due: '2026-11-26T10:00' } },
    ],
    [
      'add book the plumber in a fortnight',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'book the plumber', due: '2026-12-08' } },
    ],
    [
      'add the car MOT for tomorrow week',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'the car MOT', due: '2026-12-02' } },
    ],
    [
      'remind me to call the garage at half four',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'call the garage', remindAt: '2026-11-24T16:30' } },
    ],
    [
      'I need to send the report by end of day',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'send the report', due: '2026-11-24' } },
    ],
    ['chuck the yoga task', MADRID, [], { tool: 'deleteTask', args: { task: 'yoga' } }],
    [
      'any urgent stuff due this week?',
      MADRID,
      [],
      { tool: 'listTasks', args: { priority: 'urgent', dueFrom: '2026-11-23', dueTo: '2026-11-29' } },
    ],
    [
      "that's sorted, cross it off",
      MADRID,
      created('send the invoice'),
      { tool: 'completeTask', args: { task: 'send the invoice' } },
    ],
    ["I've already sent the quote", MADRID, [], { tool: 'completeTask', args: { task: 'quote' } }],
    // Hours said as words; an indefinite article before a title; the perfect as done; the weekend as two days.
    [
      'recuérdame a las seis y media llamar a mi madre',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'llamar a mi madre', remindAt: '2026-11-24T18:30' } },
    ],
    [
      'apúntame una cita con el dentista el jueves',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'cita con el dentista', due: '2026-11-26' } },
    ],
    ['ya he pagado lo del seguro', MADRID, [], { tool: 'completeTask', args: { task: 'seguro' } }],
    [
      '¿qué tengo el fin de semana?',
      MADRID,
      [],
      { tool: 'listTasks', args: { dueFrom: '2026-11-28', dueTo: '2026-11-29' } },
    ],
    // "cámbiame / pásame X a <day>", "poneme prioridad alta en X".
    [
      'cámbiame la reunión al viernes',
      MADRID,
      [],
      { tool: 'updateTask', args: { task: 'reunión', due: '2026-11-27' } },
    ],
    [
      'poneme prioridad alta en lo del alquiler',
      MADRID,
      [],
      { tool: 'updateTask', args: { task: 'alquiler', priority: 'high' } },
    ],
    // A reminder before the task just discussed, the task named.
    [
      'me avisa meia hora antes da consulta',
      SAO_PAULO,
      created('consulta', '2026-11-25T15:00'),
      { tool: 'setReminder', args: { task: 'consulta', remindAt: '2026-11-25T14:30' } },
    ],
    [
      'recuérdame lo del dentista una hora antes',
      MADRID,
      created('dentista', '2026-11-25T15:00'),
      { tool: 'setReminder', args: { task: 'dentista', remindAt: '2026-11-25T14:00' } },
    ],
    // Portuguese: "aquele lance de X", "aponta aí", "a minha agenda", "a do X", "cedo".
    [
      'já resolvi aquele lance da academia',
      SAO_PAULO,
      [],
      { tool: 'completeTask', args: { task: 'academia' } },
    ],
    [
      'aponta aí renovar o cartão do cidadão',
      SAO_PAULO,
      [],
      { tool: 'createTask', args: { title: 'renovar o cartão do cidadão' } },
    ],
    [
      'qual é a minha agenda de amanhã?',
      SAO_PAULO,
      [],
      { tool: 'listTasks', args: { dueFrom: '2026-11-25', dueTo: '2026-11-25' } },
    ],
    ['tira a do ginásio', SAO_PAULO, [], { tool: 'deleteTask', args: { task: 'ginásio' } }],
    [
      'anota aí: dentista amanhã cedo',
      SAO_PAULO,
      [],
      { tool: 'createTask', args: { title: 'dentista', due: '2026-11-25' } },
    ],
  ] as const)('reads %j', (text, context, history, expected) => {
    const { tool, args } = understand({ text, ...context, history: [...history] });
    expect({ tool, args }).toEqual(expected);
  });
});

describe('out-of-scope probe families', () => {
  it.each([
    ['set a timer for 10 minutes', MADRID],
    ['pon un temporizador de 5 minutos', MADRID],
    ['põe um timer de 3 minutos', SAO_PAULO],
    ["what's on tv tonight", MADRID],
    ['what is on netflix this weekend', MADRID],
  ] as const)('answers %j without a tool', (text, context) => {
    expect(understand({ text, ...context, history: [] }).tool).toBeNull();
  });
});

describe('batch 26 families (numbers and dates inside titles, spoken run-ons)', () => {
  const LISTA: HistoryTurn[] = [
    { role: 'user', text: 'minhas tarefas' },
    {
      role: 'assistant',
      text: 'Suas tarefas:\n1. pagar o boleto\n2. rever o capítulo 5\n3. ligar pro veterinário',
      tool: { name: 'listTasks', args: {} },
    },
  ];
  it.each([
    // A time or day that names a thing: "the 9am standup", "the 25th anniversary dinner", "la función de las 10".
    [
      'add prep slides for the 9am standup tomorrow',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'prep slides for the 9am standup', due: '2026-11-25' } },
    ],
    [
      'add buy a gift for the 25th anniversary dinner',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'buy a gift for the 25th anniversary dinner' } },
    ],
    [
      'apunta comprar 2 entradas para la función de las 10 el domingo',
      MADRID,
      [],
      {
        tool: 'createTask',
        args: { title: 'comprar 2 entradas para la función de las 10', due: '2026-11-29' },
      },
    ],
    // Quantities are no hours; how often with no hour is no date.
    [
      'recuérdame tomar 500 mg de vitamina C a las 8',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'tomar 500 mg de vitamina C', remindAt: '2026-11-25T08:00' } },
    ],
    [
      'anota correr 10 km no domingo',
      SAO_PAULO,
      [],
      { tool: 'createTask', args: { title: 'correr 10 km', due: '2026-11-29' } },
    ],
    ['add stretch every morning', MADRID, [], { tool: 'createTask', args: { title: 'stretch' } }],
    [
      'apunta regar las plantas cada noche',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'regar las plantas' } },
    ],
    // Spoken run-ons: hesitations, the due date's own clause and the reason after it.
    [
      'okay so basically I need to renew the lease and it has to be done by friday because the landlord is away',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'renew the lease', due: '2026-11-27' } },
    ],
    [
      'tengo que pagar el seguro y tiene que ser antes del lunes porque vence',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'pagar el seguro', due: '2026-11-30' } },
    ],
    ['um, add call the bank', MADRID, [], { tool: 'createTask', args: { title: 'call the bank' } }],
    // "find me a X": something in the world, out of scope.
    ['find me a good pizza place', MADRID, [], { tool: null, args: {} }],
    ['búscame un hotel en Roma', MADRID, [], { tool: null, args: {} }],
    ['me acha um restaurante bom', SAO_PAULO, [], { tool: null, args: {} }],
    // "project" as a word of the title; the Portuguese "a" kept as "the"; "a 2 eu já fiz".
    [
      'add the project plan review to the Ops project',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'the project plan review', project: 'Ops' } },
    ],
    [
      'adiciona a apresentação pro cliente',
      SAO_PAULO,
      [],
      { tool: 'createTask', args: { title: 'a apresentação pro cliente' } },
    ],
    ['a 2 eu já fiz', SAO_PAULO, LISTA, { tool: 'completeTask', args: { task: 'rever o capítulo 5' } }],
  ] as const)('reads %j', (text, context, history, expected) => {
    const { tool, args } = understand({ text, ...context, history: [...history] });
    expect({ tool, args }).toEqual(expected);
  });
});

describe('"remind me an hour before" in other words (known open family)', () => {
  const MEETING: HistoryTurn[] = [
    { role: 'user', text: 'add team meeting tomorrow at 3pm' },
    {
      role: 'assistant',
      text: '✅ Created *team meeting* for tomorrow at 15:00.',
      tool: { name: 'createTask', args: { title: 'team meeting', due: '2026-11-25T15:00' } },
    },
  ];
  const RENT: HistoryTurn[] = [
    { role: 'user', text: 'add pay rent on monday' },
    {
      role: 'assistant',
      text: '✅ Created *pay rent* for Monday.',
      tool: { name: 'createTask', args: { title: 'pay rent', due: '2026-11-30' } },
    },
  ];
  it.each([
    [
      'set a reminder an hour before',
      MEETING,
      { tool: 'setReminder', args: { task: 'team meeting', remindAt: '2026-11-25T14:00' } },
    ],
    [
      'can you remind me an hour before?',
      MEETING,
      { tool: 'setReminder', args: { task: 'team meeting', remindAt: '2026-11-25T14:00' } },
    ],
    [
      'remind me 2 hours beforehand',
      MEETING,
      { tool: 'setReminder', args: { task: 'team meeting', remindAt: '2026-11-25T13:00' } },
    ],
    [
      'send me a reminder 20 minutes before',
      MEETING,
      { tool: 'setReminder', args: { task: 'team meeting', remindAt: '2026-11-25T14:40' } },
    ],
    // No due time to count from: no reminder an hour ago, and no task named "hour".
    ['remind me an hour before', RENT, { tool: null, args: {} }],
  ] as const)('reads %j', (text, history, expected) => {
    const { tool, args } = understand({ text, ...MADRID, history: [...history] });
    expect({ tool, args }).toEqual(expected);
  });
});

describe('batch 27 families (English as a second language, code-switching)', () => {
  const RENEW: HistoryTurn[] = [
    { role: 'user', text: 'add renew the visa' },
    {
      role: 'assistant',
      text: '✅ Created *renew the visa*.',
      tool: { name: 'createTask', args: { title: 'renew the visa' } },
    },
  ];
  it.each([
    [
      'please to create task: renew the visa next friday',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'renew the visa', due: '2026-12-04' } },
    ],
    [
      'remember me to buy bread tomorrow',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'buy bread', remindAt: '2026-11-25' } },
    ],
    // "the task of X" as "the task about X"; the task named first, then a command about "it".
    ['the task of the bank, delete it', MADRID, [], { tool: 'deleteTask', args: { task: 'bank' } }],
    ['la tarea del gym, márcala como hecha', MADRID, [], { tool: 'completeTask', args: { task: 'gym' } }],
    ['remove the task of the car', MADRID, [], { tool: 'deleteTask', args: { task: 'car' } }],
    [
      'put priority urgent in the task of the visa',
      MADRID,
      [],
      { tool: 'updateTask', args: { task: 'visa', priority: 'urgent' } },
    ],
    ['show me the tasks of the project Home', MADRID, [], { tool: 'listTasks', args: { project: 'Home' } }],
    ['i already wrote the report', MADRID, [], { tool: 'completeTask', args: { task: 'report' } }],
    ['create a project with name Home', MADRID, [], { tool: 'createProject', args: { name: 'Home' } }],
    ["it's finished already", MADRID, RENEW, { tool: 'completeTask', args: { task: 'renew the visa' } }],
    ['how i use this bot?', MADRID, [], { tool: 'help', args: {} }],
    ['how do i get to the train station', MADRID, [], { tool: null, args: {} }],
  ] as const)('reads %j', (text, context, history, expected) => {
    const { tool, args } = understand({ text, ...context, history: [...history] });
    expect({ tool, args }).toEqual(expected);
  });
});

describe('batch 28 families (priorities in many words, projects)', () => {
  const LISTADO: HistoryTurn[] = [
    { role: 'user', text: 'mis tareas' },
    {
      role: 'assistant',
      text: 'Tus tareas:\n1. pagar la luz\n2. renovar el dominio\n3. limpiar el garaje',
      tool: { name: 'listTasks', args: {} },
    },
  ];
  it.each([
    [
      "add renew the domain, it's critical",
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'renew the domain', priority: 'urgent' } },
    ],
    [
      'add clean the garage, no hurry',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'clean the garage', priority: 'low' } },
    ],
    [
      'agrega pintar la reja cuando puedas',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'pintar la reja', priority: 'low' } },
    ],
    [
      'anota trocar a lâmpada, sem pressa',
      SAO_PAULO,
      [],
      { tool: 'createTask', args: { title: 'trocar a lâmpada', priority: 'low' } },
    ],
    [
      'adiciona mandar o orçamento, é pra ontem',
      SAO_PAULO,
      [],
      { tool: 'createTask', args: { title: 'mandar o orçamento', priority: 'urgent' } },
    ],
    [
      'add send the quote as soon as possible',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'send the quote', priority: 'urgent' } },
    ],
    [
      'upgrade the garage task to urgent',
      MADRID,
      [],
      { tool: 'updateTask', args: { task: 'garage', priority: 'urgent' } },
    ],
    [
      'baja la segunda a baja',
      MADRID,
      LISTADO,
      { tool: 'updateTask', args: { task: 'renovar el dominio', priority: 'low' } },
    ],
    [
      'la tercera es crítica',
      MADRID,
      LISTADO,
      { tool: 'updateTask', args: { task: 'limpiar el garaje', priority: 'urgent' } },
    ],
    // "what's urgent?": the list of that priority.
    [
      "what's important today?",
      MADRID,
      [],
      { tool: 'listTasks', args: { priority: 'high', dueFrom: '2026-11-24', dueTo: '2026-11-24' } },
    ],
    ['¿qué es lo más urgente?', MADRID, [], { tool: 'listTasks', args: { priority: 'urgent' } }],
    ['quais são urgentes?', SAO_PAULO, [], { tool: 'listTasks', args: { priority: 'urgent' } }],
    // Projects: "file / stick X under", "what's in the X project", no tool deletes a project, "empieza / começa".
    [
      "stick 'order toner' under the Office project",
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'order toner', project: 'Office' } },
    ],
    ["what's in the Office project?", MADRID, [], { tool: 'listTasks', args: { project: 'Office' } }],
    ['remove the Office project', MADRID, [], { tool: null, args: {} }],
    ['empieza un proyecto: Mudanza', MADRID, [], { tool: 'createProject', args: { name: 'Mudanza' } }],
    [
      'começa um projeto chamado Mudança',
      SAO_PAULO,
      [],
      { tool: 'createProject', args: { name: 'Mudança' } },
    ],
    ['mostra-me os projetos', SAO_PAULO, [], { tool: 'listProjects', args: {} }],
  ] as const)('reads %j', (text, context, history, expected) => {
    const { tool, args } = understand({ text, ...context, history: [...history] });
    expect({ tool, args }).toEqual(expected);
  });
});

describe('batch 29 families (date and time formats)', () => {
  const created = (title: string): HistoryTurn[] => [
    { role: 'user', text: `add ${title}` },
    { role: 'assistant', text: `✅ *${title}*`, tool: { name: 'createTask', args: { title } } },
  ];
  it.each([
    // A weekday with its day of the month: the day says the date, the weekday is no part of the title.
    [
      'add bbq on saturday the 28th at 1pm',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'bbq', due: '2026-11-28T13:00' } },
    ],
    [
      'agrega asado el sábado 28 a las 13',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'asado', due: '2026-11-28T13:00' } },
    ],
    [
      'adiciona churrasco sábado dia 28 às 13h',
      SAO_PAULO,
      [],
      { tool: 'createTask', args: { title: 'churrasco', due: '2026-11-28T13:00' } },
    ],
    [
      'adiciona academia sexta 9h',
      SAO_PAULO,
      [],
      { tool: 'createTask', args: { title: 'academia', due: '2026-11-27T09:00' } },
    ],
    // "quarter to", "menos um quarto", midnight, the last day of the month.
    [
      'remind me at quarter to 5 to leave',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'leave', remindAt: '2026-11-24T16:45' } },
    ],
    [
      'lembra-me às cinco menos um quarto de sair',
      SAO_PAULO,
      [],
      { tool: 'createTask', args: { title: 'sair', remindAt: '2026-11-24T16:45' } },
    ],
    [
      'apunta cerrar la caja a medianoche',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'cerrar la caja', due: '2026-11-25T00:00' } },
    ],
    [
      'anota desligar o servidor à meia-noite',
      SAO_PAULO,
      [],
      { tool: 'createTask', args: { title: 'desligar o servidor', due: '2026-11-25T00:00' } },
    ],
    [
      'apunta pagar la luz el último día del mes',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'pagar la luz', due: '2026-11-30' } },
    ],
    // A bare day number after "al / pro dia" for the task just discussed.
    [
      'pásala al 29',
      MADRID,
      created('entregar el informe'),
      { tool: 'updateTask', args: { task: 'entregar el informe', due: '2026-11-29' } },
    ],
    [
      'muda ela pro dia 29',
      SAO_PAULO,
      created('entregar o laudo'),
      { tool: 'updateTask', args: { task: 'entregar o laudo', due: '2026-11-29' } },
    ],
  ] as const)('reads %j', (text, context, history, expected) => {
    const { tool, args } = understand({ text, ...context, history: [...history] });
    expect({ tool, args }).toEqual(expected);
  });
});

describe('batch 30 families (notes typed in shorthand)', () => {
  it.each([
    // "pri" for priority; a project named last without its preposition ("proj hr", "projeto obra").
    [
      'add water the plants low pri',
      MADRID,
      { tool: 'createTask', args: { title: 'water the plants', priority: 'low' } },
    ],
    [
      'add task draft budget proj hr',
      MADRID,
      { tool: 'createTask', args: { title: 'draft budget', project: 'hr' } },
    ],
    [
      'anota revisar contrato projeto obra',
      SAO_PAULO,
      { tool: 'createTask', args: { title: 'revisar contrato', project: 'obra' } },
    ],
    ['add finish project report', MADRID, { tool: 'createTask', args: { title: 'finish project report' } }],
    // The task word alone as the command, and weekdays cut short where a date stands (not "preciso ter").
    [
      'tarea llamar al banco jue',
      MADRID,
      { tool: 'createTask', args: { title: 'llamar al banco', due: '2026-11-26' } },
    ],
    [
      'tarefa pagar boleto qui 10h',
      SAO_PAULO,
      { tool: 'createTask', args: { title: 'pagar boleto', due: '2026-11-26T10:00' } },
    ],
    [
      'task renew passport fri',
      MADRID,
      { tool: 'createTask', args: { title: 'renew passport', due: '2026-11-27' } },
    ],
    [
      'anota comprar pão sex',
      SAO_PAULO,
      { tool: 'createTask', args: { title: 'comprar pão', due: '2026-11-27' } },
    ],
    ['preciso ter uma reunião', SAO_PAULO, { tool: 'createTask', args: { title: 'ter uma reunião' } }],
    // Done and delete in shorthand; a reminder named by its noun; "p" for "pra" before a day or a priority.
    ['done w the slides', MADRID, { tool: 'completeTask', args: { task: 'slides' } }],
    ['hecho revisar el contrato', MADRID, { tool: 'completeTask', args: { task: 'revisar el contrato' } }],
    ['del the dentist task', MADRID, { tool: 'deleteTask', args: { task: 'dentist' } }],
    [
      'reminder for the dentist tomorrow at 9',
      MADRID,
      { tool: 'setReminder', args: { task: 'dentist', remindAt: '2026-11-25T09:00' } },
    ],
    [
      'lembrete do pagamento amanhã 9h',
      SAO_PAULO,
      { tool: 'setReminder', args: { task: 'pagamento', remindAt: '2026-11-25T09:00' } },
    ],
    [
      'muda a reunião p sexta',
      SAO_PAULO,
      { tool: 'updateTask', args: { task: 'reunião', due: '2026-11-27' } },
    ],
    // The task word and its filters, nothing else; the projects asked with one word.
    ['urgent tasks', MADRID, { tool: 'listTasks', args: { priority: 'urgent' } }],
    [
      'tareas importantes para el viernes',
      MADRID,
      { tool: 'listTasks', args: { priority: 'high', dueFrom: '2026-11-27', dueTo: '2026-11-27' } },
    ],
    [
      'tarefas urgentes do projeto obra',
      SAO_PAULO,
      { tool: 'listTasks', args: { priority: 'urgent', project: 'obra' } },
    ],
    ['proyectos?', MADRID, { tool: 'listProjects', args: {} }],
  ] as const)('reads %j', (text, context, expected) => {
    const { tool, args } = understand({ text, ...context, history: [] });
    expect({ tool, args }).toEqual(expected);
  });
});

describe('batch 31 families (a story first, then the request)', () => {
  const LISTA: HistoryTurn[] = [
    { role: 'user', text: 'minhas tarefas' },
    {
      role: 'assistant',
      text: 'Suas tarefas:\n1. *pagar o aluguel*\n2. *ligar pro contador*\n3. *levar o carro na revisão*',
      tool: { name: 'listTasks', args: {} },
    },
  ];
  it.each([
    // The request after a sentence, a comma or an emoji that ends the story.
    [
      'Crazy morning at the bakery. Can you add a task to order more flour for friday?',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'order more flour', due: '2026-11-27' } },
    ],
    [
      "We're hiring two waiters next month, create a project called Hiring",
      MADRID,
      [],
      { tool: 'createProject', args: { name: 'Hiring' } },
    ],
    [
      'the courier never showed 🙄 move pick up the parcel to thursday',
      MADRID,
      [],
      { tool: 'updateTask', args: { task: 'pick up the parcel', due: '2026-11-26' } },
    ],
    [
      'Tá uma loucura aqui, cria um projeto chamado Natal',
      SAO_PAULO,
      [],
      { tool: 'createProject', args: { name: 'Natal' } },
    ],
    // The story names the task, the request says "it"; a question, then "look for it".
    [
      'Finalmente paguei o condomínio! Pode marcar como feito',
      SAO_PAULO,
      [],
      { tool: 'completeTask', args: { task: 'condomínio' } },
    ],
    [
      'Por fin pagué la patente! Márcala como hecha',
      MADRID,
      [],
      { tool: 'completeTask', args: { task: 'patente' } },
    ],
    [
      'did I add anything about the gym? look for it',
      MADRID,
      [],
      { tool: 'listTasks', args: { search: 'gym' } },
    ],
    [
      'tinha alguma coisa anotada sobre o seguro?',
      SAO_PAULO,
      [],
      { tool: 'listTasks', args: { search: 'seguro' } },
    ],
    // Wishes ask nothing; usted imperatives; a reason after the new day; an item said first, then what I do with it.
    ['I hope the weather holds up', MADRID, [], { tool: null, args: {} }],
    ['ojalá no llueva mañana', MADRID, [], { tool: null, args: {} }],
    [
      'Anóteme llamar al contador el lunes',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'llamar al contador', due: '2026-11-30' } },
    ],
    [
      'lo de la luz pásalo al 15 que me pagan el 14',
      MADRID,
      [],
      { tool: 'updateTask', args: { task: 'luz', due: '2026-12-15' } },
    ],
    [
      'a terceira eu passo pra quinta, hoje não dá',
      SAO_PAULO,
      LISTA,
      { tool: 'updateTask', args: { task: 'levar o carro na revisão', due: '2026-11-26' } },
    ],
    // Help asked as "what can be done here"; a quoted title filed under a name; a project before the colon.
    ['¿qué se puede hacer aquí?', MADRID, [], { tool: 'help', args: {} }],
    ['Para que serve isto?', SAO_PAULO, [], { tool: 'help', args: {} }],
    [
      "put 'call the caterer' under wedding stuff",
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'call the caterer', project: 'wedding stuff' } },
    ],
    [
      'Añade en Casa: cambiar la bombilla',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'cambiar la bombilla', project: 'Casa' } },
    ],
    // "X got done"; "cerrar el mes" is no month filter; "mostrar-me" after "pode".
    ['the invoices got done yesterday', MADRID, [], { tool: 'completeTask', args: { task: 'invoices' } }],
    ['nothing got done today', MADRID, [], { tool: null, args: {} }],
    [
      'para cerrar el mes muéstrame las tareas hechas',
      MADRID,
      [],
      { tool: 'listTasks', args: { status: 'done' } },
    ],
    [
      'pode mostrar-me as tarefas de hoje?',
      SAO_PAULO,
      [],
      { tool: 'listTasks', args: { dueFrom: '2026-11-24', dueTo: '2026-11-24' } },
    ],
  ] as const)('reads %j', (text, context, history, expected) => {
    const { tool, args } = understand({ text, ...context, history: [...history] });
    expect({ tool, args }).toEqual(expected);
  });
});

describe('batch 32 families (dictated by voice)', () => {
  const LIST: HistoryTurn[] = [
    { role: 'user', text: 'my list' },
    {
      role: 'assistant',
      text: 'Your tasks:\n1. *buy milk*\n2. *email Ana*\n3. *book the flights*',
      tool: { name: 'listTasks', args: {} },
    },
  ];
  it.each([
    // Hesitations, "like", "o sea", "este", "tipo", "é", "mesmo" and words said twice are no part of the request.
    [
      'um so can you add a task to uh water the plants on friday',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'water the plants', due: '2026-11-27' } },
    ],
    [
      "can you tell me what's like due today",
      MADRID,
      [],
      { tool: 'listTasks', args: { dueFrom: '2026-11-24', dueTo: '2026-11-24' } },
    ],
    [
      'preciso de uma tarefa tipo urgente mesmo de renovar o passaporte',
      SAO_PAULO,
      [],
      { tool: 'createTask', args: { title: 'renovar o passaporte', priority: 'urgent' } },
    ],
    ['o que que você faz', SAO_PAULO, [], { tool: 'help', args: {} }],
    // Numbers of dates and times said in words.
    [
      'add a task um call the plumber tomorrow at four thirty in the afternoon',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'call the plumber', due: '2026-11-25T16:30' } },
    ],
    [
      'add uh book the hotel for the third of december',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'book the hotel', due: '2026-12-03' } },
    ],
    [
      'move the dentist thing to uh monday the thirtieth',
      MADRID,
      [],
      { tool: 'updateTask', args: { task: 'dentist', due: '2026-11-30' } },
    ],
    [
      'o sea necesito una tarea este para llamar al seguro el veinte de diciembre',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'llamar al seguro', due: '2026-12-20' } },
    ],
    [
      'é cria aí uma tarefa lavar o carro dia vinte',
      SAO_PAULO,
      [],
      { tool: 'createTask', args: { title: 'lavar o carro', due: '2026-12-20' } },
    ],
    // Said in one breath: the news, then "so mark it"; an item, then the command; a reason after the task.
    [
      'ya mandé el informe así que márcalo como hecho',
      MADRID,
      [],
      { tool: 'completeTask', args: { task: 'informe' } },
    ],
    ['the second one yeah delete it', MADRID, LIST, { tool: 'deleteTask', args: { task: 'email Ana' } }],
    [
      'borrá la tarea del gimnasio que ya no voy',
      MADRID,
      [],
      { tool: 'deleteTask', args: { task: 'gimnasio' } },
    ],
    [
      'do I have anything about the bank in there',
      MADRID,
      [],
      { tool: 'listTasks', args: { search: 'bank' } },
    ],
    // The project said before the title.
    [
      'new task for the garden project buy seeds',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'buy seeds', project: 'garden' } },
    ],
    [
      'tipo coloca no projeto mudança uma tarefa de comprar caixas',
      SAO_PAULO,
      [],
      { tool: 'createTask', args: { title: 'comprar caixas', project: 'mudança' } },
    ],
  ] as const)('reads %j', (text, context, history, expected) => {
    const { tool, args } = understand({ text, ...context, history: [...history] });
    expect({ tool, args }).toEqual(expected);
  });
});

describe('batch 33 families (very polite requests)', () => {
  it.each([
    // English frames, the question they hide, and a remark after the request.
    [
      "I was wondering if you could add 'call the landlord' to my Home project?",
      MADRID,
      { tool: 'createTask', args: { title: 'call the landlord', project: 'Home' } },
    ],
    [
      'Would it be too much trouble to remind me about the car insurance on friday at 10am?',
      MADRID,
      { tool: 'setReminder', args: { task: 'car insurance', remindAt: '2026-11-27T10:00' } },
    ],
    [
      'Could you let me know if anything is due tomorrow, please?',
      MADRID,
      { tool: 'listTasks', args: { dueFrom: '2026-11-25', dueTo: '2026-11-25' } },
    ],
    ['Might I see my finished tasks?', MADRID, { tool: 'listTasks', args: { status: 'done' } }],
    [
      'Could you set up a project for me called Moving?',
      MADRID,
      { tool: 'createProject', args: { name: 'Moving' } },
    ],
    ["I'm not sure what you can help me with.", MADRID, { tool: 'help', args: {} }],
    [
      'Could we possibly move the lunch with Dr. Lee to Thursday?',
      MADRID,
      { tool: 'updateTask', args: { task: 'lunch with Dr. Lee', due: '2026-11-26' } },
    ],
    [
      "Please add renew the permit. It's quite urgent.",
      MADRID,
      { tool: 'createTask', args: { title: 'renew the permit', priority: 'urgent' } },
    ],
    // Spanish and Portuguese frames before an infinitive, which becomes the command.
    [
      '¿Me harías el favor de apuntarme una tarea para llamar al fontanero el lunes?',
      MADRID,
      { tool: 'createTask', args: { title: 'llamar al fontanero', due: '2026-11-30' } },
    ],
    [
      "¿Le importaría agendarme 'cena con Pablo' para el viernes a las 9 de la noche?",
      MADRID,
      { tool: 'createTask', args: { title: 'cena con Pablo', due: '2026-11-27T21:00' } },
    ],
    [
      'Perdona la molestia, ¿podrías borrar la tarea de la tintorería?',
      MADRID,
      { tool: 'deleteTask', args: { task: 'tintorería' } },
    ],
    [
      "Seria possível anotar 'levar o carro na revisão' para o dia 30?",
      SAO_PAULO,
      { tool: 'createTask', args: { title: 'levar o carro na revisão', due: '2026-11-30' } },
    ],
    [
      "Importa-se de adicionar 'pagar a água' ao projeto Casa?",
      SAO_PAULO,
      { tool: 'createTask', args: { title: 'pagar a água', project: 'Casa' } },
    ],
    [
      'Desculpe incomodar, mas poderia apagar a tarefa do ginásio? Já não vou.',
      SAO_PAULO,
      { tool: 'deleteTask', args: { task: 'ginásio' } },
    ],
    [
      'Será que você consegue me mostrar as tarefas de amanhã?',
      SAO_PAULO,
      { tool: 'listTasks', args: { dueFrom: '2026-11-25', dueTo: '2026-11-25' } },
    ],
  ] as const)('reads %j', (text, context, expected) => {
    const { tool, args } = understand({ text, ...context, history: [] });
    expect({ tool, args }).toEqual(expected);
  });
});

describe('batch 34 families (typos and emoji)', () => {
  const LISTA: HistoryTurn[] = [
    { role: 'user', text: 'mis tareas' },
    {
      role: 'assistant',
      text: 'Tus tareas:\n1. *lavar la ropa*\n2. *pagar el gas*\n3. *llamar a Ana*',
      tool: { name: 'listTasks', args: {} },
    },
  ];
  it.each([
    // A typo one edit from a command word (first) or a task, date or filter word (anywhere); titles keep theirs.
    [
      'creat a tsk to water the plants tomorow',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'water the plants', due: '2026-11-25' } },
    ],
    [
      'remnd me about the vet appointment at 5 pm today',
      MADRID,
      [],
      { tool: 'setReminder', args: { task: 'vet appointment', remindAt: '2026-11-24T17:00' } },
    ],
    [
      'chnage the due date of the report to wendsday',
      MADRID,
      [],
      { tool: 'updateTask', args: { task: 'report', due: '2026-11-25' } },
    ],
    ['shw me overdo tasks', MADRID, [], { tool: 'listTasks', args: { overdue: true } }],
    ['make a new projcet called Garden', MADRID, [], { tool: 'createProject', args: { name: 'Garden' } }],
    ['mostra as tarefas atrazadas', SAO_PAULO, [], { tool: 'listTasks', args: { overdue: true } }],
    [
      'lenbra-me do dentista amanha as 10',
      SAO_PAULO,
      [],
      { tool: 'setReminder', args: { task: 'dentista', remindAt: '2026-11-25T10:00' } },
    ],
    // Real words near a key word stay ("protect", "listo", "tarjetas").
    [
      'add protect the seedlings',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'protect the seedlings' } },
    ],
    ['listo lo de las tarjetas', MADRID, [], { tool: 'completeTask', args: { task: 'tarjetas' } }],
    // An emoji between words is a pause; code-switched priorities; "pal", "1ro"; "la 3 ya la llamé"; help said last.
    [
      'delte the task abt the gym 🏋️ not going anymore',
      MADRID,
      [],
      { tool: 'deleteTask', args: { task: 'gym' } },
    ],
    ['tasks w/ prioridad alta', MADRID, [], { tool: 'listTasks', args: { priority: 'high' } }],
    [
      'apunta pagar el seguro pal dia 1ro',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'pagar el seguro', due: '2026-12-01' } },
    ],
    ['la 3 ya la llamé', MADRID, LISTA, { tool: 'completeTask', args: { task: 'llamar a Ana' } }],
    ['no entiendo como usar esto', MADRID, [], { tool: 'help', args: {} }],
    ['mil gracias por la ayuda', MADRID, [], { tool: null, args: {} }],
  ] as const)('reads %j', (text, context, history, expected) => {
    const { tool, args } = understand({ text, ...context, history: [...history] });
    expect({ tool, args }).toEqual(expected);
  });
});

describe('batch 35 families (corrections, negations, compound requests)', () => {
  const LIST: HistoryTurn[] = [
    { role: 'user', text: 'my list' },
    {
      role: 'assistant',
      text: 'Your tasks:\n1. *buy milk*\n2. *email Ana*\n3. *book the flights*',
      tool: { name: 'listTasks', args: {} },
    },
  ];
  it.each([
    // A correction replaces the day, the list item or the name said before it; a bare "no" names nothing.
    [
      'add a task to call the plumber for monday, no wait, tuesday',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'call the plumber', due: '2026-12-01' } },
    ],
    [
      'apúntame ir al dentista el martes, ay no, el miércoles',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'ir al dentista', due: '2026-11-25' } },
    ],
    [
      'create a project called Garden, actually call it Backyard',
      MADRID,
      [],
      { tool: 'createProject', args: { name: 'Backyard' } },
    ],
    [
      'cria o projeto Casa Nova, aliás, Casa da Praia',
      SAO_PAULO,
      [],
      { tool: 'createProject', args: { name: 'Casa da Praia' } },
    ],
    [
      'delete the first one... no wait, the second',
      MADRID,
      LIST,
      { tool: 'deleteTask', args: { task: 'email Ana' } },
    ],
    [
      'add water the plants, no sugar',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'water the plants, no sugar' } },
    ],
    // What not to do, then what to do instead.
    [
      "don't delete the gym task, just mark it done",
      MADRID,
      [],
      { tool: 'completeTask', args: { task: 'gym' } },
    ],
    [
      'no quiero ver las pendientes, solo las hechas',
      MADRID,
      [],
      { tool: 'listTasks', args: { status: 'done' } },
    ],
    [
      'não apaga não, só marca como feita a do dentista',
      SAO_PAULO,
      [],
      { tool: 'completeTask', args: { task: 'dentista' } },
    ],
    ['no need to add anything, just wanted to say hi', MADRID, [], { tool: null, args: {} }],
    // A title, then clauses that each say one thing; a change, then the priority.
    [
      "new task: send the invoices, due friday at 5pm, it's urgent, put it in Accounts",
      MADRID,
      [],
      {
        tool: 'createTask',
        args: {
          title: 'send the invoices',
          priority: 'urgent',
          project: 'Accounts',
          due: '2026-11-27T17:00',
        },
      },
    ],
    [
      'move the team lunch to a week from today and make it high priority',
      MADRID,
      [],
      { tool: 'updateTask', args: { task: 'team lunch', due: '2026-12-01', priority: 'high' } },
    ],
    [
      'a tarefa da reunião, muda pra sexta e tira o urgente, deixa como normal',
      SAO_PAULO,
      [],
      { tool: 'updateTask', args: { task: 'reunião', due: '2026-11-27', priority: 'medium' } },
    ],
    // A note that starts with what to do; "marca uma tarefa"; "what've"; a project before "that are".
    [
      'comprar las entradas antes del viernes, sin prisa',
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'comprar las entradas', due: '2026-11-27', priority: 'low' } },
    ],
    [
      'marca uma tarefa de pagar o aluguel amanhã',
      SAO_PAULO,
      [],
      { tool: 'createTask', args: { title: 'pagar o aluguel', due: '2026-11-25' } },
    ],
    [
      "what've I got tomorrow?",
      MADRID,
      [],
      { tool: 'listTasks', args: { dueFrom: '2026-11-25', dueTo: '2026-11-25' } },
    ],
    [
      'any tasks in the Garden project that are urgent?',
      MADRID,
      [],
      { tool: 'listTasks', args: { priority: 'urgent', project: 'Garden' } },
    ],
    // The top of the scale is urgent ("top priority", "prioridade máxima").
    [
      "add 'renew the lease', top priority",
      MADRID,
      [],
      { tool: 'createTask', args: { title: 'renew the lease', priority: 'urgent' } },
    ],
  ] as const)('reads %j', (text, context, history, expected) => {
    const { tool, args } = understand({ text, ...context, history: [...history] });
    expect({ tool, args }).toEqual(expected);
  });
});

describe('openings and closings around the batch 30-35 families', () => {
  it.each([
    [
      'hey, creat a tsk to water the plants',
      MADRID,
      { tool: 'createTask', args: { title: 'water the plants' } },
    ],
    [
      'oye, no la borres, mejor márcala como hecha: la del gimnasio',
      MADRID,
      { tool: 'completeTask', args: { task: 'gimnasio' } },
    ],
    [
      'add a task to call mom for monday, no wait, tuesday please',
      MADRID,
      { tool: 'createTask', args: { title: 'call mom', due: '2026-12-01' } },
    ],
    [
      'hola, perdona la molestia, ¿podrías borrar la tarea del gimnasio?',
      MADRID,
      { tool: 'deleteTask', args: { task: 'gimnasio' } },
    ],
    [
      'oi, é cria aí uma tarefa lavar o carro amanhã',
      SAO_PAULO,
      { tool: 'createTask', args: { title: 'lavar o carro', due: '2026-11-25' } },
    ],
    // "don't worry" asks nothing not to do.
    ['jaja no te preocupes, ya me encargo yo', MADRID, { tool: null, args: {} }],
  ] as const)('reads %j', (text, context, expected) => {
    const { tool, args } = understand({ text, ...context, history: [] });
    expect({ tool, args }).toEqual(expected);
  });
});
