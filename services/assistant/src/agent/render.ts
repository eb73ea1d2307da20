import type { ToolResult } from './tools.ts';
import type { TaskView } from './task-view.ts';

export type Language = 'en' | 'es' | 'pt';

/**
 * Replies of the offline model, in the user's language, formatted for WhatsApp: short, *bold* titles, numbered
 * lists. An LLM writes its own replies; these are the words when there is none.
 */
const T = {
  en: {
    created: (t: string) => `✅ Created *${t}*`,
    due: 'due',
    remind: 'I’ll remind you',
    completed: (t: string) => `🎉 Marked *${t}* as done.`,
    alreadyDone: (t: string) => `*${t}* was already done.`,
    updated: (t: string) => `✏️ Updated *${t}*`,
    deleted: (t: string) => `🗑️ Deleted *${t}*.`,
    confirmDelete: (t: string) => `Delete *${t}*? This can’t be undone.`,
    buttons: { delete: 'Delete', keep: 'Keep it', done: 'Mark done', undo: 'Undo', choose: 'Choose' },
    kept: (t: string) => `👍 Kept *${t}*.`,
    reopened: (t: string) => `↩️ *${t}* is open again.`,
    reminderSet: (t: string, at: string) => `⏰ I’ll remind you about *${t}* on ${at}.`,
    none: 'You have no matching tasks. 🎉',
    list: (n: number) => `*Your tasks* (${n}):`,
    projects: 'Your projects:',
    noProjects: 'You have no projects yet. Say “create a project called Marketing”.',
    projectCreated: (p: string) => `📁 Created the project *${p}*.`,
    projectExists: (p: string) => `You already have the project *${p}*.`,
    notFound: (r: string) => `I couldn’t find a task matching “${r}”. Say “list my tasks” to see them.`,
    which: 'Which one do you mean?',
    help: [
      'I keep your tasks. Just write, for example:',
      '• create a task to review the quarterly reports by Friday',
      '• what’s due this week?',
      '• mark the presentation task as complete',
      '• remind me to call the client tomorrow at 9',
    ].join('\n'),
    greeting: 'Hi! 👋 How can I help with your tasks?',
    thanks: 'You’re welcome! 🙂',
    outOfScope: 'I can only help with tasks and reminders. Try “what’s due this week?”',
    failed: 'Sorry, something went wrong with that. Please try again.',
  },
  es: {
    created: (t: string) => `✅ Creé *${t}*`,
    due: 'para el',
    remind: 'Te lo recordaré',
    completed: (t: string) => `🎉 Marqué *${t}* como hecha.`,
    alreadyDone: (t: string) => `*${t}* ya estaba hecha.`,
    updated: (t: string) => `✏️ Actualicé *${t}*`,
    deleted: (t: string) => `🗑️ Eliminé *${t}*.`,
    confirmDelete: (t: string) => `¿Elimino *${t}*? No se puede deshacer.`,
    buttons: { delete: 'Eliminar', keep: 'Mantener', done: 'Hecha', undo: 'Deshacer', choose: 'Elegir' },
    kept: (t: string) => `👍 Mantengo *${t}*.`,
    reopened: (t: string) => `↩️ *${t}* vuelve a estar pendiente.`,
    reminderSet: (t: string, at: string) => `⏰ Te recordaré *${t}* el ${at}.`,
    none: 'No tienes tareas que coincidan. 🎉',
    list: (n: number) => `*Tus tareas* (${n}):`,
    projects: 'Tus proyectos:',
    noProjects: 'Aún no tienes proyectos. Di “crea un proyecto llamado Marketing”.',
    projectCreated: (p: string) => `📁 Creé el proyecto *${p}*.`,
    projectExists: (p: string) => `Ya tienes el proyecto *${p}*.`,
    notFound: (r: string) =>
      `No encontré ninguna tarea que coincida con “${r}”. Di “mis tareas” para verlas.`,
    which: '¿Cuál de ellas?',
    help: [
      'Llevo tus tareas. Escribe, por ejemplo:',
      '• crea una tarea para revisar los informes el viernes',
      '• ¿qué tengo pendiente esta semana?',
      '• marca la presentación como hecha',
      '• recuérdame llamar al cliente mañana a las 9',
    ].join('\n'),
    greeting: '¡Hola! 👋 ¿En qué te ayudo con tus tareas?',
    thanks: '¡De nada! 🙂',
    outOfScope: 'Solo puedo ayudarte con tareas y recordatorios. Prueba “¿qué tengo esta semana?”',
    failed: 'Lo siento, algo salió mal. Inténtalo de nuevo.',
  },
  pt: {
    created: (t: string) => `✅ Criei *${t}*`,
    due: 'para',
    remind: 'Vou te lembrar',
    completed: (t: string) => `🎉 Marquei *${t}* como concluída.`,
    alreadyDone: (t: string) => `*${t}* já estava concluída.`,
    updated: (t: string) => `✏️ Atualizei *${t}*`,
    deleted: (t: string) => `🗑️ Apaguei *${t}*.`,
    confirmDelete: (t: string) => `Apago *${t}*? Não dá para desfazer.`,
    buttons: { delete: 'Apagar', keep: 'Manter', done: 'Concluir', undo: 'Desfazer', choose: 'Escolher' },
    kept: (t: string) => `👍 Mantive *${t}*.`,
    reopened: (t: string) => `↩️ *${t}* está aberta de novo.`,
    reminderSet: (t: string, at: string) => `⏰ Vou te lembrar de *${t}* em ${at}.`,
    none: 'Você não tem tarefas correspondentes. 🎉',
    list: (n: number) => `*Suas tarefas* (${n}):`,
    projects: 'Seus projetos:',
    noProjects: 'Você ainda não tem projetos. Diga “crie um projeto chamado Marketing”.',
    projectCreated: (p: string) => `📁 Criei o projeto *${p}*.`,
    projectExists: (p: string) => `Você já tem o projeto *${p}*.`,
    notFound: (r: string) =>
      `Não encontrei nenhuma tarefa parecida com “${r}”. Diga “minhas tarefas” para ver.`,
    which: 'Qual delas?',
    help: [
      'Eu cuido das suas tarefas. Escreva, por exemplo:',
      '• criar tarefa revisar os relatórios na sexta',
      '• o que vence esta semana?',
      '• marcar a apresentação como concluída',
      '• me lembre de ligar para o cliente amanhã às 9',
    ].join('\n'),
    greeting: 'Olá! 👋 Como posso ajudar com suas tarefas?',
    thanks: 'De nada! 🙂',
    outOfScope: 'Só posso ajudar com tarefas e lembretes. Tente “o que vence esta semana?”',
    failed: 'Desculpe, algo deu errado. Tente de novo.',
  },
} as const;

export function words(language: Language) {
  return T[language];
}

/** `2026-11-27T09:00` -> `Fri 27 Nov, 09:00` in the user's language. */
export function formatLocal(local: string, language: Language): string {
  const [date, time] = local.split('T');
  const d = new Date(`${date}T12:00:00Z`);
  const day = new Intl.DateTimeFormat(language, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  }).format(d);
  return time ? `${day}, ${time}` : day;
}

function line(task: TaskView, language: Language): string {
  const extras = [
    task.due ? formatLocal(task.due, language) : undefined,
    task.priority ? `${task.priority}` : undefined,
    task.project ? `📁 ${task.project}` : undefined,
  ].filter(Boolean);
  return `${task.status === 'done' ? '~' + task.title + '~' : task.title}${extras.length ? ` _(${extras.join(' · ')})_` : ''}`;
}

/** The reply to a tool result. */
export function renderResult(
  tool: string,
  result: ToolResult,
  language: Language,
  reference?: string,
): string {
  const w = T[language];
  if (!result.ok) {
    if (result.reason === 'ambiguous' && result.candidates) {
      return [w.which, ...result.candidates.map((t, i) => `${i + 1}. ${line(t, language)}`)].join('\n');
    }
    if (result.reason === 'not_found') return w.notFound(reference ?? '');
    return w.failed;
  }
  const task = result.task;
  switch (result.action) {
    case 'created': {
      const parts = [w.created(task!.title)];
      if (task?.due) parts.push(` (${w.due} ${formatLocal(task.due, language)})`);
      if (task?.project) parts.push(` 📁 ${task.project}`);
      const text = `${parts.join('')}.`;
      return result.remindAt ? `${text}\n⏰ ${w.remind}: ${formatLocal(result.remindAt, language)}.` : text;
    }
    case 'listed':
      if (!result.tasks?.length) return w.none;
      return [
        w.list(result.tasks.length),
        ...result.tasks.map((t, i) => `${i + 1}. ${line(t, language)}`),
      ].join('\n');
    case 'completed':
      return w.completed(task!.title);
    case 'already_done':
      return w.alreadyDone(task!.title);
    case 'updated':
      return `${w.updated(task!.title)}${task?.due ? ` (${w.due} ${formatLocal(task.due, language)})` : ''}.`;
    case 'deleted':
      return w.deleted(task!.title);
    case 'confirm_delete':
      return w.confirmDelete(task!.title);
    case 'reminder_set':
      return w.reminderSet(task!.title, formatLocal(result.remindAt!, language));
    case 'projects':
      return result.projects?.length
        ? [w.projects, ...result.projects.map((p, i) => `${i + 1}. ${p}`)].join('\n')
        : w.noProjects;
    case 'project_created':
      return w.projectCreated(result.projects![0]!);
    case 'project_exists':
      return w.projectExists(result.projects![0]!);
    case 'help':
      return w.help;
    default:
      return w.failed;
  }
}
