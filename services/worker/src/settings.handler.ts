import type { User } from '@taskline/core';
import { isValidTimeZone } from '@taskline/core';

/**
 * Personal settings said in chat, handled before the assistant: time zone ("set my timezone to Lisbon"), reply
 * language ("reply in Spanish"), and the opt-out of proactive messages ("stop" / "start").
 */
export type Setting =
  | { kind: 'timezone'; zone: string }
  | { kind: 'unknown-timezone'; said: string }
  | { kind: 'language'; language: 'en' | 'es' | 'pt' }
  | { kind: 'stop' }
  | { kind: 'start' };

type Lang = 'en' | 'es' | 'pt';

const TIMEZONE =
  /^(?:please |por favor )?(?:set|change|update|use|cambia|cambiar|pon|usa|muda|mude|mudar|altera|altere|alterar|define|defina|definir|usar|use)\s+(?:my |mi |meu |o meu |a minha )?(?:time ?zone|zona horaria|huso horario|fuso(?: horário)?)\s+(?:to|a|para|en|em|como)\s+(.+?)[.!]?$|^(?:i(?:'m| am) in|i live in|estoy en|vivo en|estou em|moro em)\s+(.+?)[.!]?$/i;
const LANGUAGE =
  /\b(?:reply|answer|speak|talk|write|respond|responde|respóndeme|contesta|habla|háblame|escribe|responda|fale|fala|escreva|me responda)\s+(?:to me\s+|me\s+)?(?:in|en|em)\s+(english|inglés|ingles|inglês|spanish|español|espanol|espanhol|portuguese|portugués|portugues|português)\b/i;
const STOP =
  /^(?:stop|unsubscribe|stop reminders|no more reminders|para|parar|basta|cancelar suscripción|detener|pare|sair|cancelar)\s*[.!]?$/i;
const START =
  /^(?:start|resume|subscribe|start reminders|reanudar|volver|empezar|voltar|retomar|iniciar|começar)\s*[.!]?$/i;

const LANGUAGES: Record<string, Lang> = {
  english: 'en',
  inglés: 'en',
  ingles: 'en',
  inglês: 'en',
  spanish: 'es',
  español: 'es',
  espanol: 'es',
  espanhol: 'es',
  portuguese: 'pt',
  portugués: 'pt',
  portugues: 'pt',
  português: 'pt',
};

const ALIASES: Record<string, string> = {
  lisboa: 'Europe/Lisbon',
  'são paulo': 'America/Sao_Paulo',
  'sao paulo': 'America/Sao_Paulo',
  rio: 'America/Sao_Paulo',
  'rio de janeiro': 'America/Sao_Paulo',
  brasil: 'America/Sao_Paulo',
  brazil: 'America/Sao_Paulo',
  portugal: 'Europe/Lisbon',
  spain: 'Europe/Madrid',
  españa: 'Europe/Madrid',
  espanha: 'Europe/Madrid',
  barcelona: 'Europe/Madrid',
  'nueva york': 'America/New_York',
  'nova york': 'America/New_York',
  londres: 'Europe/London',
  méxico: 'America/Mexico_City',
  mexico: 'America/Mexico_City',
  'ciudad de méxico': 'America/Mexico_City',
  'mexico city': 'America/Mexico_City',
  'buenos aires': 'America/Argentina/Buenos_Aires',
  'san francisco': 'America/Los_Angeles',
  'los angeles': 'America/Los_Angeles',
  'new york': 'America/New_York',
  utc: 'UTC',
  gmt: 'UTC',
};

let cities: Map<string, string> | undefined;
/** City or zone name -> IANA zone, from the zones this Node knows plus local spellings. */
export function zoneFor(said: string): string | undefined {
  const key = said.trim().toLowerCase().replace(/\s+/g, ' ');
  if (ALIASES[key]) return ALIASES[key];
  if (isValidTimeZone(said.trim()) && said.includes('/')) return said.trim();
  cities ??= new Map(
    Intl.supportedValuesOf('timeZone').map((zone) => [
      zone.split('/').at(-1)!.replace(/_/g, ' ').toLowerCase(),
      zone,
    ]),
  );
  return cities.get(key) ?? cities.get(key.normalize('NFD').replace(/\p{M}/gu, ''));
}

export function parseSetting(text: string): Setting | null {
  const line = text.trim();
  if (STOP.test(line)) return { kind: 'stop' };
  if (START.test(line)) return { kind: 'start' };
  const language = LANGUAGE.exec(line);
  if (language) return { kind: 'language', language: LANGUAGES[language[1]!.toLowerCase()]! };
  const zone = TIMEZONE.exec(line);
  if (zone) {
    const said = (zone[1] ?? zone[2])!;
    const found = zoneFor(said);
    return found ? { kind: 'timezone', zone: found } : { kind: 'unknown-timezone', said };
  }
  return null;
}

const REPLIES: Record<Lang, Record<Setting['kind'], (s: string) => string>> = {
  en: {
    timezone: (z) => `🕒 Done: I'll use *${z}* for your dates and reminders.`,
    'unknown-timezone': (s) =>
      `I don't know the time zone of “${s}”. Try a big city near you, e.g. “set my timezone to Lisbon”.`,
    language: () => `👍 I'll reply in English.`,
    stop: () => `🔕 OK, no more reminders or digests. Write *start* to turn them back on.`,
    start: () => `🔔 Reminders are back on.`,
  },
  es: {
    timezone: (z) => `🕒 Listo: usaré *${z}* para tus fechas y recordatorios.`,
    'unknown-timezone': (s) =>
      `No conozco la zona horaria de “${s}”. Prueba con una ciudad grande, p. ej. “cambia mi zona horaria a Madrid”.`,
    language: () => `👍 Te responderé en español.`,
    stop: () => `🔕 De acuerdo, no más recordatorios. Escribe *empezar* para reactivarlos.`,
    start: () => `🔔 Los recordatorios vuelven a estar activos.`,
  },
  pt: {
    timezone: (z) => `🕒 Pronto: vou usar *${z}* para suas datas e lembretes.`,
    'unknown-timezone': (s) =>
      `Não conheço o fuso horário de “${s}”. Tente uma cidade grande, ex.: “mude meu fuso para Lisboa”.`,
    language: () => `👍 Vou responder em português.`,
    stop: () => `🔕 Certo, sem mais lembretes. Escreva *voltar* para reativá-los.`,
    start: () => `🔔 Os lembretes estão ativos de novo.`,
  },
};

/** Applies the setting to the user (the caller's transaction commits it) and says so in their language. */
export function applySetting(user: User, setting: Setting, language: Lang): string {
  switch (setting.kind) {
    case 'timezone':
      user.timezone = setting.zone;
      return REPLIES[language].timezone(setting.zone);
    case 'unknown-timezone':
      return REPLIES[language]['unknown-timezone'](setting.said);
    case 'language':
      user.language = setting.language;
      return REPLIES[setting.language].language('');
    case 'stop':
      user.proactiveOptOut = true;
      return REPLIES[language].stop('');
    case 'start':
      user.proactiveOptOut = false;
      return REPLIES[language].start('');
  }
}

/** Time zone and language a phone number's country suggests, for users who set none. */
const COUNTRIES: [string, string, Lang][] = [
  ['351', 'Europe/Lisbon', 'pt'],
  ['55', 'America/Sao_Paulo', 'pt'],
  ['244', 'Africa/Luanda', 'pt'],
  ['258', 'Africa/Maputo', 'pt'],
  ['34', 'Europe/Madrid', 'es'],
  ['52', 'America/Mexico_City', 'es'],
  ['54', 'America/Argentina/Buenos_Aires', 'es'],
  ['57', 'America/Bogota', 'es'],
  ['56', 'America/Santiago', 'es'],
  ['51', 'America/Lima', 'es'],
  ['58', 'America/Caracas', 'es'],
  ['593', 'America/Guayaquil', 'es'],
  ['598', 'America/Montevideo', 'es'],
  ['595', 'America/Asuncion', 'es'],
  ['591', 'America/La_Paz', 'es'],
  ['506', 'America/Costa_Rica', 'es'],
  ['44', 'Europe/London', 'en'],
  ['353', 'Europe/Dublin', 'en'],
  ['61', 'Australia/Sydney', 'en'],
  ['64', 'Pacific/Auckland', 'en'],
  ['1', 'America/New_York', 'en'],
  ['49', 'Europe/Berlin', 'en'],
  ['33', 'Europe/Paris', 'en'],
  ['91', 'Asia/Kolkata', 'en'],
];

export function defaultsForPhone(
  phone: string | null | undefined,
): { timezone: string; language: Lang } | undefined {
  const digits = phone?.replace(/\D/g, '');
  if (!digits) return undefined;
  const match = COUNTRIES.filter(([code]) => digits.startsWith(code)).sort(
    (a, b) => b[0].length - a[0].length,
  )[0];
  return match ? { timezone: match[1], language: match[2] } : undefined;
}
