/**
 * Long messages that tell a story first and ask last ("Morning! So the fridge is making that noise again. Can you add
 * a task to call the refrigeration guy on Thursday?", "Vou abrir um quiosque ano que vem, cria um projeto chamado X",
 * "the plumber cancelled again 🙄 push X to wednesday"): where the request may start.
 */

/** The words a request starts with, in the three languages (the first word after a sentence, a comma or an emoji). */
export const COMMAND_START =
  /^(?:(?:and|so|y|e|ent[ãa]o|entonces|as[íi] que|so please)\s+)?(?:please|pls|por favor|(?:can|could|would) you|you can|add|create|make|put|set|start|open|remind|delete|remove|cancel|mark|tick|check off|cross off|move|push|change|rename|show|list|find|search|look for|tell me|schedule|book|note|jot|log|give me|new task|agr[ée]ga(?:me|lo|la)?|a[ñn][áa]de(?:me|lo|la)?|an[óo]ta(?:me|lo|la)?|ap[úu]nta(?:me|lo|la)?|cr[ée]a(?:me)?|[áa]rma(?:me)?|p[óo]n(?:me|le|la|lo)?|recu[ée]rda(?:me|melo|mela)|av[íi]sa(?:me|melo)|b[óo]rra(?:me|la|lo)?|elim[íi]na(?:la|lo)?|qu[íi]ta(?:me|la|lo)?|m[áa]rc[áa](?:la|lo)?|c[áa]mbia(?:la|lo|le)?|p[áa]sa(?:la|lo|me)?|mu[ée]ve(?:la|lo)?|mu[ée]stra(?:me)?|d[íi]me|busca(?:me)?|ag[ée]nda(?:me|lo|la)?|h[áa]z(?:me)?|puedes|podr[íi]as|me puedes|adicion[ae]|anot[ae]|cri[ae]|coloc[ae]|p[õo]e|bota|me lembr[ae]|lembr[ae](?:-me)?|apag[ae]|marqu?e|mud[ae]|pass[ae]|mostr[ae](?:-me)?|me mostr[ae]|procur[ae]|pode|podes|consegue|me fala|agend[ae]|tir[ae])(?![\p{L}])/iu;

/** Where a sentence ends: a full stop, "!" or "?" before the next word. */
const SENTENCE_END =
  /(?<!(?<![\p{L}])(?:dr|mr|mrs|ms|sr|sra|srta|st|prof|dra|vs|etc))[.!?…]+\s+(?=[\p{L}¿¡"'])/giu;
/** "..., start a project", "..., así que marcá X", "..., cria um projeto": a comma before a request. */
const COMMA = /,\s+(?=\S)/gu;
/** "I finished the tax forms so you can mark that done", "já fiz X pode marcar": said in one breath. */
const RUN_ON =
  /\s+(?=(?:so|and so|así que|entonces|então|por eso|por isso|pode|podes|puedes|you can|can you)\s+\p{L})/giu;

/** The places a request may start, in order (sentence ends first, then commas), as offsets into `text`. */
export function requestStarts(text: string): number[] {
  const ends = [...text.matchAll(SENTENCE_END)].map((m) => m.index + m[0].length);
  const commas = [...text.matchAll(COMMA)].map((m) => m.index + m[0].length);
  const runOns = [...text.matchAll(RUN_ON)].map((m) => m.index + m[0].length);
  return [...new Set([...ends, ...commas, ...runOns])];
}
