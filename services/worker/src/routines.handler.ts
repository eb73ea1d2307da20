import { Reminder, createTask, toLocal, type EntityManager, type TaskOwner } from '@taskline/core';
import { nextOccurrence } from './scheduler/recurrence.ts';

/**
 * Recurring reminders and the daily digest, said in chat: "every Monday at 9 remind me to send the report",
 * "send me my tasks every morning at 8". They become reminders with a recurrence (`daily@08:00`,
 * `weekly:1@09:00`); a digest is a reminder without a task. The scheduler sends and re-arms them.
 */
export type Routine =
  | { kind: 'recurring'; title: string; rule: string }
  | { kind: 'digest'; rule: string }
  | { kind: 'no-digest' };

type Lang = 'en' | 'es' | 'pt';

const DAYS: Record<string, number | 'daily'> = {
  day: 'daily',
  morning: 'daily',
  weekday: 'daily',
  dia: 'daily',
  día: 'daily',
  mañana: 'daily',
  manhã: 'daily',
  monday: 1,
  lunes: 1,
  segunda: 1,
  'segunda-feira': 1,
  tuesday: 2,
  martes: 2,
  terça: 2,
  'terça-feira': 2,
  wednesday: 3,
  miércoles: 3,
  miercoles: 3,
  quarta: 3,
  'quarta-feira': 3,
  thursday: 4,
  jueves: 4,
  quinta: 4,
  'quinta-feira': 4,
  friday: 5,
  viernes: 5,
  sexta: 5,
  'sexta-feira': 5,
  saturday: 6,
  sábado: 6,
  sabado: 6,
  sunday: 7,
  domingo: 7,
};
const DAY = `(${Object.keys(DAYS).join('|')})`;
const AT = `(?:at|a las|a la|às|as)\\s+(\\d{1,2})(?:[:h](\\d{2}))?\\s*(am|pm|h)?`;
const EVERY = `(?:every|each|cada|todos los|todas las|todo|toda|todos os|todas as)`;

const RECURRING_FIRST = new RegExp(
  `^${EVERY}\\s+${DAY}\\s+${AT}[,]?\\s+(?:remind me to|recu[ée]rdame|me lembre de|lembre-me de|me lembra de)\\s+(.+)$`,
  'iu',
);
const RECURRING_LAST = new RegExp(
  `^(?:remind me to|recu[ée]rdame|me lembre de|lembre-me de|me lembra de)\\s+(.+?)\\s+${EVERY}\\s+${DAY}\\s+${AT}$`,
  'iu',
);
const DIGEST = new RegExp(
  `^(?:please |por favor )?(?:send|give|show|message|env[íi]a(?:me)?|m[áa]nda(?:me)?|me (?:mande|manda|envie|envia)|mande-me|envie-me)\\s+(?:me\\s+)?(?:my|mis|minhas)\\s+(?:tasks|list|agenda|to-?dos|tareas|pendientes|tarefas)\\s+${EVERY}\\s+${DAY}\\s+${AT}[.!]?$`,
  'iu',
);
const NO_DIGEST =
  /^(?:stop|cancel|no more)\s+(?:the\s+|my\s+)?(?:daily\s+)?(?:digest|summary|morning tasks)|^(?:cancela|para)\s+(?:el\s+)?resumen|^(?:cancela|pare)\s+o\s+resumo/i;

function rule(
  day: string,
  hour: string,
  minute: string | undefined,
  meridiem: string | undefined,
): string | null {
  const d = DAYS[day.toLowerCase()];
  let h = Number(hour);
  if (/pm/i.test(meridiem ?? '') && h < 12) h += 12;
  if (/am/i.test(meridiem ?? '') && h === 12) h = 0;
  const m = Number(minute ?? 0);
  if (d === undefined || h > 23 || m > 59) return null;
  const time = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
  return d === 'daily' ? `daily@${time}` : `weekly:${d}@${time}`;
}

export function parseRoutine(text: string): Routine | null {
  const line = text.trim();
  if (NO_DIGEST.test(line)) return { kind: 'no-digest' };
  const digest = DIGEST.exec(line);
  if (digest) {
    const r = rule(digest[1]!, digest[2]!, digest[3], digest[4]);
    return r ? { kind: 'digest', rule: r } : null;
  }
  const first = RECURRING_FIRST.exec(line);
  if (first) {
    const r = rule(first[1]!, first[2]!, first[3], first[4]);
    return r ? { kind: 'recurring', title: first[5]!.replace(/[.!]+$/, '').trim(), rule: r } : null;
  }
  const last = RECURRING_LAST.exec(line);
  if (last) {
    const r = rule(last[2]!, last[3]!, last[4], last[5]);
    return r ? { kind: 'recurring', title: last[1]!.trim(), rule: r } : null;
  }
  return null;
}

const SAY: Record<
  Lang,
  { recurring: (t: string, at: string) => string; digest: (at: string) => string; noDigest: string }
> = {
  en: {
    recurring: (t, at) => `🔁 I'll remind you to *${t}* — next on ${at}.`,
    digest: (at) => `☀️ I'll send you your tasks — first on ${at}. Say “stop the digest” to end it.`,
    noDigest: 'OK, no more digests.',
  },
  es: {
    recurring: (t, at) => `🔁 Te recordaré *${t}* — la próxima vez el ${at}.`,
    digest: (at) =>
      `☀️ Te enviaré tus tareas — la primera vez el ${at}. Di “cancela el resumen” para terminar.`,
    noDigest: 'De acuerdo, no más resúmenes.',
  },
  pt: {
    recurring: (t, at) => `🔁 Vou te lembrar de *${t}* — a próxima em ${at}.`,
    digest: (at) =>
      `☀️ Vou te mandar suas tarefas — a primeira em ${at}. Diga “pare o resumo” para encerrar.`,
    noDigest: 'Certo, sem mais resumos.',
  },
};

/** Creates the task and recurring reminder, or the digest, in the caller's transaction; says when it comes next. */
export async function applyRoutine(
  em: EntityManager,
  owner: TaskOwner,
  routine: Routine,
  timezone: string,
  language: Lang,
  now = new Date(),
): Promise<string> {
  const say = SAY[language];
  if (routine.kind === 'no-digest') {
    const digests = await em.find(Reminder, {
      tenant: owner.tenantId,
      user: owner.userId,
      task: null,
      status: 'pending',
    });
    for (const d of digests) d.status = 'cancelled';
    await em.flush();
    return say.noDigest;
  }
  const next = nextOccurrence(routine.rule, now, timezone);
  const at = toLocal(next, timezone).replace('T', ' ');
  if (routine.kind === 'digest') {
    em.create(Reminder, {
      tenant: owner.tenantId,
      user: owner.userId,
      task: null,
      remindAt: next,
      recurrence: routine.rule,
    });
    await em.flush();
    return say.digest(at);
  }
  const task = await createTask(em, owner, { title: routine.title });
  em.create(Reminder, {
    tenant: owner.tenantId,
    user: owner.userId,
    task: task.id,
    remindAt: next,
    recurrence: routine.rule,
  });
  await em.flush();
  return say.recurring(task.title, at);
}
