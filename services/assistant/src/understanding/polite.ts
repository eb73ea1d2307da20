/**
 * Requests wrapped in courtesy ("I was wondering if you could add X", "¿Me harías el favor de apuntarme X?", "Seria
 * possível anotar X?", "Perdona la molestia, ¿podrías borrarla?"): `unpolite` drops the apology and the frame and
 * writes the infinitive that follows as the command the rules read ("apúntame", "bórrala", "anota", "lembra-me").
 */

/** An apology or greeting before the request ("I'm sorry to be a bother, but", "Desculpe incomodar, mas"). */
const APOLOGY =
  /^(?:i'?m sorry to (?:be a bother|bother you|trouble you)|sorry to (?:bother|trouble) you|sorry for the trouble|(?:ay,?\s+)?perd[óo]n(?:a|e)?(?: la molestia)?|disculp[ae](?: la molestia)?|desculp[ae](?: (?:incomodar|o inc[óo]modo|a incomodidade))?|com licen[çc]a|buenas tardes|buenos d[íi]as|buenas noches|boa tarde|bom dia|boa noite|good (?:morning|afternoon|evening))[,!.]?\s+(?:(?:but|pero|mas)\s+)?/iu;

/** English frames: what is left is the command ("remind me ...", "add ..."), or a question ("anything overdue?"). */
const FRAME_EN =
  /^(?:i was wondering if (?:you|u) could|i wonder if (?:you|u) could|would it be too much trouble to|would it be possible (?:for you )?to|would you be so kind as to|(?:would|could) you (?:kindly|possibly|please)|could we possibly|can we possibly|could we|can we|(?:could|can|would) you (?:please )?let me know (?:if|whether)|let me know (?:if|whether)|please could you)\s+/iu;
const MIGHT_I_SEE = /^(?:might|may|could|can) i (?:see|have a look at|look at|get)\s+/iu;

/** Spanish frames, then an infinitive ("¿Sería posible crear ...?", "¿Le importaría agendarme ...?"). */
const FRAME_ES =
  /^(?:me har[íi]as? el favor de|ser[íi]a posible|ser[íi]as? tan amable de|te importar[íi]a|le importar[íi]a|me podr[íi]as?|podr[íi]as?|me puedes?|puedes?|puede usted)\s+(?:por favor\s+)?(?=\p{L}+(?:ar|er|ir)(?:me|te|le|la|lo|les|las|los|nos|mela|melo|selo|sela)?(?![\p{L}]))/iu;
/** Portuguese frames, then an infinitive ("Poderia, por gentileza, adicionar ...", "Será que daria pra colocar ..."). */
const FRAME_PT =
  /^(?:(?:voc[êe]|vc|tu)\s+)?(?:poderia|poderias|podia|podias|pode|podes|consegue|consegues|seria poss[íi]vel|ser[áa] que (?:(?:voc[êe]|vc|tu)\s+)?(?:consegue|conseguiria|pode|poderia|podia|daria (?:pra|para))|daria (?:pra|para)|importa-se de|importas-te de|(?:voc[êe] )?se importa de|tem como)(?:,?\s*por (?:gentileza|favor),?)?\s+(?=(?:me\s+)?\p{L}+(?:ar|er|ir|[ôo]r)(?:-(?:me|a|o|nos))?(?![\p{L}-]))/iu;

/** Spanish infinitives and their commands, plain and before a pronoun ("apuntar" -> "apunta", "apúntame"). */
const COMMANDS_ES: Record<string, [string, string]> = {
  apuntar: ['apunta', 'apúnta'],
  anotar: ['anota', 'anóta'],
  agendar: ['agenda', 'agénda'],
  agregar: ['agrega', 'agréga'],
  añadir: ['añade', 'añáde'],
  crear: ['crea', 'créa'],
  marcar: ['marca', 'márca'],
  cambiar: ['cambia', 'cámbia'],
  eliminar: ['elimina', 'elimína'],
  borrar: ['borra', 'bórra'],
  quitar: ['quita', 'quíta'],
  pasar: ['pasa', 'pása'],
  mover: ['mueve', 'muéve'],
  poner: ['pon', 'pon'],
  recordar: ['recuerda', 'recuérda'],
  avisar: ['avisa', 'avísa'],
  mostrar: ['muestra', 'muéstra'],
  enseñar: ['enseña', 'enséña'],
  decir: ['di', 'di'],
  explicar: ['explica', 'explíca'],
  buscar: ['busca', 'búsca'],
  guardar: ['guarda', 'guárda'],
  renombrar: ['renombra', 'renómbra'],
  programar: ['programa', 'prográma'],
  listar: ['lista', 'lísta'],
  subir: ['sube', 'súbe'],
  bajar: ['baja', 'bája'],
  cancelar: ['cancela', 'cancéla'],
  terminar: ['termina', 'termína'],
  completar: ['completa', 'compléta'],
  aplazar: ['aplaza', 'apláza'],
  posponer: ['pospón', 'pospón'],
};
const PT_IRREGULAR: Record<string, string> = { excluir: 'exclui', pôr: 'põe', por: 'põe', incluir: 'inclui' };

function commandEs(word: string): string {
  const m = /^(\p{L}+?(?:ar|er|ir))((?:me|te|le|la|lo|les|las|los|nos|se)(?:la|lo|las|los)?)?$/iu.exec(word);
  const forms = m ? COMMANDS_ES[m[1]!.toLowerCase()] : undefined;
  if (!m || !forms) return word;
  return m[2] ? `${forms[1]}${m[2]}` : forms[0];
}

function commandPt(word: string): string {
  const m = /^(\p{L}+?)(ar|er|ir|[ôo]r)(-(?:me|a|o|nos))?$/iu.exec(word);
  if (!m) return word;
  const infinitive = `${m[1]}${m[2]}`.toLowerCase();
  const verb = PT_IRREGULAR[infinitive] ?? `${m[1]}${/^ar$/i.test(m[2]!) ? 'a' : 'e'}`;
  return `${verb}${m[3] ?? ''}`;
}

/** The request without its courtesy, and whether any was taken off (a polite question then reads as a command). */
export function unpolite(text: string): { text: string; framed: boolean } {
  let line = text;
  for (let i = 0; i < 3 && APOLOGY.test(line); i++) line = line.replace(APOLOGY, '').replace(/^[¿¡]+/, '');
  const before = line;
  line = line.replace(FRAME_EN, '').replace(MIGHT_I_SEE, 'show me ');
  const es = FRAME_ES.exec(line);
  if (es) {
    const rest = line.slice(es[0].length);
    line = rest.replace(/^\p{L}+/u, (word) => commandEs(word));
  }
  const pt = es ? null : FRAME_PT.exec(line);
  if (pt) {
    const rest = line.slice(pt[0].length);
    line = rest.replace(
      /^(me\s+)?([\p{L}-]+)/iu,
      (_m, me: string | undefined, word: string) => `${me ?? ''}${commandPt(word)}`,
    );
  }
  return { text: line, framed: line !== before };
}
