/**
 * Messages that correct themselves or say what not to do first ("add X for friday, no wait, saturday", "crea un
 * proyecto que se llame Boda... no, mejor ponle Boda Ana y Luis", "mark the second one done. no wait, the third",
 * "don't delete the tax return task, just mark it done", "não apaga não, só marca como feita a do seguro").
 */

/** The last correction in a message: what comes before it, and what replaces part of it. */
const CORRECTION =
  /^(.+)(?:[,;.!]+|\s*(?:\.\.\.|…))\s*(no,?\s+wait|wait,?\s+no|actually|i mean|or rather|sorry|ay,?\s+no|no,?\s+mejor|bueno,?\s+no|mejor dicho|digo|no|n[ãa]o|ali[áa]s|quer dizer|ou melhor|perd[óo]n)[,.!]*\s+(.+)$/iu;
/** Words that say the replacement is a new name ("actually call it X", "no, mejor ponle X", "aliás, X"). */
const RENAMED =
  /^(?:(?:call|name) it|make it|p[óo]nle|ll[áa]malo|ll[áa]mala|mejor ponle|mejor|chama(?:-o|-a)? de|p[õo]e|melhor)\s+/iu;
/** Markers that may introduce a new name on their own (not a bare "no", as in "add buy milk, no sugar"). */
const NAMING_MARKER =
  /^(?:actually|i mean|or rather|mejor dicho|digo|ali[áa]s|quer dizer|ou melhor|no,?\s+mejor)$/iu;

export interface Correction {
  /** The message before the correction. */
  head: string;
  /** The words that replace part of it. */
  replacement: string;
  /** The replacement is a new name (a title or a project's name), not a day or a list item. */
  name?: string;
}

/** A cheap look for a correction's marker before the costly pattern. */
const MARKER =
  /(?:[,;.!]|\.\.\.|…)\s*(?:no|wait|actually|i mean|or rather|sorry|ay|bueno|mejor|digo|n[ãa]o|ali[áa]s|quer dizer|ou melhor|perd[óo]n)(?![\p{L}])/iu;

export function correctionOf(text: string): Correction | undefined {
  if (!MARKER.test(text)) return undefined;
  const m = CORRECTION.exec(text.trim());
  if (!m) return undefined;
  const [, head, marker, replacement] = m as unknown as [string, string, string, string];
  const renamed = RENAMED.exec(replacement);
  const name =
    renamed || NAMING_MARKER.test(marker) ? replacement.slice(renamed?.[0].length ?? 0) : undefined;
  return { head: head.trim(), replacement: replacement.trim(), ...(name ? { name: name.trim() } : {}) };
}

/**
 * "don't delete X, just mark it done", "no quiero ver las hechas, solo las vencidas": what not to do, then what to
 * do instead (after "just", "solo", "só", "mejor", "but" ...).
 */
const NEGATED =
  /^(?:don'?t|do not|not|no(?:\s+(?:la|lo|las|los|me|te|le))?|n[ãa]o(?:\s+(?:me|a|o|as|os))?)\s+(.+?)(?:\s+n[ãa]o)?\s*[,;]\s*(?:(?:just|only|but|instead|rather|solo|s[óo]lo|s[óo]|mejor|pero|sino|mas|melhor|better)[,]?\s+)*(.+)$/iu;
/** "no need to add anything", "no me crees nada", "não cries nada": nothing is wanted from the assistant. */
const NOTHING_WANTED =
  /(?<![\p{L}])(?:need to (?:add|create|do) anything|add anything|hace falta (?:nada|apuntar nada)|crees nada|agregues nada|cries nada|precisa (?:de )?(?:nada|anotar nada))(?![\p{L}])/iu;

export interface Negated {
  /** What not to do ("delete the tax return task", "quiero ver las hechas"). */
  not: string;
  /** What to do instead. */
  instead: string;
  /** Nothing is wanted ("no need to add anything, ..."). */
  nothing: boolean;
}

/** What a request not to do names: a command, a wish to see, or the items of a list ("no te preocupes" is none). */
const NOT_WHAT =
  /(?<![\p{L}])(?:delete|remove|add|create|mark|show|move|change|need|the|those|b[óo]rr|elimin|quit|apag|exclu|marc|mostr|ver|quier|quer|cre[ea]s|cri[ea]s|agreg|anot|apunt|hace falta|precis|las|los|as|os|ones|urgent)/iu;

export function negatedOf(text: string): Negated | undefined {
  const m = NEGATED.exec(text.trim());
  if (!m || !NOT_WHAT.test(m[1]!)) return undefined;
  return { not: m[1]!, instead: m[2]!, nothing: NOTHING_WANTED.test(m[1]!) };
}
