/**
 * "buenas tardes, ¿qué tal va todo por ahí?", "mil gracias por todo, que tengas un buen fin de semana", "¡hola! ¿todo
 * bien por ahí?": a message made only of greetings, thanks, "how are you" and wishes asks nothing of the assistant,
 * whatever words in it a rule would otherwise take for a list ("todo", "fin de semana") or a title.
 */
const PLEASANTRY = new RegExp(
  [
    '[\\s¡¿!?,.;:…]+',
    'hola|buenas(?: tardes| noches)?|buenos d[íi]as|hi|hello|hey|good (?:morning|afternoon|evening)|oi|ol[áa]|bom dia|boa (?:tarde|noite)',
    '(?:mil |muchas )?gracias(?: por todo)?|(?:muito )?obrigad[oa](?: por tudo)?|thanks?(?: a lot| so much)?(?: for everything)?|thank you(?: so much)?(?: for everything)?',
    'qu[ée] tal(?: va)?(?: todo)?|c[óo]mo (?:va|vas|est[áa]s|andas|te va)(?: todo)?|todo bien|tudo (?:bem|bom|certo)|como (?:vai|est[áa]s?|vais)(?: tudo)?',
    "how(?:'s| is) (?:it going|everything|your (?:day|week))|how are you(?: doing)?|hope you(?:'re| are) (?:well|good)",
    'por (?:ah[íi]|all[áa]|a[íi]|ac[áa]|aqu[íi]|aqui)|a[íi]',
    '(?:que )?(?:tengas|tenga|tenhas|tenha) (?:un |uma? )?(?:(?:buen|bom|boa|lindo|linda|excelente|[óo]timo|[óo]tima) )?(?:d[íi]a|fin de semana|finde|semana|noche|tarde|fim de semana|dia)',
    '(?:have a )?(?:nice|good|great|lovely) (?:day|weekend|week|evening)',
    '(?:arrancaste|empezaste|come[çc]aste|come[çc]ou) bien el a[ñn]o|feliz (?:a[ñn]o|ano|navidad|natal)(?: nuevo| novo)?',
  ]
    .map((part) => `(?:${part})`)
    .join('|'),
  'giu',
);
const WORD = /[\p{L}\d]/u;

export function onlyPleasantries(text: string): boolean {
  return (
    WORD.test(text) &&
    !WORD.test(text.replace(PLEASANTRY, ' ').replace(/(?<![\p{L}])(?:y|e|and)(?![\p{L}])/giu, ''))
  );
}
