import type { HistoryTurn, Understanding } from '../agent/offline-model.ts';
import type { Language } from '../agent/render.ts';
import { findDate, prepare, shiftDays, today, weekOf, type FoundDate } from './dates.ts';
import { detectLanguage } from './language.ts';
import { colonCommand } from './colon-command.ts';
import { onlyPleasantries } from './pleasantries.ts';
import { movedToProject } from './move-to-project.ts';
import { untext } from './texting.ts';
import { PROJECT_COMPOUND, unterse } from './terse.ts';
import { COMMAND_START, requestStarts } from './clauses.ts';
import { correctionOf, negatedOf } from './corrections.ts';
import { unspeak } from './speech.ts';
import { unpolite } from './polite.ts';
import { forgetAll, remembered } from './memo.ts';
import { lastDue, lastDueTime, lastTool, namedItem, resolveReference } from './references.ts';
import { intentClassifier } from './classifier.ts';

export interface UnderstandInput {
  text: string;
  /** ISO instant with offset (`2026-11-24T09:00:00+01:00`). */
  now: string;
  timezone: string;
  history?: HistoryTurn[];
  language?: Language;
}

type Args = Record<string, string | boolean>;

// The rules below are written by hand and decide first. When none matches, a naive Bayes classifier trained at
// start-up from services/assistant/corpus (kept apart from the evaluation sets) names the intent, and the
// intent's cue words are cut to find its arguments (`classified` at the end of this file).

// Each pattern captures the part of the message the intent acts on (a title or a task reference).
const CREATE_PROJECT =
  /^(?:please |por favor )?(?:(?:i (?:want|need|'d like) |quiero |quisiera |necesito |quero |queria |preciso de )(?:(?:create|make|start|open|set up|crear|criar|abrir)\s+)?|(?:create|add|make|start|open|set up|new|crea|crear|creá|[áa]rma(?:me)?|arm[áa]|añade|agrega|abre|abr[íi]|arranca|empieza|inicia|comienza|nuevo|come[çc]a|inicia|inicie|cri[ae]r?|adicion[ae]r?|abr[ae]|novo)\s+)(?:a |an |un |um )?(?:new |nuevo |novo )?(?:project|proyecto|projeto)(?:\s+(?:nuevo|novo))?\s*(?:for me |para m[íi] |pra mim |para mim )?(?:for (?:the |my )?|para (?:el |la |los |las |mi |o meu |a minha |o |a |os |as )?|pra (?:o |a )?|called |named |titled |with the name |with name |by the name |of name |llamado |que se llame |que se llama |con el nombre(?: de)? |de nombre |chamado |que se chame |que se chama |com o nome(?: de)? |de nome |:)?\s*(.+)$/i;
const CREATE_PROJECT_ARTICLE =
  /^(?:create|crea|crear|cri[ae]|criar)\s+(?:the|el|o)\s+(?:project|proyecto|projeto)\s+(.+)$/i;
const LIST_PROJECTS =
  /(?<![\p{L}])(?:l[íi]stame (?:los |mis )?proyectos|(?:me )?(?:mostr[áa]s|pas[áa]s|das) (?:la lista de )?(?:los |mis )?proyectos|^(?:projects|proyectos|projetos)(?=\s*[?!.]*$)|(?:list|show)(?: me)?(?: all)?(?: the)? projects|(?:list|show|what are|which are)\s+(?:me\s+)?(?:all\s+)?my projects|my projects|(?:what|which) projects|(?:mis|mostrar|ver|lista(?:r)?|muestra|mu[ée]strame|ens[ée][ñn]ame|dame)\s+(?:mis\s+|los\s+|todos los\s+)?proyectos|qu[ée] proyectos|(?:meus|mostrar|ver|listar?|mostra|mostre|me mostra|me mostre|mostra-me|mostre-me)\s+(?:meus\s+|os\s+|todos os\s+)?projetos|quais projetos|(?:que|quais|quantos|cu[áa]les|cu[áa]ntos|which|what|how many) (?:s[ãa]o |son |are )?(?:os |los |the |my |meus |mis )?(?:projetos|proyectos|projects)|(?:tengo|tenho|tens|do i have|have i got) (?:alg[úu]n |algum |any )?(?:proyectos?|projetos?|projects?)(?=\s*[?!.]*$))(?![\p{L}])/iu;
const REMIND_ABOUT =
  /^(?:please |por favor )?(?:remind me (?:about|of)|(?:set|add|put|create) (?:a )?reminder (?:for|on|to)(?= (?:the |my )?.+ task\b)|set (?:a )?reminder (?:for|on)|(?:quero|queria|preciso de|gostaria de) um lembrete (?:na|para a|pra|pra a|da) tarefa (?:d[oa]s? |de )?|recu[ée]rdame (?:lo del? |lo de la |la tarea (?:del? |de la |de los |de las )?|sobre )|pon(?:me)? un recordatorio (?:para|de) |av[íi]same (?:del |de la |de los |de las |sobre )|(?:me avis[ae]|avis[ae]-me) (?:d[oa]s? |sobre )|me lembr[ae] (?:da tarefa (?:d[oa]s? |de )?|sobre |d[oa] )|lembr[ae]-me (?:da tarefa (?:d[oa]s? |de )?|sobre |d[oa]s? )|coloca(?:r)? um lembrete (?:para|de) |(?:p[óo]n(?:me|le)?|agr[ée]ga(?:me|le)?|a[ñn][áa]de(?:me|le)?|cr[ée]a(?:me)?|programa(?:me)?)\s+(?:un |una )?(?:recordatorio|aviso|alarma)\s+(?:en|a|para|de)\s+la\s+tarea\s+(?:del?\s+|de\s+la\s+|de\s+los\s+|de\s+las\s+)?|(?:p[óo]n(?:me|le)?|agr[ée]ga(?:me|le)?|a[ñn][áa]de(?:me|le)?)\s+(?:un |una )?(?:recordatorio|aviso|alarma)\s+(?:a\s+la|al|a\s+lo\s+de(?:l|\s+la)?|para\s+la|para\s+el)\s+|(?:coloca|coloque|p[õo]e|bota|cria|crie|adiciona|adicione|define)\s+(?:um |uma )?(?:lembrete|alarme|aviso)\s+(?:na|para a|pra|pra a|da|à)\s+tarefa\s+(?:d[oa]s?\s+|de\s+)?|(?:add|put|create)\s+(?:a\s+)?reminder\s+(?:on|for|to)\s+(?:the\s+)?task\s+(?:about\s+|called\s+|named\s+)?)(.+)$/i;
/** "remind me friday to X", "me lembra amanhã de manhã de X": when, then what (a part of the day goes with when). */
const REMIND_WHEN_TO =
  /^(?:please )?(?:remind me (.+?) to (.+)|(?:me lembr[ae]|lembr[ae]-me) (.+?(?:\s+(?:de|à|a|pela|na)\s+(?:manh[ãa]|tarde|noite|madrugada))?) de ((?:n[ãa]o )?\p{L}*(?:ar|er|ir|or|ôr)(?![\p{L}]).*)|(?:av[íi]same|me avis[ae]s?|me avisar[áa]s|av[íi]same) (.+?) (?:de|para|pra|que (?:tengo|tenho) que|que) ((?:n[ãa]o |no )?\p{L}*(?:ar|er|ir|or|ôr)(?![\p{L}]).*))$/iu;
const REMIND_TO =
  /^(?:please |por favor )?(?:remind me to|don'?t let me forget(?: to)?|no me dejes olvidar(?: de)?|n[ãa]o me deix[ae] esquecer(?: de)?|recu[ée]rdame(?: que)?|acu[ée]rdame de|lembre-me de|me lembre de|me lembra de|lembra-me de|remind me(?=\s+(?!(?:to|about|of|that|when|in|at|on|every|tomorrow|today|tonight|next|this|by|before|after|later|again)(?![\p{L}]))\p{L})|(?:me lembr[ae]|lembr[ae]-me)(?=\s+\p{L}+(?:ar|er|ir)(?![\p{L}])))\s+(.+)$/iu;
const WH_WORD =
  /^(?:what|who|where|when|which|how|why|cu[áa]l(?:es)?|qu[ée]|qui[ée]n|d[óo]nde|cu[áa]ndo|c[óo]mo|por qu[ée]|qual|quais|quem|onde|quando|como|o que|por que)(?![\p{L}])/iu;
const REMINDER_NOTE =
  /^(?:new |nuevo |novo )?(?:reminder|recordatorio|lembrete|alarm|alarma|alarme)\s*((?:[^:\-–]|(?<=\d)[:](?=\d))*?)\s*(?:(?<!\d)[:\-–]|[:\-–](?!\d))\s*(.+)$/iu;
const SCHEDULE_EVENT =
  /^(?:please |por favor )?(?:marca|marque|marcar|agenda|agende|agendar|programa|programe|schedule|book|set up|arrange)\s+(?:(?:uma|um|una|un|a|an|the|o|a)\s+)?((?:reuni[ãa]o|reuni[óo]n|consulta|cita|meeting|call|llamada|videollamada|liga[çc][ãa]o|chamada|almo[çc]o|jantar|lunch|dinner|breakfast|visita|visit|entrevista|interview|appointment|encontro|caf[ée]|coffee|junta|sess[ãa]o|sesi[óo]n|aula|clase|class|demo|corte de cabelo|corte de pelo|haircut|exame|examen|exam|check-?up|revis[ãa]o|revisi[óo]n)(?![\p{L}]).*)$/iu;
const CLITIC_COMPLETE =
  /^(?:marcar|marca(?=\s+(?:como|feit|conclu|hech|terminad|list|pront)|$)|riscar?|m[áa]rcal[ao]|p[óo]nl[ao](?=\s+como\s+(?:terminad|hech|complet|list|conclu))|compl[ée]tal[ao]|term[íi]nal[ao]|marque-a|marque-o|marca-a|marca-o|conclua-a|conclua-o)(?:\s+(?:como\s+)?\S+)?$/i;
const ADD_TO_LIST =
  /^(?:please )?(?:add|put)\s+["'“‘]?(.+?)["'”’]?\s+(?:to|on|in)\s+(?:my\s+)?(?:tasks|task list|list|to-?do list|to-?dos)$|^(?:añade|agrega|pon)\s+["'“]?(.+?)["'”]?\s+a\s+mis\s+(?:tareas|pendientes)$|^(?:adiciona|adicione|coloca|coloque|p[õo]e)\s+["'“]?(.+?)["'”]?\s+nas\s+minhas\s+tarefas$/i;
const IT_IS_DONE =
  /^(?:that'?s|it'?s|this is|that is|it is|eso est[áa]|esto est[áa]|ya est[áa]|isso est[áa]|j[áa] est[áa]|t[áa])\s+(?:all\s+)?(?:done|finished|complete|completed|sorted(?: out)?|handled|taken care of|resuelto|resuelta|resolvido|resolvida|hecho|hecha|lista|listo|terminado|terminada|feito|feita|pronto|pronta|conclu[íi]do|conclu[íi]da)(?:\s+(?:already|now|too|ya|j[áa]))?[.!]?$/i;
const DONE_NEWS =
  /^(?:(?:listo|lista|ok(?:ay)?|bueno|pronto|done|yes|s[íi]|sim)[,!.]?\s+)?(?:ya\s+(?:qued[óo]|est[áa]|(?:la|lo)\s+(?:hice|termin[ée])|me\s+encargu[ée])|j[áa]\s+(?:fiz|foi|(?:a|o)\s+fiz|terminei|resolvi)|(?:i\s+)?(?:did|finished)\s+(?:it|that)(?:\s+already)?|all\s+done)[.!]*$/iu;
const CLITIC_UPDATE =
  /^(?:p[óo]n(?:le|la|lo)|c[áa]mbia(?:la|lo|le)|mu[ée]ve(?:la|lo)|p[áa]sa(?:la|lo)|aplaza(?:la|lo)|pospon(?:la|lo)|mud[ae](?:-a|-o)|pass[ae](?:-a|-o)|adi[ae](?:-a|-o)|coloc[ae](?:-a|-o)|s[úu]be(?:le|la|lo)(?: la prioridad)?|b[áa]ja(?:le|la|lo)(?: la prioridad)?|sobe(?: a prioridade)?(?: dela| dele)?|baixa(?: a prioridade)?(?: dela| dele)?|(?:bump|raise|lower) (?:it|that|this)(?: up| down)?|(?:bump|raise|lower) (?:it'?s|the) priority|(?:move|push|change|make|set|put|reschedule|postpone) (?:it|that|this))\s+(?:for |to |until |due |al |a |para |pra |até |como )?(.+)$/i;
const BARE_DONE =
  /^(?:(?:ok|okay|pronto|listo|vale|beleza|bueno|right)[,!.]?\s+)?(?:done|all done|finished|completed|hecho|hecha|listo|lista|terminado|terminada|feito|feita|pronto|pronta|conclu[íi]d[oa])(?:[,!.]?\s*(?:thanks|thank you|ty|gracias|obrigad[oa]|valeu))?[.!]?$/i;
/** "lo del banco ya lo hice", "la primera ya está", "lo de la farmacia ya quedó", "o email já foi": done, said after. */
const DONE_AFTER =
  /^(.+?)\s+(?:(?:eu|yo|i)\s+)?(?:ya|j[áa])\s+(?:l[oa] |a |o )?(?:hice|termin[ée]|acab[ée]|fiz|terminei|acabei|conclu[íi]|(?<=(?:ya|j[áa])\s+(?:l[oa]|[oa])\s+)\p{L}{3,}(?:[ée]|ei)|(?:est[áa]|t[áa])(?: (?:hecha|hecho|lista|listo|feita|feito|pronta|pronto))?|qued[óo]|foi)(?:[,;]\s+.*)?[.!]?$/iu;
/** "¿qué tareas ya terminé?", "quais tarefas eu já fiz?": a question about the finished tasks, not a completion. */
const WHAT_DID_I_FINISH =
  /^(?:qu[ée]|cu[áa]les|quais|que|o que)\s+(?:(?:de (?:las |mis )?)?(?:tareas|tarefas|pendientes|cosas|coisas)\s+)?(?:(?:eu|yo)\s+)?(?:ya\s+|j[áa]\s+)?(?:hice|termin[ée]|complet[ée]|acab[ée]|he (?:hecho|terminado|completado)|fiz|terminei|conclu[íi]|acabei|completei)(?![\p{L}])/iu;
/** "muda pra sexta", "move to friday": a change with no object, about the task just discussed. */
const BARE_UPDATE =
  /^(?:mud[ae]|pass[ae]|adi[ae]|p[õo]e|bota|coloca|mueve|cambia|pasa|aplaza|pon|move|push|change|reschedule|postpone)\s+(?:(?:ela|ele|isso|essa|esse|it|that|eso|esa|ese)\s+)?(?:pra|pro|para|a|al|to|until|till)\s+(.+)$/i;
/**
 * "já paguei a conta de luz", "ya pagué el alquiler", "I already paid the rent", "pronto, paguei o boleto", "done, sent
 * the invoices": done, said with its verb.
 */
/** "ya he hecho lo del seguro", "I've already paid the rent", "já tenho feito": done, said in the perfect. */
const HAVE_DONE =
  /^(?:(?:ya|j[áa])\s+)?(?:i'?ve|i have|he|hemos|tenho|j[áa] tenho)\s+(?:already\s+|just\s+|ya\s+)?(?:done|finished|completed|paid|sent|called|booked|submitted|fixed|hecho|terminado|acabado|pagado|mandado|enviado|llamado|completado|resuelto|feito|terminado|pago|mandado|enviado|ligado|resolvido)\s+(.+)$/iu;
const ALREADY_DID =
  /^(?:(?:(?:ya|j[áa])\s+|(?:pronto|prontinho|listo|lista)[,!.]+\s*(?:(?:ya|j[áa])\s+)?)\p{L}+(?:[ée]|[íi]|ei|ou|iu)|(?:(?:i )?(?:already|just) |(?:done|ok|okay)[,!.]+\s*(?:i\s+)?(?:already\s+|just\s+)?)(?:paid|sent|called|bought|did|made|wrote|prepared|finished|booked|mailed|emailed|submitted|fixed|cleaned|renewed|ordered|delivered|returned|picked up))\s+(?:(?<=(?:tratei|cuidei|encarreguei|livrei|ocup[ée]|encargu[ée])\s+)(?:d[aoe]s?|del?|de la|de los|de las)\s+)?(.+)$/iu;
/** "finally sent the invoices!", "por fin mandé el presupuesto": done, said as news after the wait. */
const FINALLY_DID =
  /^(?:(?:finally|at last)\s+(?:i\s+)?(?:(?:got|managed) to\s+)?(?:paid|sent|called|bought|did|finished|booked|mailed|emailed|submitted|fixed|cleaned|picked up|delivered|handed in|turned in)|(?:por fin|al fin|finalmente|enfim|at[ée] que enfim)\s+\p{L}+(?:[ée]|ei|ou|iu))\s+(.+)$/iu;
/** "consegui entregar o trabalho", "conseguí llamar al banco", "I managed to call the bank": done, the task as said. */
const MANAGED_TO =
  /^(?:(?:finalmente|enfim|por fin|finally|ya|j[áa])\s+)?(?:(?:eu|yo)\s+)?(?:consegui|consegu[íi]|logr[ée]|i managed to|i finally got to)\s+(.+?)[.!]*$/iu;
/** "the dinner with Marta is cancelled, remove it", "la reunión se cancela, quítala", "cancelaram a reunião, pode apagar". */
const CANCELLED_REMOVE =
  /^(?:(.+?)\s+(?:is|was|got|has been|se|ha sido|fue|foi)\s+(?:cancell?ed|called off|cancela|cancel[óo]|ha cancelado|cancelad[ao]|suspendid[ao]|desmarcad[ao]|cancelad[ao])|(?:cancelaram|desmarcaram|cancelaron|suspendieron)\s+(.+?))[,.;]?\s+(?:(?:you can|can you|pode|podes|puedes)\s+)?(?:remove|delete|drop|erase|scratch|qu[íi]tal[ao]|b[óo]rral[ao]|el[íi]m[íi]nal[ao]|apagar|apaga|apague|tirar|tira|excluir|exclui|remover|quitar|borrar|eliminar)(?:\s+(?:it|that|this|a|o|isso|la|lo|eso))?(?:\s+(?:from (?:my|the) list|de la lista|da lista))?[.!]?$/iu;
/** "the payroll is super urgent now", "lo de las nóminas es urgente", "a declaração ficou urgente": a priority, said as news. */
const IS_NOW_PRIORITY =
  /^(?:lo de\s+|o lance d[oa]s?\s+)?(?!(?:i |yo |eu )?(?:need|have to|gotta|must|tengo que|tenho que|preciso|necesito|hay que)\s|(?:add|anota|anote|apunta|agrega|a[ñn]ade|adiciona|acrescenta|crea|cria|crie|create|new|nueva|nova|nuevo|novo|put down|jot down|write down|note down)\s)([^,;:]+?)\s+(?:is|is now|became|es|est[áa]|ya es|se volvi[óo]|ficou|[ée]|virou|agora [ée])\s+(?:super |really |very |muy |muito |s[úu]per |now |ahora |agora )*(urgent|urgente|critical|cr[íi]tic[oa]|high priority|top priority|prioridad alta|prioridade alta|low priority|prioridad baja|prioridade baixa)(?:\s+(?:now|ahora|agora|ya|j[áa]))?[.!]*$/iu;
/** "did I miss any deadlines?", "¿se me ha pasado alguna fecha?", "deixei passar algum prazo?": the overdue tasks. */
/** "an hour before", "meia hora antes", "15 minutos antes": a reminder before the due time of the task just discussed. */
const REMIND_BEFORE =
  /^(?:please |por favor )?(?:remind me|ping me|let me know|warn me|give me a heads[- ]up|(?:set|send|give|put|add|create|schedule)(?: me)? an? (?:reminder|alert|heads[- ]up)|av[íi]same|recu[ée]rdamelo|recu[ée]rdame|me avisas?|me avise|me lembra|me lembre|avisa-me|lembra-me|(?:p[óo]n(?:me|le)?|env[íi]ame|m[áa]ndame) un (?:recordatorio|aviso)|(?:p[õo]e|coloca|manda|cria)(?: pra mim)? um (?:lembrete|aviso))\s+(?:(\d{1,3}|half an?|an?|one|two|three|media|meia|una|uma|un|um|dos|duas|dois|tres|três|quince|quinze|fifteen|diez|dez|ten|thirty|treinta|trinta|veinte|vinte|twenty)\s+)?(hours?|hrs?|horas?|minutes?|mins?|minutos?)(\s+(?:y media|e meia|and a half))?\s+(?:before|beforehand|earlier|ahead(?: of time)?|in advance|antes|de antemano|con antelaci[óo]n|com anteced[êe]ncia)(?:\s+(?:it|that|de eso|disso|dela|dele|del?|da|do|of it|it starts|it's due))?[.!?]?$/i;
const REMIND_DAY_BEFORE =
  /^(?:please |por favor )?(?:remind me|ping me|let me know|warn me|av[íi]same(?:lo|la)?|recu[ée]rdamelo|recu[ée]rdamela|recu[ée]rdame|me avisas?|me avise|me lembra|me lembre|avisa-me|lembra-me)(?:\s+(?:of it|about it|of that|disso|dela|dele|de eso|de esto))?\s+(the day before|the night before|the evening before|a day before|one day before|two days before|\d+ days before|the morning of|that morning|the same day|that day|on the day|el d[íi]a (?:anterior|antes)|la noche anterior|la v[íi]spera|un d[íi]a antes|dos d[íi]as antes|\d+ d[íi]as antes|esa ma[ñn]ana|ese (?:mismo )?d[íi]a|el mismo d[íi]a|na v[ée]spera|no dia anterior|na noite anterior|um dia antes|dois dias antes|\d+ dias antes|nessa manh[ãa]|no (?:mesmo )?dia|naquele dia)(?![\p{L}])(.*)$/iu;
const REMIND_BEFORE_NAMED =
  /^(?:please |por favor )?(?:remind me|ping me|let me know|warn me|av[íi]same|recu[ée]rdame|me avisas?|me avise|me lembra|me lembre|avisa-me|lembra-me)\s+(?:(?:about|of|lo del?|lo de la|lo de los|lo de las|sobre|d[ao]s?)\s+(.+?)\s+)?((?:(?:\d{1,3}|half an?|an?|one|two|three|media|meia|una|uma|un|um|dos|duas|dois|tres|três|quince|quinze|fifteen|diez|dez|ten|thirty|treinta|trinta|veinte|vinte|twenty)\s+)?(?:hours?|hrs?|horas?|minutes?|mins?|minutos?)(?:\s+(?:y media|e meia|and a half))?)\s+(?:before|antes)(?:\s+(?:the |of the |of |de la |del |de los |de las |de |da |do |das |dos )(.+?))?[.!]?$/iu;
const AMOUNTS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  una: 1,
  uma: 1,
  un: 1,
  um: 1,
  two: 2,
  dos: 2,
  duas: 2,
  dois: 2,
  three: 3,
  tres: 3,
  três: 3,
  ten: 10,
  diez: 10,
  dez: 10,
  fifteen: 15,
  quince: 15,
  quinze: 15,
  twenty: 20,
  veinte: 20,
  vinte: 20,
  thirty: 30,
  treinta: 30,
  trinta: 30,
};
/** "is there anything I forgot?", "¿se me olvidó algo?", "esqueci alguma coisa?": a question about what is overdue. */
const FORGOT_ANYTHING =
  /^(?:(?:is|was) there )?(?:anything|something) (?:that )?i(?:'ve| have)? (?:forgot|forgotten|missed)(?: about)?(?: to do)?\??$|^(?:did|have) i (?:forget|forgotten|miss|missed) (?:anything|something)(?: important)?\??$|^¿?(?:se me (?:ha )?(?:olvidado|olvid[óo]) algo|(?:me )?olvid[ée] algo|hay algo que (?:se me )?(?:olvid[ée]|olvid[óo]|haya olvidado))(?: importante)?\??$|^(?:eu )?(?:esqueci|deixei passar) (?:alguma coisa|algo)(?: importante)?\??$|^tem (?:alguma coisa|algo) que (?:eu )?esqueci\??$/i;
const MISSED_DEADLINE =
  /^(?:did i|have i|i)\s+(?:miss|missed|forget|forgot|blow|blew)\s+(?:any|a|some)\s+(?:deadlines?|due dates?)|^(?:se me (?:ha|han) pasado|se me pas[óo]|se me pasaron)\s+(?:alguna|alg[úu]n|algo de)?\s*(?:fechas?|plazos?|tareas?)|^(?:eu\s+)?(?:deixei passar|perdi)\s+(?:algum|alguma)\s+(?:prazos?|datas?|tarefas?)/iu;
/** "what did I already finish?", "what have I completed so far?": the finished tasks. */
const WHAT_DID_I_FINISH_EN =
  /^(?:what|which(?: tasks)?)\s+(?:did|have)\s+i\s+(?:already |just )?(?:finish|finished|complete|completed|get done|gotten done|got done|tick(?:ed)? off|check(?:ed)? off)(?![\p{L}])/iu;
/** "ponle recordatorio mañana a las 8", "põe um lembrete nela pra amanhã", "set a reminder for it at 5": on the task just discussed. */
const REMINDER_FOR_IT =
  /^(?:p[óo]n(?:le|me)?|agr[ée]ga(?:le|me)?|a[ñn][áa]de(?:le|me)?|cr[ée]a(?:le)?|programa(?:le)?|set|add|create|put|schedule|coloca|coloque|p[õo]e|bota|cria|crie|adiciona|adicione|define|programa)\s+(?:a |an |un |una |um |uma |el |o )?(?:reminder|recordatorio|alarma|aviso|lembrete|alarme|alerta|alert)(?![\p{L}])\s*(.*)$/iu;
/** Words around a reminder's time that name no task ("for it", "nela", "para eso", "at"). */
const AROUND_TIME =
  /(?<![\p{L}])(?:for|on|at|to|it|that|this|the|in|para|pra|pro|por|a|al|el|la|las|los|de|del|do|da|em|en|no|na|às|as|ás|nela|nele|nisso|nessa|nesse|isso|eso|esa|ese|esto|esta|este|le|lo|tambi[ée]n|tamb[ée]m|too|also)(?![\p{L}])/giu;
const CLITIC_DELETE =
  /^(?:scratch (?:that|it)|forget (?:it|that)|b[óo]rral[ao]|el[íi]m[íi]nal[ao]|qu[íi]tal[ao]|apague-a|apague-o|apaga-a|apaga-o|exclua-a|exclua-o|remova-a|remova-o)$/i;
/** "tira a tarefa do dentista", "bórrame la de la farmacia": "tira", "saca" and the "-me" forms only before a task. */
const DELETE =
  /^(?:please |por favor )?(?:delete|remove|erase|cancel|drop|get rid of|scratch|chuck|bin|ditch|dump|nix|trash|toss|borra|borrar|elimina|eliminar|quita|quitar|cancela|apaga|apague|apagar|exclui|exclua|excluir|remove|remova|cancele|deleta|deletar|delete|(?:tira|tire|tirar|retira|retire|retirar|saca|sacar|b[óo]rrame|el[íi]m[íi]name|qu[íi]tame|s[áa]came|apaga-me|tira-me)(?=\s+(?:a|o|as|os|essa|esse|essas|esses|aquela|aquele|isso|da|do|la|el|las|los|lo|esa|ese|eso|esta|este|aquella|aquel|mi|minha|meu)\s))\s+(.+?)(?:\s+(?:from my list|de mi lista|da minha lista|(?:de|da) (?:la |a )?lista))?$/i;
/** "take the car wash off my list": a task taken off the list. */
const TAKE_OFF = /^(?:please )?take\s+(.+?)\s+off\s+(?:my |the )?(?:to-?do )?(?:list|tasks)$/i;
/** ", tick it off", ", márcala", ", pode riscar": said after a task was named done. */
const DONE_TAIL =
  /\s*[,;.]?\s+(?:so |please |pls |por favor |ent[ãa]o |as[íi] que )?(?:(?:tick|check|cross|mark) (?:it|that) (?:off|as done|done|complete)|m[áa]rcal[ao](?: como (?:hech[ao]|terminad[ao]))?|t[áa]chal[ao]|(?:pode )?(?:marcar|riscar|risca|marca)(?:-[ao]| ela| ele)?(?:\s+(?:como\s+)?(?:feit[ao]|conclu[íi]d[ao]))?)[.!]?$/i;
const COMPLETE = [
  /^(?:done|hecho|hecha|feito|feita|listo|lista|conclu[íi]do)\s*[:\-–]\s*(.+)$/i,
  // "listo lo del banco", "ya quedó lo de la farmacia", "ya está lo del informe".
  /^(?:listo|lista|hecho|hecha|terminado|ya (?:est[áa]|qued[óo])|qued[óo])\s+(?:lo del?|lo de la|lo de los|lo de las|con|la de|el de|la del|el del)\s+(.+)$/i,
  /^(?:ya )?(?:termin[eé]|acab[eé]|hice|complet[eé])\s+(?:lo de(?:l)?|con lo de(?:l)?|con (?:el|la))\s+(.+)$/i,
  /^(?:mark|marca|marcar|marque)\s+(?:as|como)\s+(?:done|complete|completed|hecha|hecho|completada|completado|terminada|feita|feito|conclu[íi]da|conclu[íi]do)\s+(.+)$/i,
  /^(?:please |por favor )?(?:mark|set|marca|marcar|marque)\s+(.+?)\s+(?:as |como )?(?:done|complete|completed|finished|hecha|hecho|completada|completado|terminada|lista|listo|feita|feito|conclu[íi]da|conclu[íi]do|pronta|pronto)$/i,
  /^(?:i )?(?:finished|completed|did|done with|have done|termin[ée]|termin[eé] con|acab[eé]|complet[eé]|hice|terminei|conclu[íi]|fiz|acabei)\s+(.+)$/i,
  /^(?:complete|finish|completa|termina|conclui|concluir|finaliza|finalizar|knock out|knock off|cross off|tick off|check off|tacha|risca|riscar|pode riscar)\s+(.+)$/i,
  // "got the second one out of the way", "took care of X", "ya despaché X", "já resolvi X": colloquial done verbs.
  /^(?:i )?(?:just |already |finally )?got\s+(.+?)\s+out of the way$/i,
  /^(?:i )?(?:just |already |finally )?(?:took care of|dealt with|knocked out|knocked off|wrapped up|sorted out)\s+(.+)$/i,
  /^(?:ya )?(?:despach[ée]|me encargu[ée] de|me ocup[ée] de)\s+(.+)$/i,
  /^(?:j[áa] )?(?:despachei|dei conta d[aoe]s?|me livrei d[aoe]s?|tratei d[aoe]s?|cuidei d[aoe]s?|me encarreguei d[aoe]s?)\s+(.+)$/i,
  // "second one's done", "the slides're finished": the contracted "is" / "are".
  /^(?!(?:what|that|it|there|who|here|everything|nothing|something|anything)'s\b)(.+?)'(?:s|re)\s+(?:all )?(?:done|complete|completed|finished|sorted)(?:\s+(?:now|already|too|as well))?$/i,
  /^(.+?)\s+(?:is|are|was|were|está|esta|están|ya está|ya están|já está|já estão|está|estão|tá)\s+(?:all )?(?:done|complete|finished|hecha|hecho|lista|terminada|feita|conclu[íi]da|pronta|pronto)(?:\s+(?:now|already|too|as well))?$/i,
  // "the fryer one got done last night, the guys stayed late": done, said of the task, whatever follows.
  /^(?!(?:nothing|everything|something|what|that|it|this|all)\s)(.+?)\s+(?:got|has been|have been|was|were)\s+(?:done|finished|completed|sorted(?: out)?|taken care of|handled)(?=$|[\s,.!])/i,
  // "laundry done", "informe hecho": a short name, then done.
  /^((?:\S+\s+){0,3}\S+)\s+(?:done|finished|hecho|hecha|listo|lista|feito|feita|pronto|pronta)$/i,
];
/**
 * "pon la tarea de X en el proyecto Y", "move X into project Y": an existing task filed in a project. With "put"
 * verbs ("pon", "coloca", "põe") only when it is "the task ...": "put X in project Y" may be a new task.
 */
const MOVE_TO_PROJECT =
  /^(?:please |por favor )?(move|mueve|pasa|mova|passa|put|pon|mete|coloca|coloque|p[õo]e|bota)\s+(.+?)\s+(?:in|into|to|under|en|a|al|dentro del?|no|ao|pro|pra o|para o|dentro do)\s+(?:the |el |o )?(?:(?:project|proyecto|projeto)\s+(.+)|(.+?)\s+project)$/i;
const PROJECT_THEN_TASK =
  /^(?:add|put|create|coloca|coloque|p[õo]e|bota|adiciona|adicione|cria|crie|agrega|a[ñn]ade|pon|mete|crea|anota)\s+(?:to|in|into|on|no|na|em|en|al|ao|pro|pra)\s+(?:the\s+|el\s+|o\s+)?(?:(?:project|proyecto|projeto)\s+(.+?)|(.+?)\s+project)\s+(?:a|an|un|una|um|uma)\s+(?:new\s+|nueva\s+|nova\s+)?(?:task|tarea|tarefa)\s*(?:to|de|para|pra|:)?\s+(.+)$/iu;
const QUOTED_UNDER =
  /^(["'“‘].+?["'”’])\s+(?:under|in|into)\s+(?:the\s+|my\s+)?(\p{L}[^,]*?)(?=\s*,|\s+(?:due|by|for|on|before|until)\s|\s*$)(.*)$/u;
const PUT_IN =
  /^(?:please |por favor )?(?:put|stick|file|pon|ponme|mete|coloca|coloque|p[õo]e|pôr|bota|poner|colocar|meter|botar)\s+(.+)$/i;
/** "add it to the Home project", "ponla en el proyecto Casa", "coloca ela no projeto X": the task just discussed. */
const PROJECT_FOR_IT =
  /^(?:please |por favor )?(?:(?:add|put|move|file|stick|assign)\s+(?:it|that|this)|p[óo]n(?:la|lo)|m[ée]te(?:la|lo)|agr[ée]ga(?:la|lo)|a[ñn][áa]de(?:la|lo)|mu[ée]ve(?:la|lo)|p[áa]sa(?:la|lo)|gu[áa]rda(?:la|lo)|(?:coloca|coloque|p[õo]e|bota|adiciona|adicione|move|mova|passa|joga)\s+(?:ela|ele|isso|essa|esse)|mova-[ao]|coloque-[ao]|coloca-[ao]|passa-[ao]|p[õo]e-n[ao])\s+(?:in|into|to|under|en|a|al|no|na|ao|pro|pra|para o|para|dentro del?|dentro do)\s+(?:the |el |o )?(?:(?:project|proyecto|projeto)\s+(.+)|(.+?)\s+project)$/i;
/** "that should go in the Wedding project", "eso va en el proyecto Boda", "isso é do projeto Casamento". */
const IT_BELONGS =
  /^(?:(?:that|it|this)(?:'s| is)?|eso|esto|esa|ese|esta|este|isso|isto|essa|esse|ela|ele)\s+(?:(?:should|must|needs to|has to|is supposed to|can|could)\s+)?(?:go(?:es)?|be(?:longs)?|is|va|iba|debe ir|deber[íi]a ir|tiene que ir|pertenece|es|vai|ia|deve ir|deveria ir|tem que ir|pertence|[ée]|era|fica)\s+(?:in|into|to|under|on|part of|en|al|de|del|no|na|do|da|em|ao|pro|pra|para o)\s+(?:the |el |o |my |mi |meu )?(?:(?:project|proyecto|projeto)\s+(.+)|(.+?)\s+project)$/i;
const NEW_TASK_OBJECT =
  /^(?:me |us )?(?:(?:a|an)\s+(?:new\s+)?(?:task|to-?do|reminder)|(?:un|una|um|uma)\s+(?:nueva\s+|nova\s+)?(?:tarea|tarefa|recordatorio|lembrete))(?![\p{L}])/iu;
/** "what's done?", "qué está terminado?", "o que já está feito?": the finished tasks, asked. */
const WHAT_IS_DONE =
  /^(?:what|which (?:tasks|ones)|qu[ée]|cu[áa]les|o que|quais)(?:'s|'re|\s+(?:is|are|has been|have been|ya est[áa]n?|est[áa]n?|j[áa] est[áa]|j[áa] t[áa]|j[áa] foi|foi|fue|fueron|t[áa]))\s+(?:already\s+)?(?:done|finished|completed?|hech[oa]s?|terminad[oa]s?|feit[oa]s?|pront[oa]s?|conclu[íi]d[oa]s?|list[oa]s?)(?![\p{L}])/iu;
const UPDATE_SPLIT = /\s+(?:to|until|till|for|a|al|hasta|para|pra|até|como)\s+/gi;
const UPDATE = [
  /^(?:please |por favor )?(?:rename|renombra|renomeia|renomeie)\s+(.+?)\s+(?:to|as|a|como|para)\s+(.+)$/di,
  /^(?:please |por favor )?(?:change|move|reschedule|postpone|bump|push back|push|update|remarca|remarcar|reprograma|set|make|cambia|cambiar|mueve|mover|pasa|pospón|pospon|aplaza|actualiza|pon|mud[ae]|mudar|troc[ae]|troque|trocar|alter[ae]|alterar|adi[ae]|adiar|pass[ae]|atualiz[ae]|coloc[ae]|sube|subir|sobe|raise|lower|baja|bajar|baixa|baixar|aumenta|eleva|prepone|shift|bring forward|downgrade|upgrade|deprioriti[sz]e|prioriti[sz]e|move up|pull forward|c[áa]mbiame|p[áa]same|mu[ée]veme|ap[áa]zame|mud[ae]-me|pass[ae]-me)\s+(?:the )?(?:due date |deadline |priority |date |fecha |prioridad |prazo |data |prioridade )?(?:of |for |de |del |da |do )?(.+?)\s+(?:to|until|till|for|a|al|hasta|para|pra|até|como)\s+(.+)$/di,
];
const LIST =
  /\b(?:what(?:'s| is) (?:in|on|under) (?:the |my )?(?:project \S|\S+(?: \S+)? project\b)|(?:my|mi|minha|a minha) (?:agenda|schedule)(?: (?:for|de|para|pra|do|da) (?:today|tomorrow|hoy|ma[ñn]ana|hoje|amanh[ãa]))?|(?:tasks|tareas|tarefas|to-?dos) (?:with|con|com|de|of) (?:(?:high|low|medium|urgent|alta|baja|baixa|media|m[ée]dia|urgente) )?(?:priority|prioridad|prioridade)|what (?:still )?needs? (?:to be done|doing)|what(?:'s| is) (?:still )?(?:left|pending|open) (?:to do|for)|qu[ée] (?:me )?(?:falta|queda)n? (?:por|para) hacer|qu[ée] hay que hacer|o que (?:ainda )?(?:falta fazer|tem que ser feito|falta ser feito|tenho que fazer)|(?:tasks|tareas|tarefas) (?:in|of|for|from|under|del|de|do|da|no|en el|en) (?:the |el |o )?(?:project|proyecto|projeto)|tasks (?:in|of|for|from|under) (?:the |my )?\S+(?: \S+)? project|show me everything|everything on my list|tengo algo|tengo (?:alguna|alg[úu]n) |tenho algo|tenho alguma|tem alguma tarefa|tem algo|tens (?:alguma|algo|tarefas)|what (?:do|have|will) i (?:have|got|need to do)|what (?:do|must|should) i (?:need to |have to )?(?:deliver|hand in|turn in|submit|finish|get done)|qu[ée] (?:me toca|tengo que) (?:entregar|hacer|terminar|acabar)|o que (?:eu )?(?:preciso|tenho que) entregar|what (?:have|did) i (?:finish(?:ed)?|complete(?:d)?|get done)|qu[ée] (?:he|hice) (?:terminado|completado|hecho)|o que (?:eu )?(?:j[áa] )?(?:terminei|conclu[íi]|fiz)$|what'?s on (?!(?:the )?(?:tv|telly|television|radio|netflix|menu|news|cinema|at the)\b)(?:for |my )?|what is on (?!(?:the )?(?:tv|telly|television|radio|netflix|menu|news|cinema|at the)\b)(?:for |my )?|o que (?:eu )?(?:tenho|preciso fazer)|qu[ée] (?:tengo|debo hacer)|what(?:'s| is| are| do i have)?\s+(?:due|on my (?:list|plate)|left|pending|overdue|my tasks)|(?:list|show|see|view|display|give me|get)\s+(?:me\s+)?(?:all\s+)?(?:my\s+)?(?:(?:today|tomorrow|tonight|this week|next week|this month|next month)(?:'s)?\s+)?(?:open\s+|pending\s+|completed\s+|done\s+|finished\s+|overdue\s+|urgent\s+|high priority\s+)?(?:tasks|to-?dos|todo list|list)|my (?:tasks|to-?dos?(?: list)?|list)|(?:list|show|see|give)\s+(?:me\s+)?(?:all\s+)?(?:my|the)\s+(?:(?:open|pending|done|finished|overdue|urgent|important|high priority|low priority)\s+)?(?:stuff|things|items)(?:\s+(?:for|due|on|this|next|today|tomorrow|in|from|under|of)|\s*[?!.]*$)|any (?:tasks|overdue)|(?:do i have|have i got) (?:any(?:thing)?|tasks)|(?:qu[ée]|que) (?:tengo|hay|me queda|me falta)|mis (?:tareas|pendientes)|(?:lista|muestra|mu[ée]strame|ver|dame)\s+(?:mis\s+|las\s+|todas\s+las\s+)?(?:tareas|pendientes)|tareas (?:pendientes|de hoy|para|atrasadas|vencidas|completadas|hechas)|o que (?:tenho|vence|falta|h[áa])|qu[ée] (?:se )?(?:me )?vencen?|minhas (?:tarefas|pend[êe]ncias)|(?:liste|listar|mostre|mostra|mostrar|ver|veja)\s+(?:as\s+|minhas\s+|todas\s+as\s+)?(?:tarefas|pend[êe]ncias)|tarefas (?:pendentes|de hoje|para|atrasadas|vencidas|conclu[íi]das|feitas))\b/i;
const CREATE =
  /^(?:please |can you |could you |por favor |pode |puedes )?(?:create|add|make|new|necesito|(?:eu )?preciso(?: de)?|i need|quiero|(?:eu )?quero|put down|jot down|put|write down|note down|note|schedule|log|crea|crear|creá|añade|añadir|agrega|agregar|anota|anotar|apunta|nueva|cri[ae]|criar|adicion[ae]|adicionar|acrescent[ae]|acrescentar|anot[ae]|anotar|nova|coloc[ae]|ap[úu]ntame|an[óo]tame|anota-me|ag[ée]ndame|agend[ae]|p[óo]nme|m[ée]te(?:me)?|cr[ée]ame|a[ñn][áa]deme|agr[ée]game|h[áa]zme|marca-me|create me|make me|add me)(?:-me|\s+a[íi]|\s+(?:pra|para) mim)?\s+(?:a |an |the |un |una |la |el |uma |um |a |o )?(?:(?:new|urgent|important|quick|(?:high|low|medium|normal|top|urgent)[- ]priority) |(?:nueva|nova) )?(?:task|to-?do|reminder|item|tarea|tarefa|pendiente|recordatorio|lembrete)s?(?: (?:urgente|importante|nueva|nova))?(?:\s+(?:with|con|com|de)\s+(?:(?:high|low|medium|urgent|alta|baja|baixa|media|m[ée]dia|urgente)\s+)?(?:priority|prioridad|prioridade)(?:\s+(?:high|low|medium|urgent|alta|baja|baixa|media|m[ée]dia|urgente))?(?=\s*[:\-–]))?\s*(?:on my list|to my list|en mi lista|na minha lista)?\s*(?:for me to |for me |to |called |named |for |that says |para mí |pra mim |para |pra |llamada |de |que diga |chamada |com |:|-)?\s*(.+)$/i;
const ON_MY_LIST =
  /^(?:please |can you )?(?:put|add|stick|throw|pop)\s+(.+?)\s+(?:on|to|in(?:to)?)\s+my\s+(?:to-?do\s+)?list\b[,.]?\s*(.*)$/i;
/** "add 'renew the insurance' for monday": an add with no task word is still a new task. */
const ADD_ANYTHING =
  /^(?:add|put down|aponta(?: a[íi])?:?|aponte(?: a[íi])?:?|agr[ée]game|a[ñn][áa]deme|adiciona-me|acrescenta-me|write down|añade|agrega|adiciona|adicione|acrescenta|acrescente|anota(?: a[íi])?|anote(?: a[íi])?|apunta(?: a[íi])?|note down|jot down|anotar|adicionar|acrescentar|apuntar|agregar|a[ñn]adir)\s+(.+)$/i;
const CREATE_LOOSE =
  /^(?:tenho de|temos de|tens de|(?:i )?(?:really |seriously |definitely |still |also |just |probably |totally )?(?:need|have|got) to|i (?:really |definitely |probably |also )?(?:must|should)|i gotta|todo:?|to-?do:?|note:|tengo que|necesito|debo|hay que|anota a[íi]:?|adiciona a[íi]:?|(?:coloca|bota|p[õo]e|cria|salva) a[íi]:?|ap[úu]ntame|an[óo]tame|anota-me|apunta(?: esto)?:?|anota(?: esto)?:?|preciso|tenho que|devo|anote:?|tarea:|tarefa:|ag[ée]ndame|agenda(?: a[íi])?:?(?=\s+(?:[a-záéíóúâêôãõç]+(?:ar|er|ir|ír)|reuni[óo]n|reuni[ãa]o|llamada|liga[çc][ãa]o|cita|consulta|visita)\s)|agende)\s+(.+)$/i;
const SEARCH =
  /^(?:search|find|look up|look for|busca|buscar|b[úu]scame|encuentra|procura|procurar|pesquisa|pesquisar)\s+(?:for\s+|por\s+)?(?:(?:all\s+)?(?:my\s+|mis\s+|minhas\s+|the\s+|las\s+|as\s+)?(?:tasks|tareas|tarefas|to-?dos)\s+|(?:anything|something|stuff|algo|alguna cosa|cosas|alguma coisa|coisas)\s+(?=(?:about|on|regarding|related to|sobre|acerca de|de|del|do|da)\s))?(?:about|with|mentioning|containing|related to|that (?:mention|contain|say)s?|sobre|con|de|com|que (?:contengan|contienen|tengan|tienen|mencionen|mencionan|digan|dicen|hablen de|hablan de|contenham|cont[êe]m|tenham|t[êe]m|mencionem|mencionam|digam|dizem|falem de|falam de|falam sobre))?\s*(.+)$/i;
/** "tasks about the wedding?", "tareas sobre facturas": a search with no verb. */
const SEARCH_NOUN =
  /^(?:(?:show|list|find|give me|muestra|mu[ée]strame|mostra|me mostra|ver)\s+(?:me\s+)?|(?:do i have|have i got|is there|are there|got|tengo|hay|tienes|tem|tenho|tens|h[áa]|existe)\s+|(?:which|what|qu[ée]|cu[áa]les|quais|que)\s+)?(?:any |my |all |mis |minhas |las |as |todas las |todas as |alguna |algunas |algum |alguma |algumas |una |uma |a |an |of my |of the |de mis |de las |das minhas |das )?(?:tasks?|tareas?|tarefas?|to-?dos?|anything|something|algo|cosas?|coisas?|ones)\s+(?:about|on|regarding|mentioning|containing|that (?:mention|contain|say)s?|mention|mentions|contain|contains|say|talk about|are about|have to do with|with|sobre|acerca de|com|con|mencionan|hablan de|tienen que ver con|mencionam|falam de|falam sobre|t[êe]m a ver com|que (?:mencione|diga|contenga|tenga|fale de|fale sobre|contenha|tenha|contengan|contienen|tengan|tienen|mencionen|mencionan|digan|dicen|hablen de|hablan de|contenham|cont[êe]m|tenham|t[êe]m|mencionem|mencionam|digam|dizem|falem de|falam de|falam sobre))\s+(?!(?:high|low|medium|urgent|alta|baja|baixa|media|m[ée]dia|urgente|la prioridad|a prioridade|priority|prioridad|prioridade|due|fecha|prazo|vencimiento|(?:my|the|mi|la|a|minha) (?:list|lista))(?![\p{L}]))(.+?)\??$/iu;
/** "the word budget", "la palabra presupuesto", "a palavra fatura": the term, without the word for "word". */
/** "¿hay algo de la tarjeta?", "tem algo do carro?": "something of X" asks for a search too. */
const SOMETHING_OF =
  /^(?:(?:hay|hab[íi]a|tengo|ten[íi]a|tienes|tem|tenho|tinha|tens|havia|h[áa])\s+)(?:algo|alguna cosa|alguma coisa|nada)\s+(?:(?:anotad[ao]|apuntad[ao]|guardad[ao]|escrit[ao]|registrad[ao])\s+)?(sobre|de|del|do|da|dos|das)\s+(?!(?:hoy|ma[ñn]ana|hoje|amanh[ãa]|urgente|importante|prioridad|prioridade|esta semana|essa semana|la semana|a semana|este mes|este m[êe]s)(?![\p{L}]))(.+?)\??$/iu;
const searchTerm = (text: string) =>
  stripEnd(
    text
      .replace(/^(?:the |la |a )?(?:word|palabra|palavra|term|t[ée]rmino|termo)\s+/i, '')
      // "did I add anything about the lease?": what it is about.
      .replace(
        /^(?:anything|something|algo|alguma coisa|alguna cosa)\s+(?:about|on|regarding|sobre|de|del|do|da)\s+/iu,
        '',
      )
      .replace(/\s+(?:in there|on there|on (?:my|the) list|in (?:my|the) list|a[íi]|ah[íi])$/iu, '')
      // "about the liquor license", "sobre o alvará": the words a title holds, without the article ("liquor license").
      .replace(/^(?:the|el|la|los|las|o|a|os|as)\s+(?=\S)/iu, ''),
  );
/** "I'm not quite sure what you're able to help me with", "¿qué cosas sabe hacer usted?": help, said inside. */
const HELP_ANYWHERE =
  /(?<![\p{L}])(?:what (?:you(?:'re| are)?|u) (?:able to|can|could) (?:help (?:me )?with|do for me)|(?:would you mind )?explaining(?: (?:what you do|how (?:this|it) works))?\s*[?!.]*$|qu[ée] cosas (?:sabes?|puedes?) hacer|qu[ée] (?:sabes?|puede(?:s| usted)?) hacer|c[óo]mo (?:me )?(?:puedes?|podr[íi]as?) ayudar|como (?:voc[êe] |tu )?(?:pode|podes|poderia) (?:me )?ajudar|o que (?:voc[êe] |tu )?(?:sabe|sabes|pode|podes|consegue) fazer|what kinds? of (?:things|stuff) (?:can|could) you do|o que (?:voc[êe] |tu )?(?:consegues|conseguem) fazer|no entiendo c[óo]mo|n[ãa]o (?:entendo|sei) como|i don'?t (?:understand|get|know) how|c[óo]mo (?:se )?usa(?:r)? (?:esto|este|esta|esto)|como (?:que )?se usa (?:isto|isso|este|esse)|(?<!(?:la|a|the|your|por|pela|pelo|for|sua|tua|tu|su)\s+)(?:ayuda|ajuda|help)\s*[!?.]*$)/iu;
const HELP =
  /^(?:qu[ée] se puede hacer(?: aqu[íi]| con esto)?\s*[?!.]*$|para qu[ée] sirve(?: esto)?|para que serve(?: isto| isso)?|o que (?:[ée] que )?(?:eu )?(?:lhe |te )?posso pedir|me ajuda|ay[úu]dame|help me|what can you help (?:me )?with|(?:en )?qu[ée] me puedes ayudar|(?:em )?que (?:voc[êe] )?(?:pode|podes) me ajudar|para qu[ée] sirves|pra que (?:voc[êe] )?serve|what (?:can|should) i (?:ask|say|tell)(?: you)?|how (?:do i|can i|to) use (?:this|you|it)|how does (?:this|it) work|how do (?:you|u) work|how (?:do )?i use (?:this|it|you)|(?:y )?(?:este bot|esto|esta app|el bot) c[óo]mo (?:se usa|funciona)|what do you do|c[óo]mo funcionas|c[óo]mo (?:funciona|te uso|se usa)|como (?:funciona|usar|te uso)|help|\?|menu|what (?:(?:other |kind of |sort of )?things )?can you do|what are you (?:capable of|good for)|how does this work|commands|ayuda|qu[ée] (?:m[áa]s |(?:otras |m[áa]s )?cosas )?(?:puedes|sabes|podr[íi]as) hacer|c[óo]mo funciona|ajuda|(?:o )?que (?:mais |(?:outras |mais )?coisas )?(?:voc[êe] |vc |tu )?(?:pode|podes|sabe|sabes|consegue|consegues) fazer|como funciona|qu[ée] (?:cosas )?(?:te |le )?puedo (?:pedir|decir|preguntar)(?:te|le)?|(?:o )?que (?:coisas )?(?:[ée] que )?(?:eu )?(?:te |lhe )?posso (?:te |lhe )?(?:pedir|perguntar|dizer)|qu[ée] sabes hacer|o que (?:voc[êe] )?faz|o que (?:eu )?posso (?:te )?(?:pedir|perguntar|dizer)|what (?:kind|sort|type)s? of (?:things|stuff|tasks|requests|commands)(?: can| could| should| do)? (?:you|i)|how (?:can|could) you help|what else can you do|what are you able to do|how (?:do|should) (?:i|you) use (?:this|it|you|the bot|this bot|this thing)|como (?:que )?(?:eu |a gente )?(?:uso|utilizo|usa|se usa) (?:isso|isto|voc[êe]|o bot|esse bot|este bot|essa coisa|o app|esse app)|o que (?:d[áa]|consigo) (?:pra|para) fazer|c[óo]mo (?:lo |la |te )?(?:uso|utilizo)|c[óo]mo se usa (?:esto|este bot|el bot|la app)|qu[ée] (?:cosas )?puedo hacer (?:contigo|aqu[íi]|con esto)|en qu[ée] me (?:puedes )?ayuda[rs]?|how (?:do|can|should|would) (?:i|we) use (?:this|the|your|you) (?:assistant|bot|app|thing|service|chat)|c[óo]mo (?:(?:lo|la) )?(?:uso|utilizo|se usa|se utiliza|funciona) (?:este|esta|el|la|tu) (?:asistente|bot|app|aplicaci[óo]n|servicio|chat|cosa)|como (?:(?:que )?(?:eu |a gente )?(?:uso|utilizo|usa|se usa|se utiliza)|funciona) (?:esse|este|essa|esta|o|a|seu|sua) (?:assistente|bot|app|aplicativo|servi[çc]o|chat|coisa|ferramenta))(?![\p{L}])/iu;
/**
 * "I hate my tasks lol", "jajaja odio mis tareas", "tengo demasiadas tareas esta semana", "odeio minhas tarefas
 * kkkk": a feeling about the tasks, not a request. Only when nothing but laughter or a time follows.
 */
const LAUGH =
  '(?:lol|lmao|a?(?:ha){2,}h?|(?:he){2,}|a?(?:ja){2,}j?|(?:je){2,}|k{2,}|(?:rs){2,}|ugh|uff|aff|omg|xd)';
const VENTING = new RegExp(
  `^(?:${LAUGH}[,!.]*\\s+)*(?:(?:i|yo|eu)\\s+)?(?:(?:really |just |so )?(?:hate|love|can'?t stand|loathe)|(?:i'm|am) (?:so |really )?(?:sick|tired) of|(?:i'm|am) (?:so )?(?:fed up|done) with|odio|detesto|amo|estoy (?:hart[oa]|cansad[oa]|agobiad[oa]|podrid[oa]) (?:de|con)|odeio|(?:estou|t[ôo]|to|tou) (?:cansad[oa]|de saco cheio|fart[oa]|sobrecarregad[oa])(?: de| com)?)\\s+(?:(?:all|todas|todos)\\s+)?(?:(?:my|these|this|the|mis|estas|las|esas|minhas|essas|estas|as|d[ao]s|dessas|desses|destas|destes|de las|de mis|de estas|de esas)\\s+){0,2}(?:tasks|to-?dos|to-?do list|tareas|pendientes|tarefas|pend[êe]ncias)(?![\\p{L}])(.*)$|^(?:${LAUGH}[,!.]*\\s+)*(?:i(?: have|'ve got| got)|(?:yo )?tengo|(?:eu )?tenho|there(?: are|'re)|hay|tem)\\s+(?:way |just )?(?:too many|so many|a ton of|tons of|loads of|demasiad[oa]s|tant[oa]s|un mont[óo]n de|muit[oa]s|um monte de|mil)\\s+(?:tasks|things|tareas|cosas|pendientes|tarefas|coisas|pend[êe]ncias)(?![\\p{L}])(.*)$`,
  'iu',
);
const VENTING_TAIL = new RegExp(
  `^(?:\\s+(?:this week|today|right now|lately|to do|esta semana|hoy|[úu]ltimamente|ahora|para hacer|por hacer|hoje|essa semana|nessa semana|agora|pra fazer|para fazer|man|dude|t[íi]o|cara|mano|${LAUGH}))*[\\s!.…]*$`,
  'iu',
);

const WISH =
  /^(?:i hope|hopefully|let'?s hope|fingers crossed|ojal[áa]|espero que|tomara(?: que)?|oxal[áa]|espero que)(?![\p{L}])/iu;

const GREETING =
  /^(?:hi|hello|hey|hiya|yo|good (?:morning|afternoon|evening)|hola|buenas|buenos d[íi]as|ol[áa]|oi|bom dia|boa tarde|boa noite)\b/i;
const THANKS =
  /^(?:thanks|thank you|thx|ty|cheers|great|awesome|perfect|ok(?:ay)?|gracias|genial|perfecto|obrigad[oa]|valeu|perfeito|beleza)\b/i;

const PRIORITY: [RegExp, string][] = [
  [
    // "prioridade urgente", "urgent priority": the priority word goes with it.
    /\b(?:(?:priority|prioridad|prioridade)\s+urgente?|urgente?\s+(?:priority|prioridad|prioridade)|urgent(?:es?|ly)?|asap|emergency|cr[íi]tic[oa]s?|critical(?:ly)?|as soon as possible|right away|immediately|lo (?:m[áa]s )?antes posible|top priority|top prio|highest priority|maximum priority|m[áa]xima prioridad|prioridad m[áa]xima|prioridade m[áa]xima|m[áa]xima prioridade|cuanto antes|de inmediato|para ya|pa ya|para ayer|pa ayer|o quanto antes|o mais r[áa]pido poss[íi]vel|o mais cedo poss[íi]vel|imediatamente|pra ontem|para ontem)\b/i,
    'urgent',
  ],
  [
    /\b(?:high(?:est)?[- ]priority|priority high|(?:prioridad|prioridade) high|high (?:prioridad|prioridade)|(?:priority|prio) alta|high prio|alta prio|prio alta|important|alta prioridad|prioridad alta|importantes?|prioridade alta|alta prioridade)\b/i,
    'high',
  ],
  [
    /\b(?:medium[- ]priority|medium prio|med(?:ium)? pri(?:o|ority)?|normal priority|prioridad normal|prioridade normal|prioridad media|media prioridad|prioridade m[ée]dia|m[ée]dia prioridade)\b/i,
    'medium',
  ],
  [
    /\b(?:low[- ]priority|low prio|(?:prioridad|prioridade) low|(?:priority|prio) (?:baja|baixa)|baja prio|prio baja|baixa prio|prio baixa|priority low|not urgent|no rush|no hurry|not a priority|nothing urgent|whenever(?: (?:you|i) (?:can|get a chance))?|sin prisas?|sin apuro|cuando (?:puedas|se pueda)|nada urgente|sem pressa|quando (?:der|puder)|nada urgente|baja prioridad|prioridad baja|no urgente|baixa prioridade|prioridade baixa|n[ãa]o urgente)\b/i,
    'low',
  ],
];
const PROJECT =
  /\s*(?:\b(?:in|to|for|under|on|into|of)\s+(?:the\s+|my\s+)?(?:project\s+(.+?)|(.+?)\s+project)|\b(?:en|al|para|del|de)\s+(?:el\s+)?proyecto\s+(.+?)|\b(?:no|ao|para o|do)\s+projeto\s+(.+?))(?=\s*[?!.]*$|[,.;]|\s+(?:by|due|on|at|for|para|pra|pro|el|la|no|na|até|that|which|que)\b|\s+(?:with|con|com)\s+(?:\p{L}+\s+)?(?:priority|prioridad|prioridade)\b)/iu;

/** Parts of the day said beside a date ("tomorrow morning", "amanhã de manhã"): never part of a title. */
const PART_OF_DAY =
  /(?<![\p{L}])(?:in the (?:morning|afternoon|evening)|this (?:morning|afternoon|evening)|first thing|de manh[ãa]|pela manh[ãa]|(?:[àa]|de) tarde|(?:[àa]|de) noite|por la (?:mañana|tarde|noche)|en la (?:mañana|tarde|noche)|de madrugada|de la ma[ñn]ana|de la madrugada|da manh[ãa]|da madrugada|(?:right |just )?(?:after|before) (?:lunch|dinner|breakfast|work)|at lunch(?:time)?|despu[ée]s (?:de(?:l)? )?(?:comer|almuerzo|almorzar|cenar|desayuno|desayunar|trabajo|la comida)|antes (?:de(?:l)? )?(?:comer|almuerzo|almorzar|cenar|desayuno|desayunar|la comida)|a la hora de (?:comer|la comida)|depois do (?:almo[çc]o|jantar|caf[ée]|trabalho|expediente)|antes do (?:almo[çc]o|jantar|caf[ée]|trabalho|expediente)|na hora do almo[çc]o|(?:by |before |at )?(?:the )?(?:end of (?:play|(?:the )?(?:work(?:ing)? )?day|business)|close of (?:play|business)|eod|cob)|(?:a |al |para el |antes del |hasta el )?(?:final|fin) del d[íi]a|(?:at[ée] o |no |ao )?(?:final|fim) do (?:dia|expediente)|temprano|tempranito|cedo|cedinho|cedito|early|first thing(?: in the morning)?|a primera hora|a primeira hora|logo cedo)(?![\p{L}])/giu;

/** How often, said beside a reminder's time ("every day", "todos los días", "toda semana"): never part of a title. */
const RECURRENCE =
  /(?<![\p{L}])(?:(?:every|each)\s+(?:single\s+)?(?:day|morning|evening|night|week|weekday|month)|todos los d[íi]as|todas las (?:ma[ñn]anas|noches|tardes|semanas)|cada (?:d[íi]a|ma[ñn]ana|noche|semana|mes)|diariamente|semanalmente|todo (?:santo )?d[íi]a|todos os dias|todas as (?:manh[ãa]s|noites|semanas)|toda (?:manh[ãa]|noite|semana)|todo m[êe]s)(?![\p{L}])/giu;
/** "X, due friday, remind me thursday at 6pm", "apunta X y recuérdamelo el jueves": a new task, then when to remind. */
const REMIND_CLAUSE =
  /^(.+?)[,;.]?\s+(?:and\s+|y\s+|e\s+)?(?:(?:please|pls)\s+)?(?:remind me|recu[ée]rdame(?:lo|la)?|av[íi]same(?:lo|la)?|me avis[ae]|avis[ae]-me|me lembr[ae]|lembr[ae]-me|(?:set|add|put|with) (?:a |an )?(?:reminder|alert|alarm)(?: for it| on it)?|(?:p[óo]n(?:me|le)?|agr[ée]ga(?:me|le)?|a[ñn][áa]de(?:me|le)?|con) (?:un |una )?(?:recordatorio|aviso|alarma)|(?:coloca|coloque|p[õo]e|bota|cria|crie|adiciona|adicione|com) (?:um |uma )?(?:lembrete|alarme|aviso))\s+(.+)$/iu;
/** "el viernes llevar el coche al taller, apúntalo", "X, cria uma tarefa urgente": the task, then the request. */
const ADD_CLAUSE =
  /^(.+?)[,;.!]+\s*(?:and\s+|y\s+|e\s+)?(?:(?:please|pls|por favor)\s+)?(?:add (?:it|that|this)|put (?:it|that|this) (?:down|on (?:my|the) list)|make (?:it|that|this) a task|note (?:it|that) down|ap[úu]nta(?:lo|la|melo|mela)|an[óo]ta(?:lo|la|melo|mela)|a[ñn][áa]de(?:lo|la)|agr[ée]ga(?:lo|la)|(?:anota|adiciona|acrescenta)(?: a[íi]| isso)?|(?:bota|p[õo]e) a[íi]|(?:coloca|coloque|agenda|salva|guarda)(?: a[íi]| isso)|ag[ée]nda(?:lo|la|melo|mela)|p[óo]n(?:lo|la|melo|mela)(?!\s+como(?![\p{L}]))|gu[áa]rda(?:lo|la)|(?:save|log) (?:it|that|this)|(?:add|create|make) (?:a |an )?(?:new )?task|crea (?:una |la )?(?:nueva )?tarea|(?:cria|crie) (?:uma |a )?(?:nova )?tarefa)(?![\p{L}])(.*)$/iu;

const PROJECT_FIRST =
  /^(?:(?:to|in|for|on|into|en|al|para|no|ao|do)\s+)?(?:the |el |o )?(?:(.+?) project|project (.+?)|proyecto (.+?)|projeto (.+?))\s*[:\-–]\s*(.+)$/i;

/** "mañana tengo que ...", "tomorrow I need to ...", "sexta-feira preciso ...": a day said first. */
const LEADING_DATE =
  /^((?:tomorrow|today|tonight|this (?:morning|afternoon|evening|week)|next week|ma[ñn]ana|hoy|esta (?:mañana|tarde|noche|semana)|amanh[ãa]|hoje|day after tomorrow|pasado ma[ñn]ana|depois de amanh[ãa]|(?:(?:at|by) )?the end of the month|(?:a |para )?fin(?:al)? de(?:l)? mes|(?:no )?fim do m[êe]s|(?:(?:on|el|la|na|no|this|next|este|esta|essa|nesta|neste) )?(?:pr[óo]xim[oa] )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|lunes|martes|mi[ée]rcoles|jueves|viernes|s[áa]bado|domingo|segunda|ter[çc]a|quarta|quinta|sexta)(?:-feira)?|on \p{L}+|el \p{L}+|na \p{L}+|no \p{L}+)),?\s+(?:i\s+)?/iu;

/** "a task for the Acme project to send the invoice", "una tarea en el proyecto Web para revisar X": project, then title. */
const PROJECT_THEN_TITLE =
  /^(?:(?:to|in|for|on|into|under|en|al|para|del|de|no|ao|do|pro|pra)\s+(?:(?:the|el|o)\s+)?|(?:the|el|o)\s+)(?:((?:\S+\s+){0,2}?\S+) project|project (\S+(?:\s+\S+){0,2})|proyecto (\S+(?:\s+\S+){0,2})|projeto (\S+(?:\s+\S+){0,2}))\s+(?:to|that|para|pra)\s+(.+)$/i;

function withDateAfter(match: RegExpExecArray | null, date: string): RegExpExecArray | null {
  if (match) match[1] = `${match[1]} ${date}`;
  return match;
}

const FILLER =
  /^(?:(?:please|pls) to|pls|please|plz|por favor|porfa|(?:hey|hi|hello) there|hey|hi|hello|hola|ol[áa]|oi|buenas|buenos d[íi]as|bom dia|boa tarde|good morning|oye|ok(?:ay)?|so|actually|bueno|vale|ah|oh|hmm|well|then|then,|ent[ãa]o t[áa]|t[áa] bom|ent[ãa]o|olha|bom(?! (?:dia|tarde|noite))|pois bem|tipo|pues|mir[áa](?=,)|alright|che|lol|lmao|a?(?:ha){2,}h?|a?(?:ja){2,}j?|k{3,}|(?:rs){2,}|sorry|excuse me|perd[óo]n|perdona|disculpa|desculpa|desculpe|com licen[çc]a|and(?: also)?|also|plus|y(?: tambi[ée]n)?|tambi[ée]n|e(?: tamb[ée]m)?|tamb[ée]m|na verdade|en realidad|de hecho|in fact|mejor|melhor|better|oops|whoops|ops|opa|uy|ups|eita|vish|no wait|wait|hold on|kindly|yeah|yep|yup|um+|uh+|uhm|erm?|ahm|like|basically|okay so|ok so|este(?=[,.]|\s+(?:eh|pues|este|o sea|bueno|mmm?)\b)|eh|pues|bueno pues|oiga|f[íi]jese(?: que)?|mire(?=,)|[áa]ndale|[óo]rale|a ver|ufa?|uff|gente(?=[,!])|olhe|as[íi] que|entonces|por eso|por isso|(?:[ée] )?tipo assim|pronto ent[ãa]o|assim|do the needful(?: and)?|cheers|espera|pera[íi]?|pera a[íi]|no(?=[,!.])|n[ãa]o(?=[,!.])|(?:perfect|perfecto|perfeito|great|genial|[óo]tim[oa]|cool|nice|awesome|excellent|excelente|beleza|good|bien|muy bien|legal|show)(?=[,!.]))[,!.]?\s+/i;
const ASK = /^(?:(?:can|could|would) (?:you|u)|you can) (?:please |pls )?/i;
const TAIL =
  /(?<=\S)(?<!(?:^|\s)(?:muchas|mil|muito|many|so|thank|muy|very|de|nada))[,\s]+(?:please|pls|plz|plis|por favor|porfa|porfis|porfavor|pf|pfv|pfvr|thanks|thank you|thx|gracias|obrigad[oa]|obg|vlw|valeu|beleza|ok|okay|(?:thanks|thank you) (?:so much|a lot|very much|in advance)|(?:muchas|mil) gracias|muito obrigad[oa]|se faz favor|(?:se )?(?:fazes|faz) o favor|for me|para m[íi]|pra mim|para mim|if you don'?t mind|if possible|if you can|si no es molestia|si es posible|se n[ãa]o for inc[óo]modo|se poss[íi]vel|por gentileza)[.!?]*$|(?<=\S\s+\S+)(?<!(?:coloca|coloque|anota|anote|bota|p[õo]e|adiciona|acrescenta|apunta|salva|agenda|deixa|olha|vai|guarda))[,\s]+a[íi][.!]*$/i;
/** "pode apagar ...", "puedes borrar ...": a polite "can you" before an infinitive. */
const ASK_ES_PT =
  /^(?:(?:me|nos)\s+)?(?:(?:voc[êe] |vc |voce |c[êe] |tu )?(?:pode|podes|poderia|poderias)|puedes|podr[íi]as)\s+(?:por favor\s+)?(?=\p{L}+(?:ar|er|ir|ír|ôr)(?![\p{L}]))/iu;
/** "did it, mark it done", "já fiz, pode marcar como concluída": the news, then the request it asks for. */
const DONE_THEN_MARK =
  /^(?:(?:i )?did it|done|all done|ya lo hice|ya est[áa]|j[áa] fiz(?: isso)?|j[áa] est[áa]|feito)[,.!;]+\s+(?=(?:(?:you can|can you|pode|podes|puedes)\s+)?(?:mark|tick|check|cross|marca|marcar|m[áa]rcal[ao]|marque|marcala|marcalo)(?![\p{L}]))/iu;

/**
 * Rioplatense imperatives ("buscá", "borrala", "poneme"), the first word of a request, as the tú forms the rules
 * know ("busca", "bórrala", "ponme").
 */
const VOSEO: Record<string, string> = {
  agendá: 'agenda',
  agregá: 'agrega',
  anotá: 'anota',
  apuntá: 'apunta',
  aplazá: 'aplaza',
  avisá: 'avisa',
  borrá: 'borra',
  buscá: 'busca',
  cambiá: 'cambia',
  completá: 'completa',
  creá: 'crea',
  eliminá: 'elimina',
  guardá: 'guarda',
  hacé: 'haz',
  listá: 'lista',
  marcá: 'marca',
  mostrá: 'muestra',
  mové: 'mueve',
  pasá: 'pasa',
  poné: 'pon',
  posponé: 'pospón',
  quitá: 'quita',
  recordá: 'recuerda',
  renombrá: 'renombra',
  sacá: 'saca',
  tachá: 'tacha',
  terminá: 'termina',
  agendame: 'agéndame',
  agregame: 'agrégame',
  anotame: 'anótame',
  apuntame: 'apúntame',
  avisame: 'avísame',
  buscame: 'búscame',
  decime: 'dime',
  haceme: 'hazme',
  mostrame: 'muéstrame',
  poneme: 'ponme',
  recordame: 'recuérdame',
  sacame: 'sácame',
  agregalo: 'agrégalo',
  agregala: 'agrégala',
  agendalo: 'agéndalo',
  anotalo: 'anótalo',
  apuntalo: 'apúntalo',
  avisamelo: 'avísamelo',
  recordamelo: 'recuérdamelo',
  borrala: 'bórrala',
  borralo: 'bórralo',
  eliminala: 'elimínala',
  eliminalo: 'elimínalo',
  quitala: 'quítala',
  sacala: 'sácala',
  marcala: 'márcala',
  marcalo: 'márcalo',
  pasala: 'pásala',
  pasalo: 'pásalo',
  movela: 'muévela',
  movelo: 'muévelo',
  cambiala: 'cámbiala',
  cambialo: 'cámbialo',
  cambiale: 'cámbiale',
  ponele: 'ponle',
  armá: 'arma',
  armame: 'ármame',
  // The usted forms of Mexico and Colombia ("agrégueme", "anóteme", "póngala").
  agrégueme: 'agrégame',
  agregueme: 'agrégame',
  anóteme: 'anótame',
  anoteme: 'anótame',
  apúnteme: 'apúntame',
  apunteme: 'apúntame',
  recuérdeme: 'recuérdame',
  recuerdeme: 'recuérdame',
  recuérdemelo: 'recuérdamelo',
  avíseme: 'avísame',
  aviseme: 'avísame',
  bórreme: 'bórrame',
  bórrela: 'bórrala',
  bórrelo: 'bórralo',
  márquela: 'márcala',
  márquelo: 'márcalo',
  póngame: 'ponme',
  póngala: 'ponla',
  póngalo: 'ponlo',
  póngale: 'ponle',
  muéstreme: 'muéstrame',
  muestreme: 'muéstrame',
  dígame: 'dime',
  cámbiela: 'cámbiala',
  cámbielo: 'cámbialo',
  pásela: 'pásala',
  páselo: 'pásalo',
  agéndeme: 'agéndame',
  agendeme: 'agéndame',
  agregue: 'agrega',
  añada: 'añade',
  ponga: 'pon',
  borre: 'borra',
  elimine: 'elimina',
  quite: 'quita',
  cambie: 'cambia',
  apunte: 'apunta',
  busque: 'busca',
  búsqueme: 'búscame',
  ponela: 'ponla',
  ponelo: 'ponlo',
};
const voseo = (line: string) =>
  line.replace(/^\p{L}+(?![\p{L}])/u, (word) => VOSEO[word.toLowerCase()] ?? word);

/** "I'd like to create ...", "quiero crear ...", "gostaria de apagar ...": a wish before a command verb. */
const WANT =
  /^(?:i(?: want| would like|'d like) to|i wanna|(?:yo )?quiero|quisiera|me gustar[íi]a|(?:eu )?quero|(?:eu )?queria|gostaria de)\s+(?=(?:create|add|make|delete|remove|see|mark|change|move|rename|crear|a[ñn]adir|agregar|anotar|apuntar|borrar|eliminar|quitar|ver|marcar|cambiar|mover|pasar|renombrar|criar|adicionar|anotar|apagar|excluir|mudar|passar|renomear)(?![\p{L}]))/iu;

const BACK_TO_IT =
  /[,;.!]\s*(?:but\s+)?(?:anyway|anyways|any way|anyhow)[,!.]?\s+|[,;.!]\s*(?:pero|bueno)\s+(?:bueno|en fin|weno|total)[,!.]?\s+|[,;.!]\s*(?:en fin|total)[,!.]\s+|[,;.!]\s*(?:mas|mais)\s+(?:enfim|enfin|bom|tudo bem)[,!.]?\s+|[,;.!]\s*enfim[,!.]?\s+/giu;
const PRIORITY_LABEL =
  /^(?:(?:it'?s|this is|es|esto es|[ée]|isso [ée])\s+)?(?:(?:super|muy|muito|very|really)\s+)?(urgent|urgente|important|importante|asap|high priority|top priority|prioridad alta|alta prioridad|prioridade alta|alta prioridade|low priority|prioridad baja|prioridade baixa)\s*(?:[:!\-–—]+|,)\s*(.+)$/iu;
/** "necesito que me anotes X", "quero que você me lembre de X": the wish, as the command it asks for. */
const WISH_ES =
  /^(?:(?:yo )?(?:necesito|quiero|quisiera|ocupo|te pido|me gustar[íi]a|ser[íi]a mucho pedir|te importar[íi]a|le importar[íi]a) que\s+)(me\s+)?(anotes|apuntes|agregues|a[ñn]adas|pongas|recuerdes|avises|borres|elimines|quites|marques|cambies|muevas|pases|crees|muestres|digas|hagas)(?![\p{L}])/iu;
const WISH_PT =
  /^(?:(?:eu )?(?:preciso|quero|queria|gostaria) que\s+)(?:voc[êe]\s+|tu\s+)?(me\s+)?(anote|coloque|adicione|acrescente|lembre|avise|apague|marque|mude|crie|mostre|bote|ponha)(?![\p{L}])/iu;
const WISH_EN = /^(?:i (?:need|want|would like|'d like) (?:you|u) to|i need (?:you|u) to)\s+/i;
const COMMAND: Record<string, [string, string]> = {
  anotes: ['anota', 'anótame'],
  apuntes: ['apunta', 'apúntame'],
  agregues: ['agrega', 'agrégame'],
  añadas: ['añade', 'añádeme'],
  anadas: ['añade', 'añádeme'],
  pongas: ['pon', 'ponme'],
  recuerdes: ['recuérdame', 'recuérdame'],
  avises: ['avísame', 'avísame'],
  borres: ['borra', 'borra'],
  elimines: ['elimina', 'elimina'],
  quites: ['quita', 'quita'],
  marques: ['marca', 'marca'],
  cambies: ['cambia', 'cambia'],
  muevas: ['mueve', 'mueve'],
  pases: ['pasa', 'pasa'],
  crees: ['crea', 'créame'],
  muestres: ['muéstrame', 'muéstrame'],
  digas: ['dime', 'dime'],
  hagas: ['haz', 'hazme'],
  anote: ['anota', 'anota'],
  coloque: ['coloca', 'coloca'],
  adicione: ['adiciona', 'adiciona'],
  acrescente: ['acrescenta', 'acrescenta'],
  lembre: ['me lembra', 'me lembra'],
  avise: ['me avisa', 'me avisa'],
  apague: ['apaga', 'apaga'],
  marque: ['marca', 'marca'],
  mude: ['muda', 'muda'],
  crie: ['cria', 'cria'],
  mostre: ['me mostra', 'me mostra'],
  bote: ['bota', 'bota'],
  ponha: ['põe', 'põe'],
};
const wish = (line: string) =>
  line
    .replace(WISH_EN, '')
    .replace(WISH_ES, (_m, me: string | undefined, verb: string) => COMMAND[verb.toLowerCase()]![me ? 1 : 0])
    .replace(WISH_PT, (_m, me: string | undefined, verb: string) => COMMAND[verb.toLowerCase()]![me ? 1 : 0]);

/** "would you mind creating X", "could you be so kind as to add X": the polite frame, then the command. */
const POLITE_GERUND =
  /^(?:would you mind|do you mind|would it be possible to start|could you go ahead and start)\s+(\p{L}+?)(?:ing)(?![\p{L}])/iu;
const POLITE_FRAME =
  /^(?:(?:could|would|can) you (?:be so kind as to|kindly|possibly|maybe|just)|would it be possible (?:for you )?to|is it possible to|can i ask you to|i was wondering if you could|i wonder if you could|do me a favou?r and|be a dear and)\s+/i;
/** The verb of a gerund: "creating" -> "create", "adding" -> "add", "putting" -> "put". */
function verbOf(stem: string): string {
  const lower = stem.toLowerCase();
  if (/([bdgmnprt])\1$/.test(lower) && lower !== 'add') return lower.slice(0, -1);
  if (
    /^(?:creat|mov|remov|delet|mak|schedul|chang|renam|updat|not|writ|us|sav|clos|archiv|tak|giv)$/.test(
      lower,
    )
  )
    return `${lower}e`;
  return lower;
}

const clean = remembered(cleaned, (text: string) => text);

function cleaned(text: string): string {
  // Emoji first: "mark pay rent as done pls 🙏" ends with "pls" for the rules below.
  // An emoji between words is a pause ("apaga a tarefa de ginásio 🏋️ desisti kkkk"), elsewhere it says nothing.
  const plain = text
    .replace(EMOJI_BETWEEN, ', ')
    .replace(/(?:[\u{1F300}-\u{1FAFF}\u{2600}-\u{27BF}]|\uFE0F|\u200D)/gu, ' ');
  // "um so yeah add a task to uh X", "é cria aí uma tarefa X dia dez": a dictated message, without its pauses (after
  // an opening "hey," that would hide them).
  const said = openingsOff(plain);
  let line = prepare(untext(unspeak(said, detectLanguage)))
    .replace(/^[¿¡]+/, '')
    .trim();
  // "Oye, ¿qué ...?", "and remind me ...": fillers and a leading "and", then the inverted mark they hid.
  // "I was wondering if you could add X?", "¿Me harías el favor de apuntarme X?": the request without its courtesy,
  // a command rather than a question.
  const courtesy = unpolite(line);
  line = courtesy.text;
  for (let i = 0; i < 5 && FILLER.test(line); i++) line = line.replace(FILLER, '').replace(/^[¿¡]+/, '');
  const polite = unpolite(line);
  line = polite.text;
  if (
    (courtesy.framed || polite.framed) &&
    !/^(?:what|which|anything|is|are|do|does|qu[ée]|cu[áa]l|cu[áa]les|hay|o que|quais|tem|h[áa])(?![\p{L}])/iu.test(
      line,
    )
  )
    line = line.replace(/\s*\?+\s*$/u, '').replace(/\?(?=\s+\p{Lu})/u, '.');
  // "add uh pick up the kids": a hesitation anywhere says nothing.
  // ("um" is also the Portuguese "a": only before a comma or an English word.)
  line = line.replace(
    /(?<![\p{L}])(?:umm+|um(?=,|\s+(?:so|like|uh|okay|ok|yeah|i|i'm|can|could|please|add|remind|and|the|what)(?![\p{L}]))|uh+|uhm|erm|ahm|ehm)(?![\p{L}])[,.]?\s*/giu,
    '',
  );
  line = line
    // "remember me to X", "remember me of X": the Spanish/Portuguese "recuérdame / me lembra" said in English.
    .replace(/^remember me (?=to |of |about |that )/i, 'remind me ')
    .replace(POLITE_FRAME, '')
    .replace(POLITE_GERUND, (_m, stem: string) => verbOf(stem));
  line = voseo(
    voseo(wish(line)).replace(DONE_THEN_MARK, '').replace(ASK, '').replace(ASK_ES_PT, '').replace(WANT, ''),
  )
    // "can you tell me what's overdue", "dime solo las tareas X", "me diz o que tenho": the question itself.
    .replace(
      /^(?:(?:can|could) you (?:please )?)?(?:tell me|d[íi]me|me (?:diz|diga|fala|fale|conta)|diz-me)\s+(?:(?:solo|s[óo]lo|s[óo]|only|just)\s+)?(?=(?:what|which|if|whether|how many|when|qu[ée]|cu[áa]les|cu[áa]ntas|las|mis|los|si|o que|quais|quantas|as|minhas|se)(?![\p{L}]))/iu,
      '',
    )
    // "marca uma tarefa de X": to put a task down, not to mark one.
    .replace(/^marca\s+(?=(?:uma|una|um)\s+(?:tarefa|tarea)(?![\p{L}]))/iu, 'cria ')
    // "pode mostrar-me os projetos", "consegue lembrar-me de X": the European pronoun after an infinitive.
    .replace(
      /^(\p{L}+)(?:(a)r|(e)r|i(r))-(me|nos)(?![\p{L}])/iu,
      (_m, stem: string, a?: string, e?: string, i?: string, me?: string) =>
        `${stem}${a ?? e ?? (i ? 'e' : '')}-${me}`,
    )
    // "q tengo hoy?", "o q tenho": the texting "q" for "que".
    .replace(/(?<![\p{L}\d&'])q(?![\p{L}\d&'])/gu, 'que')
    // "..., please", "... blz", "apaga a primeira aí": a closing word that asks nothing (twice: "aí, por favor").
    .replace(TAIL, (tail) => (/\?\s*$/.test(tail) ? '?' : ''))
    .replace(TAIL, (tail) => (/\?\s*$/.test(tail) ? '?' : ''))
    .replace(/\s+instead[.!]?$/i, '')
    .replace(/\bu\b/gi, 'you')
    .replace(/\b(what|that|it|there|who)s\b/gi, "$1's")
    .replace(/\b(do|does|did|is|are|was|can|won)nt\b/gi, "$1n't")
    .replace(/\bim\b/gi, "I'm");
  // "tarea mandar X lun", "X urgente proj financeiro": a note without its small words.
  return unterse(
    line
      .replace(/[\u2018\u2019\u02BC]/g, "'")
      .replace(/[\u201C\u201D]/g, '"')
      .replace(/[\u{1F300}-\u{1FAFF}\u{2600}-\u{27BF}]/gu, '')
      // "tomorrow's tasks": the day, for the date parser.
      .replace(/\b(today|tomorrow|tonight|yesterday)'s\b/gi, '$1')
      // "mark X as completed.": a full stop at the end says nothing.
      .replace(/(?<=[\p{L}\d'"”’)])\.\s*$/u, '')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

function stripEnd(text: string): string {
  return text.replace(/^[\s:,'"“‘-]+|[\s.,!?;:'"”’-]+$/g, '').trim();
}

/**
 * The words that introduce a date in a title ("on", "el", "no dia", "para a próxima", "el próximo", "na próxima"):
 * cut with it. chrono reads "terça" of "para a próxima terça" and "5 de dezembro" of "no dia 5 de dezembro".
 */
const DATE_LEAD =
  /(?:^|\s)(?:(?:every|each|todos los|todas las|todos os|todas as|toda|todo|cada)\s+|(?:(?:on|at|by|until|before|for) the|on|at|by|el|la|los|las|no|na|em|para el|hasta el|por el|until|pra|pro|para|at[ée]|hasta)\s+(?:(?:a|o|el|la)\s+)?(?:(?:pr[óo]xim[oa]|este|esta|essa|esse)\s+)?(?:d[íi]a\s+)?|(?:(?:a|o|nesta|neste|nessa|nesse)\s+)?(?:pr[óo]xim[oa]|este|esta|essa|esse)\s+(?:d[íi]a\s+)?|(?:nesta|neste|nessa|nesse|this coming|this)\s+|(?:o|el)\s+d[íi]a\s+)$/i;

/** A title without the date, priority, project and connector words around them. */
function title(
  text: string,
  date: FoundDate | undefined,
  priority: RegExp | undefined,
  language: Language = 'en',
): string {
  let t = text;
  // The date, with the word that introduced it ("el jueves", "on Friday", "no sábado").
  if (date) {
    // "para el viernes, es urgente": chrono's "viernes," keeps its comma, which still ends the title.
    const said = date.text.replace(/(?<=\S)[,;]+$/u, '');
    const at = t.indexOf(said);
    const before = at >= 0 ? DATE_LEAD.exec(t.slice(0, at)) : null;
    t = before ? `${t.slice(0, at - before[0].length)} ${t.slice(at + said.length)}` : t.replace(said, ' ');
  }
  if (date?.timeText) t = t.replace(date.timeText, ' ');
  // "about that at 8 tomorrow morning": the part of the day left by the date.
  if (date) t = t.replace(/(?<![\p{L}])(?:morning|afternoon|evening|night)(?=\s*[?!.]*$)/iu, ' ');
  if (priority) t = withoutPriorityClause(t).replace(priority, ' ');
  // "... because she's out Thursday", "... porque el jueves no está": the reason is no part of the title.
  t = t.replace(/[\s,]+(?:because|cause|cuz|'cause|since|porque|pq|ya que|pois|j[áa] que)\s+.*$/iu, ' ');
  t = withoutProject(t);
  t = t.replace(PART_OF_DAY, ' ').replace(RECURRENCE, ' ');
  t = t
    // "... até sexta?": the question mark, then the word that introduced the date.
    .replace(/[\s?!.,;]+$/, '')
    .replace(
      /\s+(?:by|due|on|at|before|until|for|para(?: el| la)?|pra|pro|el|antes del?|hasta el|at[ée]|no|na|em|às|as|a las|de|del|a|dia)\s*$/i,
      '',
    )
    .replace(/\s+(?:with|con|com)\s*$/i, '')
    // "... and it has to be done by", "... y tiene que ser antes del", "... e tem de ser até": the due date's words.
    .replace(
      /[\s,]+(?:and|y|e)\s+(?:it|that|tiene|tem|it's|it is)\s+(?:has to|needs to|must|should|que|de|got to)?\s*(?:be|ser|estar|ficar)(?:\s+(?:done|ready|finished|sent|listo|lista|hecho|terminado|pronto|feito|entregue))?(?:\s+(?:by|before|antes del?|antes de la|hasta el|para el|at[ée]|no m[áa]ximo))?\s*$/iu,
      '',
    )
    .replace(/[\s,]+(?:it'?s|it is|this is|that'?s|es|est[áa]|[ée])\s*$/i, '')
    .replace(/\s+(?:by|due|on|at|before|until|antes del?|hasta|at[ée])\s*$/i, '')
    // "entregar el proyecto, vence el viernes", "pagar a luz, vence sexta": the word that introduced the due date.
    .replace(
      /[\s,;]+(?:(?:it'?s |it is )?due|vence|vencen|vencem|vencimiento|vencimento|prazo|deadline)\s*$/i,
      '',
    )
    .replace(/^\s*(?:to|que|de|para|pra)\s+/i, '')
    // "I gotta remember to X", "apúntame que tengo que X", "bota aí pra eu X": the person's own duty words.
    .replace(
      /^\s*(?:remember to|not forget to|(?:que\s+)?tengo que|(?:que\s+)?tenho que|eu|(?:me\s+)?acordar(?:me)? de|recordar|(?:me\s+)?lembrar(?:-me)? de)\s+(?=\p{L})/iu,
      '',
    )
    .replace(
      /^\s*(?:remember to|not forget to|(?:que\s+)?tengo que|(?:que\s+)?tenho que|eu|(?:me\s+)?acordar(?:me)? de|recordar|(?:me\s+)?lembrar(?:-me)? de)\s+(?=\p{L})/iu,
      '',
    )
    // Spanish and Portuguese put "a" before a time ("a las 5") and a person ("a los niños"): never a title's start.
    // (In Portuguese "a" is also "the": "a proposta pra Acme" keeps it.)
    .replace(language === 'es' ? /^\s*a\s+/i : /^$/, '');
  // "apúntame una junta con ventas": an indefinite article is no part of a title.
  const indefinite = {
    en: /^an?\s+(?=\p{L}{2})/iu,
    es: /^(?:un|una)\s+(?=\p{L}{2})/iu,
    pt: /^(?:um|uma)\s+(?=\p{L}{2})/iu,
  };
  return stripEnd(t.replace(/\s+/g, ' ')).replace(indefinite[language], '');
}

/** Words that, beside a priority, say nothing else ("and it's pretty important so make it high priority"). */
const PRIORITY_CLAUSE_WORDS =
  /(?<![\p{L}])(?:and|so|but|because|cause|since|then|also|y|e|pero|mas|porque|pues|ya que|as[íi] que|entonces|ent[ãa]o|tamb[ée]m|tambi[ée]n|it'?s|its|it|is|this|that'?s|that|make|mark|set|put|give|as|a|the|es|eh|marque|marcar|m[áa]rcal[ao]|m[áa]rquel[ao]|esto|eso|est[áa]|[ée]|isso|t[áa]|muy|bastante|s[úu]per|super|pretty|really|very|quite|kinda|bem|muito|meio|ponle|pon|ponla|m[áa]rcala|marca|coloca|bota|p[õo]e|deixa|como|com|con|with|en|em|la|lo|ela|ele|ok|ya|j[áa]|priority|prioridad|prioridade|prio|important|importante|urgent|urgente|high|low|medium|alta|baja|baixa|media|m[ée]dia|top|one|uma|una|que|now|ahora|agora|critical|cr[íi]tic[oa]|rush|hurry|whenever|you|can|fine|is|no|not|sin|sem|prisas?|apuro|pressa|m[áa]xima|ya|ayer|ontem|pra|pa|quanto|cuanto|antes|lo|possible|posible|poss[íi]vel|right|away|immediately|inmediato|imediatamente|very|nothing|nada|der|puder|puedas|cuando|quando|mais|r[áa]pido|cedo|get|chance|when|se|pueda)(?![\p{L}])/giu;
/**
 * A title without a trailing clause that only says the priority: "book the flights and it's pretty important so make
 * it high priority", "renovar el seguro, es muy urgente", "pagar o IPVA que é importante".
 */
function withoutPriorityClause(text: string): string {
  const cuts = [
    ...text.matchAll(
      /(?:\s*[,;]\s*|\s+(?=(?:and|so|but|because|since|y|e|pero|porque|pues|ya que|ent[ãa]o|que)\s))/giu,
    ),
  ];
  for (const cut of cuts) {
    const tail = text.slice(cut.index);
    if (priorityOf(tail) && !/[\p{L}\d]/u.test(tail.replace(PRIORITY_CLAUSE_WORDS, ' ')))
      return text.slice(0, cut.index);
  }
  return text;
}

/** "what about tomorrow?", "¿y las urgentes?", "e pra amanhã?": the last list again, with this filter instead. */
const AND_THEN =
  /^(?:(?:and|what about|how about|and what about|y|¿y|e|e quanto a|y qu[ée] tal|e o|e a|e os|e as|y los|y las|y el|y la)\s+)+/iu;
const WEEK_OR_MONTH =
  /(?<![\p{L}])(?:(?:this|next|esta|la|a|essa|esse|este|el|o|pr[óo]xim[oa])\s+)?(?:week|semana|month|mes|m[êe]s)(?:\s+que\s+(?:viene|vem))?(?![\p{L}])/giu;
/** Words around a date that say nothing else ("for", "instead", "para el", "na", "then"). */
const AROUND_DATE =
  /(?<![\p{L}])(?:for|on|at|the|instead|then|to|rather|para|pra|pro|el|la|los|las|o|a|os|as|na|no|em|en|de|del|do|da|mejor|melhor|better|entonces|ent[ãa]o|en su lugar|em vez disso|mejor dicho|ones|tasks|tareas|tarefas|what|which|qu[ée]|que|tengo|tenho|have|i|do|due|vence|vencen|vencem|s[óo]|solo|only|[ée]|es|is|será|ser[áa])(?![\p{L}])/giu;
/** "the second one can wait till next week", "la segunda puede esperar al lunes", "a segunda pode ficar pra sexta". */
const CAN_WAIT =
  /^(.+?)\s+(?:can wait|can be moved|can go|puede esperar|puede quedar|puede pasar|pode esperar|pode ficar|pode passar|fica)\s+(?:till|until|to|for|a|al|hasta|para|pra|para a|pra a|at[ée])\s+(.+?)[.!]?$/iu;
const NEXT_WEEK = /^(?:the |la |a )?(?:next week|semana que viene|pr[óo]xima semana|semana que vem)$/i;
/** "call it 'X'", "llámalo 'X'", "chama de 'X'": a new name for the task just discussed. */
const RENAME_IT =
  /^(?:(?:call|name|title|rename) it(?: to| as)?|ll[áa]ma(?:lo|la)|ponle (?:de|por|como) (?:nombre|t[íi]tulo)|ll[áa]malo mejor|chama(?:-a|-o)? de|chame(?:-a|-o)? de|p[õo]e o nome de|renomeia(?:-a|-o)? (?:para|pra|como))\s+["'](.+?)["'](?:\s+instead)?[.!]?$/iu;
/** "did I already add the dentist?", "¿ya apunté lo del banco?", "já adicionei o dentista?": a search, asked. */
const DID_I_ADD =
  /^(?:(?:did|have) i (?:already |ever )?(?:add|added|create|created|put|put down|save|saved|write down|written down|note|noted)|¿?(?:ya )?(?:agregu[ée]|a[ñn]ad[íi]|apunt[ée]|anot[ée]|cre[ée]|puse)|(?:eu )?(?:j[áa] )?(?:adicionei|anotei|criei|coloquei|botei|pus))\s+(.+?)(?:\s+(?:already|yet|to my list|on my list|ya|j[áa]|a la lista|na lista))?\s*\?$/iu;

/** A follow-up that only makes sense after the last turn: a new date for it, another list filter, a rename. */
function followUp(
  text: string,
  history: HistoryTurn[],
  language: Language,
  now: Date,
  tz: string,
): { tool: string; args: Args } | undefined {
  const did = DID_I_ADD.exec(text);
  if (did) return { tool: 'listTasks', args: { search: searchTerm(did[1]!) } };
  const wait = CAN_WAIT.exec(text);
  if (wait) {
    const when = stripEnd(wait[2]!);
    const due = NEXT_WEEK.test(when)
      ? weekOf(shiftDays(today(now, tz), 7)).from
      : findDate(when, language, now, tz)?.local;
    if (due) return { tool: 'updateTask', args: { task: reference(wait[1]!, history), due } };
  }
  const last = lastTool(history);
  if (!last) return undefined;
  const it = resolveReference('it', history);
  const renamed = RENAME_IT.exec(text);
  if (renamed && it !== 'it') return { tool: 'updateTask', args: { task: it, title: renamed[1]! } };
  const bare = stripEnd(text.replace(AND_THEN, ''));
  // "what about tomorrow?" asks for that day's list even after a new task.
  const whatAbout = /^(?:what about|and what about|y qu[ée] tal|e quanto a)\s/i.test(text);
  if ((last.name === 'listTasks' || whatAbout) && (AND_THEN.test(text) || /\?\s*$/.test(text))) {
    const args = listArgs(bare, now, tz, language);
    const date = findDate(bare, language, now, tz);
    const rest = bare
      .replace(date?.text ?? '', ' ')
      .replace(date?.timeText ?? '', ' ')
      .replace(priorityOf(bare)?.pattern ?? /^$/, ' ')
      .replace(OVERDUE, ' ')
      .replace(WEEK_OR_MONTH, ' ')
      .replace(AROUND_DATE, ' ');
    if (Object.keys(args).length > 0 && !/[\p{L}\d]/u.test(rest)) {
      const kept = Object.fromEntries(
        Object.entries(last.name === 'listTasks' ? last.args : {}).filter(([key]) =>
          'dueFrom' in args || 'dueTo' in args || 'overdue' in args
            ? !['dueFrom', 'dueTo', 'overdue'].includes(key)
            : !(key in args),
        ),
      ) as Args;
      return { tool: 'listTasks', args: { ...kept, ...args } };
    }
  }
  if (it !== 'it' && ['createTask', 'updateTask', 'setReminder', 'reference'].includes(last.name)) {
    // "no wait, el martes", "melhor na sexta", "make it monday instead": a new day for the task just discussed.
    const date = findDate(bare, language, now, tz);
    const rest = date
      ? bare
          .replace(date.text, ' ')
          .replace(date.timeText ?? '', ' ')
          .replace(PART_OF_DAY, ' ')
          .replace(AROUND_DATE, ' ')
      : 'x';
    if (date && !/[\p{L}\d]/u.test(rest)) return { tool: 'updateTask', args: { task: it, due: date.local } };
  }
  return undefined;
}

/** The text without its project phrase; "for the kids to the Christmas project" keeps "for the kids". */
function withoutProject(text: string): string {
  const m = PROJECT.exec(text);
  if (!m) return text;
  let from = m.index;
  if (m[2]) {
    const preps = [...m[0].matchAll(/(?<![\p{L}])(?:in|to|for|under|on|into)\s+(?:the\s+|my\s+)?(?=\S)/giu)];
    from = m.index + (preps.at(-1)?.index ?? 0);
  }
  return `${text.slice(0, from)} ${text.slice(m.index + m[0].length)}`;
}

const REASON_AFTER_TASK =
  /(?:\s+(?:i'?m|i am|i don'?t|i won'?t|we'?re|we don'?t|it'?s not|because|cause|since|que (?:ya|se|no)|porque|pq|que j[áa]|que n[ãa]o|in there|on there|on my list)(?![\p{L}]).*)$/iu;

function reference(text: string, history: HistoryTurn[]): string {
  // "the gym task, I cancelled my membership", "a academia, desisti": the reason after a comma names no task.
  const said = stripEnd(text)
    .split(/\s*[,;]\s+/)[0]!
    // "the gym membership task I'm not doing that anymore", "la cena con los del trabajo que se canceló".
    .replace(REASON_AFTER_TASK, '');
  const ref = referenceWords(referenceWords(said));
  // "the landlord one", "la del banco", "a do mercado": a list item named by one of its words.
  const named =
    /^(?:the\s+)?(.+?)\s+one$|^(?:la|el|lo) de(?:l|\s+la|\s+las|\s+los)?\s+(.+)$|^(?:a|o) d[aoe]s?\s+(.+)$/i.exec(
      stripEnd(said).replace(/^(?:about|sobre)\s+/i, ''),
    );
  const words = named?.[1] ?? named?.[2] ?? named?.[3];
  if (words && !/^(?:that|this|last|first|second|third|fourth|fifth|other|next)$/i.test(words)) {
    const item = namedItem(words, history);
    if (item !== words) return item;
  }
  const resolved = resolveReference(/^(?:como|as|it)?$/i.test(ref) ? 'it' : ref, history);
  if (resolved !== ref || !ref) return resolved;
  // Without a list holding them, "tira a do ginásio" names "ginásio".
  if (words && !/^(?:that|this|last|first|second|third|fourth|fifth|other|next)$/i.test(words)) return words;
  // "ya pagué la luz" after a list holding "pagar la luz": the one item whose title holds the words said.
  return namedItem(ref, history);
}

/** The words naming a task, without "the task of", "its priority", "la prioridad de la tarea del" (run twice). */
function referenceWords(text: string): string {
  return stripEnd(
    stripEnd(text)
      // "its priority", "su fecha", "a prioridade dela": a field of the task just discussed.
      .replace(
        /^(?:(?:it'?s|its|su|sua|seu)\s+(?:due date|deadline|date|priority|name|title|fecha(?: l[íi]mite)?|prioridad|nombre|t[íi]tulo|prazo|data|prioridade|nome)|(?:(?:the|la|el|a|o)\s+)?(?:due date|deadline|date|priority|name|title|fecha|prioridad|nombre|t[íi]tulo|prazo|data|prioridade|nome)\s+(?:of it|of that|dela|dele|disso|de eso|de esa|de ella))$/i,
        'it',
      )
      .replace(/^(?:the|my|a|la|el|las|los|mi|a|o|as|os|minha|meu)\s+/i, '')
      // "essa tarefa de X", "this task about X" (not "this week's report").
      .replace(
        /^(?:that|this|esa|ese|esta|este|essa|esse|aquela|aquele|aquella|aquel)\s+(?=(?:task|tarea|tarefa|to-?do)(?![\p{L}]))/iu,
        '',
      )
      .replace(
        /^(?:task|tarea|tarefa|to-?do)\s+(?:about\s+(?:the\s+)?|of\s+(?:the\s+)?|on\s+|sobre\s+|to\s+|de\s+|para\s+|del\s+|de la\s+|da\s+|do\s+|das\s+|dos\s+)?/i,
        '',
      )
      // "la llamada con el cliente", "a chamada do RH": the noun call, not "called".
      .replace(
        /^(?:called|named|llamada|que se llama|chamada|que se chama)\s+(?!(?:con|com|with|a|al|ao|de|del|do|da|para|pra|sobre|en|no|na)\s)/i,
        '',
      )
      .replace(/\s+(?:task|tarea|tarefa|one|thing|stuff)$/i, '')
      .replace(/^(?:de|para)\s+/i, '')
      // "the due date of X", "la fecha del X", "o prazo do X": the field, then the task.
      .replace(
        /^(?:(?:the )?(?:due date|deadline|date|priority)\s+(?:of|for)|(?:la )?(?:fecha(?: l[íi]mite)?|prioridad)\s+(?:del?|de la)|(?:o |a )?(?:prazo|data|prioridade)\s+(?:d[oa]s?|de))\s+/i,
        '',
      )
      .replace(/^(?:lo|aquilo|isso|that thing)\s+(?:del?|de la|da|do|das|dos|about)\s+/i, '')
      // "aquele lance do banco", "el asunto del seguro", "the thing with the bank": the task by its subject.
      .replace(
        /^(?:n?aquel[ea]|n?ess[ea]|n?est[ea]|o|a|el|la|aquel|aquella|ese|esa|the|that)?\s*(?:lance|neg[óo]cio|esquema|assunto|cena|coisa|tema|asunto|rollo|thing|stuff|business|matter)\s+(?:d[aoe]s?|del?|de la|de los|de las|about|with|regarding)\s+/iu,
        '',
      )
      .replace(/^(?:regarding|concerning|related to|re|relativa a|relativo a|referente a)\s+(?:the\s+)?/i, '')
      // "a segunda da lista", "the second one on the list": where the task is, not its name.
      .replace(
        /\s+(?:(?:on|from|in|of) (?:the|my) (?:to-?do )?list|(?:da|na) (?:minha )?lista|(?:de|en) (?:la|mi) lista)$/i,
        '',
      )
      .replace(/^(?:the|la|el|las|los|o|a|as|os)\s+/i, ''),
  );
}

function priorityOf(text: string): { value: string; pattern: RegExp } | undefined {
  for (const [pattern, value] of PRIORITY) if (pattern.test(text)) return { value, pattern };
  return undefined;
}

function projectOf(text: string): string | undefined {
  const m = PROJECT.exec(text);
  // "what's on for this week in the Work project": the name is what follows the last preposition.
  const name =
    m?.[1] ??
    m?.[2]?.replace(/^.*(?<![\p{L}])(?:in|to|for|under|on|into)\s+(?:the\s+|my\s+)?(?=\S)/iu, '') ??
    m?.[3] ??
    m?.[4];
  return name ? stripEnd(name) : undefined;
}

/**
 * What an update changes ("urgente", "next friday", "the Marketing project"), and whether the words say nothing
 * else (`clean`), to tell "renovar a CNH pra urgente" from "renovar" + "CNH pra urgente".
 */
function changeOf(
  change: string,
  language: Language,
  now: Date,
  tz: string,
): { args?: Args; clean: boolean } {
  const bare = /^(urgent|high|medium|low|urgente|alta|media|média|baja|baixa)$/i.exec(change.trim());
  if (bare) {
    const names: Record<string, string> = {
      alta: 'high',
      media: 'medium',
      média: 'medium',
      baja: 'low',
      baixa: 'low',
      urgente: 'urgent',
    };
    const word = bare[1]!.toLowerCase();
    return { args: { priority: names[word] ?? word }, clean: true };
  }
  const rest = (t: string) =>
    !/[\p{L}\d]/u.test(
      t.replace(
        /(?<![\p{L}])(?:the|la|el|o|a|de|del|da|do|priority|prioridad|prioridade|next|que viene|que vem|at|a las|las|às|on|el d[íi]a|dia)(?![\p{L}])/giu,
        ' ',
      ),
    );
  const priority = priorityOf(change);
  if (priority) {
    // "sexta com prioridade alta", "urgent and due friday": a date said beside the priority.
    const left = change.replace(priority.pattern, ' ');
    const date = findDate(left, language, now, tz);
    if (!date) return { args: { priority: priority.value }, clean: rest(left) };
    const other = left
      .replace(date.text, ' ')
      .replace(date.timeText ?? '', ' ')
      .replace(/(?<![\p{L}])(?:with|con|com|and|y|e|due|para|pra|por|for|to)(?![\p{L}])/giu, ' ');
    return { args: { priority: priority.value, due: date.local }, clean: rest(other) };
  }
  // "cambia X al 15", "muda X pro 3": a bare number is a day of the month in Spanish and Portuguese.
  const bareDay = language !== 'en' && /^\d{1,2}$/.test(change.trim());
  const date = findDate(bareDay ? `el ${change.trim()}` : change, language, now, tz);
  if (date)
    return {
      args: { due: date.local },
      clean: bareDay || rest(change.replace(date.text, ' ').replace(date.timeText ?? '', ' ')),
    };
  if (/(?:project|proyecto|projeto)/i.test(change))
    return {
      args: {
        project: stripEnd(
          change
            .replace(/^(?:the |el |o )?(?:project|proyecto|projeto)\s*/i, '')
            .replace(/\s+(?:project)$/i, '')
            .replace(/^(?:the|el|o)\s+/i, ''),
        ),
      },
      clean: /^(?:the |el |o )?(?:project|proyecto|projeto)\s+\S|\s+project$/i.test(change.trim()),
    };
  return { clean: false };
}

/** "change the name of X to Y", "cámbiale el nombre a X por Y", "muda o nome dela para Y", "change its name to Y". */
const RENAME_FIELD =
  /^(?:please |por favor )?(?:change|update|edit|set|cambia|c[áa]mbia(?:le|la|lo)|cambiar|modifica|actualiza|muda|mude|mudar|altera|altere|alterar|troca|troque|trocar)\s+(?:(it'?s|its|su|sua|seu)\s+|(?:the|el|la|o|a)\s+)?(?:name|title|nombre|t[íi]tulo|nome|titulo)(?:\s+(dela|dele|disso|de eso|de esa|de ella|of it))?\s+(.+)$/i;
const RENAME_TO = /\s+(?:to|por|para|pra|como)\s+/i;

/**
 * "X to Y" of a rename. "to/por/para/como" (and English "as") part it before "a", an article or preposition in
 * many titles; among several places the one whose new name starts with the old one wins ("llamar a Luis a llamar
 * a Luis y Marta"), since a rename usually keeps the old words.
 */
function splitRename(body: string, language: Language): { target: string; name: string } | undefined {
  // "'llamar a Juan' a 'llamar a Juan por el contrato'": both names quoted.
  const quoted =
    /^["'](.+?)["']\s*(?:task|tarea|tarefa)?\s+(?:to|as|a|por|para|pra|como|into)\s+["'](.+?)["']\s*[.!?]*$/iu.exec(
      body.trim(),
    );
  if (quoted) return { target: quoted[1]!, name: quoted[2]! };
  const strong = [
    ...body.matchAll(language === 'en' ? /\s+(?:to|as)\s+/gi : /\s+(?:por|para|pra|como|to)\s+/gi),
  ];
  const seps = strong.length > 0 ? strong : [...body.matchAll(/\s+a\s+/gi)];
  const splits = seps
    .map((sep) => ({ target: body.slice(0, sep.index), name: body.slice(sep.index + sep[0].length) }))
    .filter((split) => stripEnd(split.target) && stripEnd(split.name));
  const kept = splits.find((split) =>
    `${split.name.toLowerCase()} `.startsWith(`${reference(split.target, []).toLowerCase()} `),
  );
  return kept ?? splits[0];
}

function rename(text: string, history: HistoryTurn[], language: Language): Args | undefined {
  const m = RENAME_FIELD.exec(text);
  if (!m) return undefined;
  const possessive = Boolean(m[1] ?? m[2]);
  const rest = m[3]!;
  const of = /^(?:of|for|de|del|de la|da|do|a|al)\s+(.+)$/i.exec(rest);
  if (of && !possessive) {
    const split = splitRename(of[1]!, language);
    if (split) return { task: reference(split.target, history), title: stripEnd(split.name) };
  }
  // "change its name to Y", "cámbiale el nombre a Y": the task just discussed.
  const to = /^(?:to|a|por|para|pra|como)\s+(.+)$/i.exec(rest);
  const it = resolveReference('it', history);
  if (to && it !== 'it' && (possessive || !of || !RENAME_TO.test(of[1]!)))
    return { task: it, title: stripEnd(to[1]!) };
  return undefined;
}

/** "the project list", "la lista de proyectos", "me passa a lista dos projetos": the projects, asked as a list. */
const PROJECT_LIST =
  /^(?:(?:show|see|view|give|send|get|list|muestra|mu[ée]strame|ens[ée][ñn]ame|dame|p[áa]same|m[áa]ndame|ver|quiero ver|mostra|me mostra|mostre|me mostre|mostra-me|mostre-me|d[áa]-me|me manda|manda|me passa|passa|quero ver|what'?s|what is|cu[áa]l es|qual [ée])\s+(?:me\s+)?)?(?:the |la |a |my |mi |minha )?(?:projects? list|(?:list|lista)\s+(?:of|de|dos|das|de los|de mis|dos meus|de meus)\s+(?:(?:my|mis|meus|the|los|os|all)\s+)?(?:projects|proyectos|projetos))[\s?!.]*$/i;

/**
 * "o terceiro pode apagar", "el primero lo puedes borrar", "the first one you can delete": the task first, then
 * "can" and a delete or done verb.
 */
const OBJECT_THEN_CAN =
  /^(.+?)\s+(?:(?:ya|j[áa])\s+)?(?:(?:voc[êe]|vc|tu|you)\s+)?(?:l[ao]s?\s+|me\s+l[ao]\s+)?(?:pode|podes|puede|puedes|pod[ée]s|can)\s+(?:(?:j[áa]|ya)\s+)?(?:(apagar|deletar|excluir|remover|tirar|cancelar|borrar|eliminar|quitar|delete|remove|cancel|scratch|drop)|(marcar(?:l[ao]|-[ao])? como (?:feit[ao]|conclu[íi]d[ao]|hech[ao]|terminad[ao]|completad[ao]|list[ao]|pront[ao])|mark (?:it |that )?(?:as )?(?:done|complete|completed|finished)|dar(?:l[ao])? (?:como|por) (?:hech[ao]|terminad[ao])|dar baixa|concluir|completar|terminar|tick (?:it )?off|check (?:it )?off|cross (?:it )?off))(?:l[ao]|-[ao])?(?:\s+(?:it|that|isso|eso))?[.!]?$/iu;

const RAISE_X =
  /^(?:s[úu]be(?:le|la|lo)?|b[áa]ja(?:le|la|lo)?|sobe|baixa|bump|raise|lower|move)\s+(?:(?:la|a) prioridade? (?:a|de|d[aeo]) |the priority of )?(.+?)\s+(?:a|al|to|up to|down to|pra|para|para a)\s+(?:la |a )?(?:prioridade? |priority )?(urgente?|alta|high|baja|low|baixa|media|medium|m[ée]dia)(?: priority| prioridade?)?[.!]?$/iu;
const WHAT_IS_PRIORITY =
  /^(?:what(?:'s| is| are)|which (?:ones|tasks|things) are|anything|qu[ée](?: es| est[áa]| hay)|cu[áa]les son|o que (?:[ée] que )?(?:[ée]|t[áa]|est[áa])|quais (?:s[ãa]o|est[ãa]o))\s+(?:(?:lo|o|the)\s+)?(?:(?:really|super|very|muy|muito|m[áa]s|mais|most)\s+)?(urgent|important|critical|high priority|urgentes?|importantes?|cr[íi]tic[oa]s?|prioritari[oa]s?|priorit[áa]ri[oa]s?)(?:\s+(?:right now|now|today|ahora(?: mismo)?|hoy|agora|hoje))?\s*[?!.]*$/iu;
const NAMED_FIRST =
  /^((?:the |la |el |a |o |that |this |esa |essa )?(?:task|tarea|tarefa)\s+(?:of|about|on|for|de|del|de la|da|do|sobre)\s+.+?)\s*[,:;]\s+(.+)$/iu;
/** A reason said after a new day: "que cobro el 9", "porque viajo", ", hoje não dá" (not "que viene / que vem"). */
const REASON_TAIL =
  /(?:\s+(?:que(?!\s+(?:viene|vem)(?![\p{L}]))|porque|pq|ya que|because|since|cause)\s+.*|\s*,\s+(?:hoy|hoje|today|que|porque|because|since)\s+.*)$/iu;
/** "lo de pagar el alquiler pasalo al 10", "esa ponla para el lunes", "aquilo do banco passa ela pra sexta". */
const NAMED_THEN_CLITIC =
  /^((?:lo|aquilo)\s+(?:de|del|de la|de los|de las|d[oa]s?)\s+.+?|(?:la|el|los|las|o|a|os|as|aquele|aquela)\s+\p{L}[^,;:]*?|esa|ese|essa|esse|esta|este|aquella|aquel|aquela|aquele)\s+((?:p[áa]sa|b[óo]rra|m[áa]rca|p[óo]n|mu[ée]ve|c[áa]mbia|qu[íi]ta|elim[íi]na|apl[áa]za|s[úu]be|b[áa]ja|s[áa]ca|t[áa]cha)(?:l[oae])(?![\p{L}]).*|(?:passa|muda|apaga|marca|coloca|adia|joga|bota|p[õo]e|tira|risca)(?:-[oa]|\s+(?:ela|ele))(?![\p{L}]).*)$/iu;
const FIRST_PERSON: Record<string, string> = {
  passo: 'passa',
  mudo: 'muda',
  adio: 'adia',
  jogo: 'passa',
  paso: 'pasa',
  muevo: 'mueve',
  cambio: 'cambia',
  aplazo: 'aplaza',
};
/** "a segunda eu passo pra sexta", "la tercera la paso al lunes", "the first one I'll move to friday": said as what I do. */
const LEADING_REF_I_DO =
  /^((?:the |la |el |a |o )?(?:first|second|third|fourth|fifth|last|primer[ao]|segund[ao]|tercer[ao]?|cuart[ao]|quint[ao]|[úu]ltim[ao]|terceir[ao]|quart[ao])(?: one)?)\s+(?:(?:eu|yo|i'll|i will|i)\s+)?(?:(?:a|o|la|lo)\s+)?(?=(?:passo|mudo|adio|jogo|paso|muevo|cambio|aplazo|move|push|postpone)(?![\p{L}]))(.+)$/iu;
/** What may follow an item said without a comma: a command, maybe after "yeah", or news of it being done. */
const BARE_REF_THEN = new RegExp(
  `^(?:(?:yeah|yep|ok(?:ay)?|so|then|pues|ent[ãa]o)[,]?\\s+)?(?:${COMMAND_START.source.slice(1)}|(?:[ée]|es|is)\\s+(?:para|pra|for)\\s|(?:j[áa]|ya)\\s+(?!(?:t[áa]|est[áa]|qued[óo]|foi)(?![\\p{L}]))\\p{L}+)`,
  'iu',
);
const LEADING_REF_BARE =
  /^((?:the |la |el |a |o )?(?:first|second|third|fourth|fifth|last|primer[ao]|segund[ao]|tercer[ao]?|cuart[ao]|quint[ao]|[úu]ltim[ao]|terceir[ao]|quart[ao])(?: one)?)\s+(.+)$/iu;
const LEADING_REF =
  /^((?:the |la |el |a |o )?(?:first|second|third|fourth|fifth|last|primer[ao]|segund[ao]|tercer[ao]?|cuart[ao]|quint[ao]|[úu]ltim[ao]|terceir[ao]|quart[ao]|(?:number|n[úu]mero) \d|\d)(?: one| task| tarea| tarefa)?)(?:\s+(?:ya no(?: (?:hace falta|va|sirve))?|no (?:hace falta|va)|(?:j[áa] )?n[ãa]o (?:precisa|vai|rola)(?: mais)?|(?:is|'s) (?:not needed|no longer needed|off)(?: any ?more)?|(?:is|'s) not happening|not needed any ?more|no longer))?\s*[,:;]\s+(.+)$/i;

/** "new task for the wedding project book the photographer": "the X project", then the title with no "to". */
const PROJECT_NAMED_FIRST =
  /^(?:(?:for|in|to|on|under|into)\s+(?:the\s+|my\s+)?|(?:the|my)\s+)((?:\S+\s+){0,2}?\S+)\s+project\s+(?!(?:to|that|for|by|due|on)\s)(.+)$/iu;
const PLACE_FIRST =
  /^(?:to|in|into|en|al|no|na|em|ao)\s+(\p{Lu}[\p{L}\d]*(?:\s+\p{Lu}[\p{L}\d]*){0,2})\s*:\s*(.+)$/u;

const PROJECT_CLAUSE =
  /^(?:(?:put|file|add|stick|move)\s+(?:it|this)\s+(?:in|into|under|to)\s+(?:the\s+)?(.+?)(?:\s+project)?|(?:(?:in|to|under|for|en|al|para|no|ao|pro|pra|na)\s+(?:the\s+|el\s+|o\s+)?)?(?:project|proyecto|projeto)\s+(.+)|(?:in|to|under|en|al|no|ao)\s+(?:the\s+|el\s+|o\s+)?(.+?)\s+(?:project|proyecto|projeto)|(?:p[óo]n(?:lo|la)|m[ée]te(?:lo|la)|coloca(?:-a|-o)?|p[õo]e)\s+(?:en|no|na|em)\s+(?:el\s+|o\s+)?(?:proyecto\s+|projeto\s+)?(.+))\s*[.!]*$/iu;
const DUE_WORDS =
  /(?<![\p{L}])(?:due|by|until|before|deadline|vence|para|pra|hasta|antes de|antes del|at[ée]|prazo|fecha|com prazo|con fecha)(?![\p{L}])/giu;

/** What one clause after a title says, when it says nothing else: a day, a priority or a project. */
function attributeOf(clause: string, language: Language, now: Date, tz: string): Args | undefined {
  const project = PROJECT_CLAUSE.exec(clause);
  if (project) return { project: stripEnd((project[1] ?? project[2] ?? project[3] ?? project[4])!) };
  // "tomorrow morning, 9:30": a time alone goes with the day said before it.
  const timeAlone = /^\s*(?:at\s+|a las\s+|[àa]s\s+)?\d{1,2}(?:[:h.]\d{2})?\s*(?:am|pm|h)?\s*$/iu.test(
    clause,
  );
  const date = timeAlone ? undefined : findDate(clause, language, now, tz);
  if (
    date &&
    !/[\p{L}\d]/u.test(
      clause
        .replace(date.text, ' ')
        .replace(date.timeText ?? '', ' ')
        .replace(PART_OF_DAY, ' ')
        .replace(DUE_WORDS, ' ')
        .replace(AROUND_DATE, ' '),
    )
  )
    return { due: date.local };
  const priority = priorityOf(clause);
  if (
    priority &&
    !/[\p{L}\d]/u.test(clause.replace(priority.pattern, ' ').replace(PRIORITY_CLAUSE_WORDS, ' '))
  )
    return { priority: priority.value };
  return undefined;
}

/** A new task's arguments from the words after the command; the priority may be said anywhere in `whole`. */
function newTask(body: string, whole: string, language: Language, now: Date, tz: string): Args {
  // "'preparar a apresentação' no projeto Vendas": the quoted words are the title, the rest says the rest.
  const quoted = /^["'](.+?)["'](?![\p{L}])\s*(.*)$/u.exec(body.trim());
  if (quoted) {
    const { title: _rest, ...args } = newTask(quoted[2]!, whole, language, now, tz);
    return { title: stripEnd(quoted[1]!), ...args };
  }
  // "finalize the Q1 budget, due the day after tomorrow at 3pm, it's critical, put it in Finance": the title, then
  // clauses that each say one thing (a day, a priority, a project).
  const clauses = body.split(/\s*,\s*/);
  let end = clauses.length;
  const said: Args = {};
  for (; end > 1; end--) {
    const clause = attributeOf(clauses[end - 1]!, language, now, tz);
    if (!clause) break;
    for (const [key, value] of Object.entries(clause)) said[key] ??= value;
  }
  if (end < clauses.length)
    return { ...newTask(clauses.slice(0, end).join(', '), whole, language, now, tz), ...said };
  // "añade en Terraza: pedir presupuesto", "add to Work: send the deck": a capitalised name before the colon.
  const place = PLACE_FIRST.exec(body.trim());
  if (place) return { ...newTask(place[2]!, whole, language, now, tz), project: place[1]! };
  // "add a task to the Marketing project: draft the newsletter"
  const projectFirst = PROJECT_NAMED_FIRST.exec(body);
  if (
    projectFirst &&
    !/(?<![\p{L}])(?:project|proyecto|projeto)(?![\p{L}])/iu.test(projectFirst[2]!) &&
    !PROJECT_COMPOUND.test(projectFirst[2]!.split(/\s+/)[0]!)
  )
    return { ...newTask(projectFirst[2]!, whole, language, now, tz), project: stripEnd(projectFirst[1]!) };
  const thenTitle = PROJECT_THEN_TITLE.exec(body);
  // "the project proposal for Acme to the Sales project": "project" is a word of the title, the project comes last.
  const inProject =
    PROJECT_FIRST.exec(body) ??
    (thenTitle && !/(?<![\p{L}])(?:project|proyecto|projeto)(?![\p{L}])/iu.test(thenTitle[5]!)
      ? thenTitle
      : null);
  const rest = inProject ? inProject[5]! : body;
  const date = findDate(rest, language, now, tz);
  const priority = priorityOf(whole);
  const args: Args = { title: title(rest, date, priority?.pattern, language) };
  if (date) args.due = date.local;
  if (priority) args.priority = priority.value;
  const named = inProject
    ? stripEnd((inProject[1] ?? inProject[2] ?? inProject[3] ?? inProject[4])!)
    : projectOf(rest);
  // "al proyecto Dirección con fecha 15 de febrero": the date said after the project is no part of its name.
  const at = date && named ? named.indexOf(date.text) : -1;
  const project =
    at > 0
      ? stripEnd(
          named!
            .slice(0, at)
            .replace(
              /\s+(?:(?:with|con|com)\s+(?:(?:the|a|la|o)\s+)?(?:due date|deadline|date|fecha(?: l[íi]mite)?|prazo|data|vencimiento|vencimento)|due|by|para(?: el| o| a)?|pra|hasta(?: el)?|at[ée](?: o| a)?|on|el|no|na)\s*$/i,
              '',
            ),
        )
      : named;
  if (project) args.project = project;
  return args;
}

/** "all my tasks, including the finished ones", "todas, también las terminadas": everything, not only done. */
const ALL_INCLUDING_DONE =
  /(?<![\p{L}])(?:done|completed|finished|hechas|completadas|terminadas|feitas|conclu[íi]das)\s+(?:y|e|and|or|o|ou)\s+(?:pendientes|pendentes|open|not done|abiertas|abertas|por hacer|por fazer)(?![\p{L}])|(?<![\p{L}])(?:pendientes|pendentes|open|abiertas|abertas)\s+(?:y|e|and|or|o|ou)\s+(?:done|completed|finished|hechas|completadas|terminadas|feitas|conclu[íi]das)(?![\p{L}])|(?<![\p{L}])(?:all|everything|todas|todos|todo|tudo)(?![\p{L}]).*(?<![\p{L}])(?:including|incl|also|plus|too|even|tambi[ée]n|incluso|inclu(?:id[ao]s|yendo|sive|indo)|tamb[ée]m|mesmo|at[ée])(?![\p{L}]).*(?<![\p{L}])(?:done|completed|finished|hechas|completadas|terminadas|feitas|conclu[íi]das|hice|termin[ée]|complet[ée]|acab[ée]|fiz|terminei|conclu[íi]|acabei)(?![\p{L}])/iu;

/** "my high priority tasks in Work": a capitalised name after "tasks in", when it is not a date. */
function namedProject(text: string, language: Language, now: Date, tz: string): string | undefined {
  const m =
    /(?<![\p{L}])(?:tasks|tareas|tarefas|to-?dos)\s+(?:in|under|en|em|no|na)\s+(\p{Lu}[\p{L}\d]*(?:\s+\p{Lu}[\p{L}\d]*)*)/u.exec(
      text,
    );
  if (!m || findDate(m[1]!, language, now, tz)) return undefined;
  return m[1];
}

/** "between dec 7 and dec 11", "del 1 al 4 de diciembre", "de 30 de novembro a 2 de dezembro": both ends. */
function dateRange(
  text: string,
  language: Language,
  now: Date,
  tz: string,
): { dueFrom: string; dueTo: string } | undefined {
  const m =
    /(?<![\p{L}])(?:between|from|entre|del?|desde(?: el)?)\s+(.+?)\s+(?:and|to|till|until|through|y|e|al|a|hasta(?: el)?|at[ée](?: o| a)?)\s+(.+)$/iu.exec(
      text,
    );
  if (!m) return undefined;
  const to = findDate(m[2]!, language, now, tz);
  if (!to) return undefined;
  // "between now and friday", "de hoy al viernes": from today.
  const fromNow = /^(?:now|right now|today|ahora|hoy|agora|hoje)$/i.test(m[1]!.trim());
  const dueTo = to.local.slice(0, 10);
  // "entre el 1 y el 5 de diciembre", "between the 1st and the 5th": a bare day of the end's month.
  const bareFrom = /^(?:(?:el|la|o|the|dia|el d[íi]a|o dia)\s+)?(\d{1,2})(?:st|nd|rd|th)?$/i.exec(m[1]!)?.[1];
  const from = fromNow
    ? today(now, tz)
    : bareFrom
      ? `${dueTo.slice(0, 8)}${bareFrom.padStart(2, '0')}`
      : findDate(m[1]!, language, now, tz)?.local.slice(0, 10);
  if (!from) return undefined;
  // "between monday and wednesday" said on a Tuesday: both days ahead, so the end is next week's.
  if (from > dueTo && shiftDays(dueTo, 7) >= from) return { dueFrom: from, dueTo: shiftDays(dueTo, 7) };
  return from <= dueTo ? { dueFrom: from, dueTo } : undefined;
}

const UP_TO =
  /(?<![\p{L}])(by|until|till|before|no later than|hasta(?: el| la)?|antes del?|antes de la|para antes del?|at[ée](?: (?:o|a|à|ao))?|antes d[oa]s?|antes de)\s+(?:(?:the|el|la|o|a|this|next|este|esta|essa|esse|pr[óo]xim[oa])\s+)?$/iu;
/** Past its date, in the three languages ("what's late?", "se me venció algo?", "o que passou do prazo?"). */
const OVERDUE =
  /(?<![\p{L}])(?:overdue|late|em atraso|en retraso|con retraso|se me (?:ha |han )?pas(?:[óo]|aron|ado)|past due|past (?:the |its |it's |their )?deadlines?|atrasad[ao]s?|vencid[ao]s?|retrasad[ao]s?|venci(?:[óo]|eron)|venceu|venceram|passou do prazo|passaram do prazo|fora do prazo|pas[óo] (?:de )?(?:la )?fecha|pas[óo] el plazo|fuera de plazo|passou da data|past (?:its |it's |their |the |my )?due dates?|(?:ha|han) pasado (?:de )?la fecha|pas[óo] la fecha|pasad[ao]s? de fecha)(?![\p{L}])/iu;
const DONE_WORDS =
  '(?:done|completed|finished|hech[oa]s?|terminad[oa]s?|completad[oa]s?|feit[oa]s?|conclu[íi]d[oa]s?|finalizad[oa]s?)';
/** Finished tasks, in every gender and number ("o que já foi concluído", "las terminadas"). */
const DONE_STATUS = new RegExp(
  `(?<![\\p{L}])(?:${DONE_WORDS}|he (?:completado|terminado|hecho)|(?:eu )?j[áa] (?:conclu[íi]|fiz|terminei)|o que (?:eu )?(?:terminei|conclu[íi]|fiz)|(?:lo que )?ya (?:hice|termin[ée]|complet[ée]|acab[ée])|i(?:'ve| have) (?:completed|finished|done))(?![\\p{L}])`,
  'iu',
);
/** Still to do, though a done word is said: "what needs to be done", "lo que no he terminado", "o que falta ser feito". */
const NOT_DONE = new RegExp(
  `(?<![\\p{L}])(?:not|no|n[ãa]o|sin|sem|to be|needs? doing|que ser|por|a ser|haven'?t|hasn'?t|isn'?t|aren'?t|still)\\s+(?:\\p{L}+\\s+)?(?:${DONE_WORDS}|he (?:terminado|hecho|completado))(?![\\p{L}])|(?<![\\p{L}])(?:n[ãa]o|no)\\s+(?:\\p{L}+\\s+)?(?:terminei|conclu[íi]|fiz|acabei|termin[ée]|acab[ée]|hice)(?![\\p{L}])`,
  'iu',
);

const MONTH =
  /(?<![\p{L}])(?:this month|next month|(?:en |de |para )?este mes|(?:en |de |para )?el (?:pr[óo]ximo )?mes(?: que viene| siguiente| pr[óo]ximo)?|(?:n|d|pr)?(?:est|ess)e m[êe]s|(?:n|d|pr)?o (?:pr[óo]ximo )?m[êe]s(?: que vem| seguinte)?|pr[óo]ximo m[êe]s|m[êe]s que vem)(?![\p{L}])/iu;
const pad2 = (n: number) => String(n).padStart(2, '0');
const MONTH_NAMES = [
  'january|enero|janeiro',
  'february|febrero|fevereiro',
  'march|marzo|marco',
  'april|abril',
  'may|mayo|maio',
  'june|junio|junho',
  'july|julio|julho',
  'august|agosto',
  'september|septiembre|setiembre|setembro',
  'october|octubre|outubro',
  'november|noviembre|novembro',
  'december|diciembre|dezembro',
];
const MONTH_INDEX: Record<string, number> = Object.fromEntries(
  MONTH_NAMES.flatMap((names, i) => names.split('|').map((name) => [name, i + 1])),
);
/** A month named in a list request ("may" only after "in" / "for": it is also a verb). */
const MONTH_NAME = new RegExp(
  `(?<![\\p{L}])(?:(?:in|for|during|en|de|para|em|no|durante|del|do)\\s+)?(${MONTH_NAMES.join('|')
    .replace('|may|', '|')
    .replace('marco', 'mar[cç]o')}|(?<=(?:in|for) )may)(?![\\p{L}])`,
  'iu',
);

/** The last day of the month of `date` (`YYYY-MM-DD`). */
function lastDayOf(date: string): string {
  const [year, month] = date.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

/** "... are still open?", "... estão abertas?", "... que quedan pendientes": the default status, said after a name. */
const STILL_OPEN =
  /\s+(?:(?:that |which )?(?:are|is) (?:still )?(?:open|pending|left|to do|not done)|(?:que )?(?:est[ãa]o|est[áa]|ainda est[ãa]o|faltam|ficaram) (?:ainda )?(?:abert[ao]s?|pendentes?|em aberto|por fazer)|(?:que )?(?:est[áa]n|quedan|siguen|faltan) (?:todav[íi]a )?(?:abiert[ao]s?|pendientes?|sin hacer|por hacer))\s*[?!.]*$/iu;

function listArgs(raw: string, now: Date, timezone: string, language: Language): Args {
  const text = stripEnd(raw.replace(STILL_OPEN, ''));
  const args: Args = {};
  const day = today(now, timezone);
  if (OVERDUE.test(text)) args.overdue = true;
  if (ALL_INCLUDING_DONE.test(text)) args.status = 'all';
  else if (DONE_STATUS.test(text) && !NOT_DONE.test(text)) args.status = 'done';
  else if (
    // Overdue tasks are open ones: "everything that's overdue" filters, it does not widen.
    !args.overdue &&
    /\b(?:all (?:of )?(?:my )?tasks|todas (?:las )?(?:mis )?tareas|todas (?:as )?(?:minhas )?tarefas|everything)\b/i.test(
      text,
    )
  )
    args.status = 'all';
  const priority = priorityOf(text);
  if (priority) args.priority = priority.value;
  const project = projectOf(text) ?? namedProject(text, language, now, timezone);
  if (project) args.project = project;
  const range = dateRange(text, language, now, timezone);
  if (range) Object.assign(args, range);
  else if (/\b(?:next week|pr[óo]xima semana|semana que vem|semana que viene)\b/i.test(text)) {
    const week = weekOf(shiftDays(day, 7));
    Object.assign(args, { dueFrom: week.from, dueTo: week.to });
  } else if (
    /\b(?:this week|esta semana|essa semana|nesta semana|nessa semana|desta semana|dessa semana|la semana)\b/i.test(
      text,
    )
  ) {
    const week = weekOf(day);
    Object.assign(args, { dueFrom: week.from, dueTo: week.to });
  } else if (
    /(?<![\p{L}])(?:this |next )?weekend(?![\p{L}])/iu.test(text) &&
    findDate(text, language, now, timezone)
  ) {
    // "what's on for this weekend?", "¿qué tengo el finde?", "o que tenho para o fim de semana?": Saturday and Sunday.
    const saturday = findDate(text, language, now, timezone)!.local.slice(0, 10);
    Object.assign(args, { dueFrom: saturday, dueTo: shiftDays(saturday, 1) });
  } else if (
    MONTH.test(text) &&
    !/(?:fin|final|finales|fim|end)\s+(?:de|del|do|of)\s/i.test(text) &&
    // "para cerrar el mes", "pra fechar o mês", "to close the month": the bookkeeping, not a filter.
    !/(?<![\p{L}])(?:cerrar|cierre|fechar|fechamento|close|closing)\s+(?:de\s+|do\s+)?(?:el|o|the)\s+m(?:es|[êe]s|onth)(?![\p{L}])/iu.test(
      text,
    )
  ) {
    // "this month", "este mes", "el mes que viene", "no próximo mês": the whole month.
    const [year, month] = day.split('-').map(Number) as [number, number];
    const next = /(?:next|que viene|que vem|pr[óo]xim[oa]|siguiente|seguinte)/i.test(MONTH.exec(text)![0]);
    const first = next
      ? month === 12
        ? `${year + 1}-01-01`
        : `${year}-${pad2(month + 1)}-01`
      : `${day.slice(0, 8)}01`;
    Object.assign(args, { dueFrom: first, dueTo: lastDayOf(first) });
  } else if (MONTH_NAME.test(text) && !/\d/.test(text)) {
    // "show tasks for february", "tasks due in march?", "¿qué tengo en marzo?", "tarefas de abril": that whole month,
    // this one or the next to come.
    const named =
      MONTH_INDEX[MONTH_NAME.exec(text)![1]!.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '')]!;
    const [year, month] = day.split('-').map(Number) as [number, number];
    const first = `${named < month ? year + 1 : year}-${pad2(named)}-01`;
    Object.assign(args, { dueFrom: first, dueTo: lastDayOf(first) });
  } else if (!args.overdue) {
    const date = findDate(text, language, now, timezone);
    const day = date?.local.slice(0, 10);
    // "due by friday", "que vencen hasta el viernes", "até sexta": everything up to that day; "before": the day before.
    const lead = date ? UP_TO.exec(text.slice(0, Math.max(0, text.indexOf(date.text)))) : null;
    if (day && lead)
      Object.assign(args, { dueTo: /^(?:before|antes)/i.test(lead[1]!) ? shiftDays(day, -1) : day });
    else if (day) Object.assign(args, { dueFrom: day, dueTo: day });
  }
  const about =
    /\b(?:about|related to|mentioning|containing|with the word|sobre|con la palabra|que contengan|com a palavra|que contenham)\s+(.+)$/i.exec(
      text,
    );
  if (about) args.search = searchTerm(about[1]!);
  return args;
}

/** "o show das 21h": a clock time kept in a title as it was typed (the date parser reads it as "21:00"). */
function asTyped(args: Args, typed: string): Args {
  const hours = [...typed.matchAll(/(?<![\p{L}\d])(\d{1,2})h(\d{2})?(?![\p{L}\d])/gu)];
  if (hours.length === 0) return args;
  const out: Args = { ...args };
  for (const key of ['title', 'task', 'search'] as const) {
    let value = out[key];
    if (typeof value !== 'string') continue;
    for (const [word, h, m] of hours) value = value.replace(`${h}:${m ?? '00'}`, word);
    out[key] = value;
  }
  return out;
}

/**
 * The offline understanding: which DESIGN.md §6 tool a WhatsApp message calls, with only the arguments the user
 * expressed. Rules per language over the message, chrono-node for dates in the user's zone, the conversation for
 * "it" and "the second one". Anything else is `tool: null` (small talk or out of scope).
 */
export function understand(input: UnderstandInput): Understanding {
  // A rule that reads a part of the message again (a clause, a correction) comes back here: only the whole message
  // gets the readings of a whole message, and what was remembered is dropped only when a new message starts.
  if (reading) return understandAll(input);
  forgetAll();
  reading = true;
  try {
    return wholeMessage(input);
  } finally {
    reading = false;
  }
}

function wholeMessage(input: UnderstandInput): Understanding {
  // "I don't know how to add a task", "¿cómo se crea un recordatorio?": a question about using the assistant, even
  // with a task word in it; with only a weak sign ("commands", "how does this work"), when nothing else read it.
  if (USAGE_HOW.test(input.text)) return { tool: 'help', args: {}, language: detectLanguage(input.text) };
  const understood = understandAll({
    ...input,
    text: colonCommand(input.text, () => input.language ?? detectLanguage(input.text)),
  });
  // Greetings, thanks and wishes that a rule took for a request ("¿qué tal va todo?", "buen fin de semana").
  if (understood.tool !== null && onlyPleasantries(input.text)) {
    const thanks = /gracias|obrigad|thank/iu.test(input.text);
    return { tool: null, args: {}, language: understood.language, smallTalk: thanks ? 'thanks' : 'greeting' };
  }
  if (understood.tool !== null) return understood;
  if (USAGE_QUESTION.test(input.text)) return { tool: 'help', args: {}, language: understood.language };
  // "buy conduit and junction boxes for the Miller job tomorrow": an errand said as a bare command with its day.
  const errand = ERRAND.exec(input.text.trim());
  const date = errand
    ? findDate(errand[0], understood.language, new Date(input.now), input.timezone)
    : undefined;
  // "schedule the panel inspection for tomorrow 8 am": what is scheduled is the task.
  const what =
    errand && date ? title(errand[0].replace(SCHEDULE_VERB, ''), date, undefined, understood.language) : '';
  if (date && what)
    return { tool: 'createTask', args: { title: what, due: date.local }, language: understood.language };
  return understood;
}

/** A bare English command to do an errand ("order 6 dozen croissant boxes by Wednesday"); read only with a day. */
const ERRAND =
  /^(?:buy|order|pick up|drop off|call|email|text|book|schedule|pay|send|fix|clean|finish|submit|prepare|review|renew|cancel|return|collect|deliver|install|replace|repair|print|update|write|draft|organi[sz]e|plan|visit|meet|log|file|ship|check|confirm|bring|get)\s+.+$/iu;

/** "schedule (the) X": the verb that asked for the task. */
const SCHEDULE_VERB = /^schedule\s+(?:(?:the|a|an)\s+)?(?=\S)/iu;

/** How to do something with the assistant: "no sé cómo agregar una tarea", "how do I set a reminder?". */
const USAGE_HOW =
  /(?<![\p{L}])(?:(?:no entiendo|no s[ée]|n[ãa]o (?:entendo|sei)|i don'?t (?:understand|know|get)|not sure)\s+(?:c[óo]mo|how)\s+(?:to\s+|se\s+)?(?:crear|agregar|a[ñn]adir|usar|poner|criar|adicionar|colocar|create|add|use|set(?: up)?|make)|how (?:do|can|should) i (?:use|add|create|set|make) (?:this|it|you|a (?:task|reminder|project)|tasks|reminders|projects)|c[óo]mo (?:se )?(?:agrega|a[ñn]ade|crea|agrego|a[ñn]ado|creo|pone|pongo) (?:una? )?(?:tarea|recordatorio|proyecto)|como (?:se )?(?:adiciona|cria|adiciono|crio|coloco|coloca) (?:uma? )?(?:tarefa|lembrete|projeto)|(?:help|ayuda|ajuda) (?:para|con|pra|com|to|with) (?:usar|use|using) (?:el |la |o |a |this |the )?(?:asistente|assistente|assistant|app|bot|esto|isso|it))(?![\p{L}])/iu;
/**
 * "how does this thing work?", "what commands can I use?", "¿qué comandos hay?", "necesito ayuda para usar el
 * asistente": a question about the assistant itself, read as such only when nothing else read the message.
 */
const USAGE_QUESTION =
  /(?<![\p{L}])(?:commands?|comandos?|instructions?|instrucciones|instru[çc][õo]es|how (?:does|do) (?:this|it|you)(?: thing| bot| app| assistant)? work|how to use (?:this|it|you|the)|help menu|what (?:else )?can you (?:actually |really |even )?do(?: for me| here)?\s*[?!.]*$|para qu[ée] serv[íi]s|men[úu] de ayuda|menu de ajuda|what can (?:this|the) (?:bot|app|assistant|thing) do|qu[ée] (?:puede|sabe) hacer (?:este|el) (?:bot|asistente)|o que (?:esse|este|o) (?:bot|assistente) (?:faz|sabe fazer)|c[óo]mo usarte|como (?:te )?usar|me (?:lo )?explic[áa]s|expl[íi]came|me explica)(?![\p{L}])/iu;

/** Whether a message is being read (so a call to `understand` is a rule reading a part of it again). */
let reading = false;

/** "hey, ...", "oye, ...": the openings that say nothing, so the rules that read a message's start see it. */
function openingsOff(text: string): string {
  let line = text.trim();
  for (let i = 0; i < 3 && OPENING.test(line); i++) line = line.replace(OPENING, '').replace(/^[¿¡]+/, '');
  return line;
}
const OPENING =
  /^(?:hey|hi|hello|hola|oi|ol[áa]|oye|ok(?:ay)?|so|well|bueno|pues|ent[ãa]o|yeah|u+m+|u+h+|eh|lol|a?(?:ja){2,}j?|k{3,})[,!.]?\s+/iu;

function understandAll(input: UnderstandInput): Understanding {
  // "hey, don't delete X, just mark it done", "... no wait, saturday please": without openings and closing words.
  const bare = {
    ...input,
    text: openingsOff(input.text)
      .replace(TAIL, (tail) => (/\?\s*$/.test(tail) ? '?' : ''))
      .replace(TAIL, (tail) => (/\?\s*$/.test(tail) ? '?' : '')),
  };
  const amended = negated(bare) ?? corrected(bare);
  if (amended) return amended;
  // "Morning! So the fridge ... again. Can you add a task to X?", "Vou abrir um quiosque ano que vem, cria um projeto
  // chamado X": a story, then the request. The first place after which a request starts, when what comes before asks
  // nothing, is read alone; when it only says "it" ("... paguei o IPTU! Pode marcar como feito"), the story names it.
  const told = input.text.replace(EMOJI_BETWEEN, '. ');
  for (const start of requestStarts(told)) {
    const before = told.slice(0, start).replace(/[\s,]+$/u, '');
    const after = told.slice(start);
    // A story has a few words and asks nothing ("oye, apúntame X", "what can you do?" are read whole).
    if (before.split(/\s+/).length < 2 || WH_WORD.test(stripEnd(before).replace(/^[¿¡]+/, ''))) continue;
    if (COMMAND_START.test(voseo(stripEnd(after))) && !COMMAND_START.test(voseo(stripEnd(before)))) {
      const story = understandOne({ ...input, text: before });
      const request = understand({ ...input, text: after });
      // "did I ever add anything about X? can you look for it": the question was the request.
      if (story.tool === 'listTasks' && (!request.tool || vague(request))) return story;
      if (story.tool && story.tool !== 'createTask' && typeof story.args.task !== 'string') continue;
      // "preciso pagar o IPVA, anota aí", "X, cria uma tarefa com prioridade alta": the request is about the task said.
      if (story.tool === 'createTask' && !/[.!?…]$/u.test(before)) continue;
      const unresolved = typeof request.args.task === 'string' && UNRESOLVED.test(request.args.task);
      if (request.tool && !unresolved && !vague(request)) return request;
      const task = story.args.task;
      if (request.tool && unresolved && typeof task === 'string') {
        const said: HistoryTurn = {
          role: 'assistant',
          text: '',
          tool: { name: 'reference', args: { task } },
        };
        const about = understand({ ...input, text: after, history: [...(input.history ?? []), said] });
        if (about.tool) return about;
      }
    }
  }
  return understandOne(input);
}

const said = (task: string): HistoryTurn => ({
  role: 'assistant',
  text: '',
  tool: { name: 'reference', args: { task } },
});
const unresolved = (u: Understanding) => typeof u.args.task === 'string' && UNRESOLVED.test(u.args.task);

/** "don't delete X, just mark it done", "no quiero ver las hechas, solo las vencidas": what to do instead. */
function negated(input: UnderstandInput): Understanding | undefined {
  const neg = negatedOf(input.text);
  if (!neg) return undefined;
  const history = input.history ?? [];
  const instead = understand({ ...input, text: neg.instead });
  if (instead.tool && !unresolved(instead) && !vague(instead)) return instead;
  // "márcala como completada: la de renovar X": the task is said after the colon; else it is the one not to touch.
  const colon = /^(.+?)\s*:\s+(.+)$/u.exec(neg.instead);
  const not = colon ? undefined : understand({ ...input, text: neg.not });
  const task = colon ? reference(colon[2]!, history) : not?.args.task;
  if (typeof task === 'string' && task && !UNRESOLVED.test(task)) {
    const about = understand({
      ...input,
      text: colon ? colon[1]! : neg.instead,
      history: [...history, said(task)],
    });
    if (about.tool) return about;
  }
  const now = new Date(input.now);
  const language = instead.language;
  if (!instead.tool && not?.tool === 'listTasks') {
    const args = listArgs(neg.instead, now, input.timezone, language);
    if (Object.keys(args).length > 0) return { tool: 'listTasks', args, language };
  }
  if (neg.nothing && !COMMAND_START.test(neg.instead))
    return { tool: null, args: {}, language, smallTalk: 'other' };
  return undefined;
}

const ORDINAL_PHRASE =
  /(?<![\p{L}])(?:(?:the|la|el|a|o)\s+)?(?:first|second|third|fourth|fifth|last|primer[ao]?|segund[ao]|tercer[ao]?|cuart[ao]|quint[ao]|[úu]ltim[ao]|terceir[ao]|quart[ao]|(?:number|n[úu]mero)\s+\d|\d)(?:\s+one)?(?![\p{L}])/iu;

/** "add X for friday, no wait, saturday", "Boda... no, mejor ponle Boda Ana y Luis", "the second. no wait, the third". */
function corrected(input: UnderstandInput): Understanding | undefined {
  const fix = correctionOf(input.text);
  if (!fix || fix.head.split(/\s+/).length < 2) return undefined;
  const first = understand({ ...input, text: fix.head });
  if (!first.tool) return undefined;
  const now = new Date(input.now);
  const tz = input.timezone;
  const newDay = findDate(fix.replacement, first.language, now, tz);
  const rest = newDay
    ? fix.replacement
        .replace(newDay.text, ' ')
        .replace(newDay.timeText ?? '', ' ')
        .replace(PART_OF_DAY, ' ')
        .replace(AROUND_DATE, ' ')
    : 'x';
  const oldDay = newDay && !/[\p{L}\d]/u.test(rest) ? findDate(fix.head, first.language, now, tz) : undefined;
  if (oldDay) {
    const head = fix.head
      .replace(oldDay.text, ' ')
      .replace(oldDay.timeText ?? '', ' ')
      .replace(/\s+(?:for|on|by|at|el|la|no|na|para|pra|pro|until|till)?\s*$/iu, '');
    const again = understand({ ...input, text: `${head} ${fix.replacement}` });
    if (again.tool === first.tool) return again;
  }
  if (
    new RegExp(`^${ORDINAL_PHRASE.source}\\s*[.!]*$`, 'iu').test(fix.replacement) &&
    ORDINAL_PHRASE.test(fix.head)
  ) {
    const again = understand({
      ...input,
      text: fix.head.replace(ORDINAL_PHRASE, fix.replacement.replace(/[.!]+$/, '')),
    });
    if (again.tool === first.tool) return again;
  }
  const key = first.tool === 'createProject' ? 'name' : first.tool === 'createTask' ? 'title' : undefined;
  if (fix.name && key) return { ...first, args: { ...first.args, [key]: stripEnd(fix.name) } };
  return undefined;
}

/** "it", "that", "eso", "isso": a task said as a pronoun that the conversation does not name. */
const UNRESOLVED = /^(?:it|that|this|that one|eso|esa|ese|esto|isso|essa|esse|ela|ele|lo|la)$/iu;
/** "procura aí", "look for it": a search for what was just said, not a word. */
const vague = (u: Understanding) =>
  typeof u.args.search === 'string' &&
  /^(?:it|that|this|a[íi]|isso|eso|esto|lo|la|them)?$/iu.test(u.args.search);

const AND_PRIORITY =
  /^(.+?)\s+(?:and|y|e)\s+((?:bump|make|set|raise|lower|put|change|mark|s[úu]be(?:le|la|lo)?|subile|b[áa]ja(?:le|la|lo)?|bajale|p[óo]nle|ponele|coloca|p[õo]e|deixa|tira|quita|sobe|baixa)(?![\p{L}]).*)$/iu;

/** The priority a clause leaves ("bump it to high priority", "tira o urgente, deixa como normal": medium). */
function clausePriority(clause: string): string | undefined {
  for (const part of clause.split(/\s*,\s*|\s+(?:and|y|e)\s+/).reverse()) {
    // "tira o urgente", "quítale lo urgente", "take off the urgent": a priority taken away says which it is not.
    if (/^(?:tira|quita|qu[íi]tale|remove|take off|drop|sin|sem|s[áa]cale)(?![\p{L}])/iu.test(part)) continue;
    if (/(?<![\p{L}])(?:como|as|a|to|em|en|de)\s+normal(?![\p{L}])/iu.test(part)) return 'medium';
    const last = /\S+$/.exec(part.trim())?.[0] ?? '';
    const priority = priorityOf(part) ?? priorityOf(`priority ${last}`) ?? priorityOf(`prioridad ${last}`);
    if (priority) return priority.value;
  }
  return undefined;
}

/** Where a sentence ends ("? ", ". ", ", ¿"), not after "Dr." or "Mr.". */
const SENTENCES =
  /(?<=(?<!(?<![\p{L}])(?:dr|mr|mrs|ms|sr|sra|srta|st|prof|dra|vs|etc|ing|lic))[.!?])\s+(?=[\p{L}¿¡])|,\s*(?=¿)/iu;

/** An emoji between words ("cancelled on me again 🙄 push X to wednesday") ends a sentence. */
const EMOJI_BETWEEN = /(?<=\p{L})\s*(?:[\u{1F300}-\u{1FAFF}\u{2600}-\u{27BF}]\uFE0F?)+\s*(?=\p{L})/gu;

function understandOne(input: UnderstandInput): Understanding {
  const text = clean(input.text);
  const history = input.history ?? [];
  const language = input.language ?? detectLanguage(text);
  const now = new Date(input.now);
  const tz = input.timezone;
  const out = (
    tool: string | null,
    args: Args = {},
    smallTalk?: Understanding['smallTalk'],
  ): Understanding => ({
    tool,
    args: asTyped(args, input.text),
    language,
    ...(smallTalk ? { smallTalk } : {}),
  });
  if (!text) return out(null, {}, 'other');

  if (
    HELP.test(text) ||
    HELP.test(text.replace(TELL_ME, '')) ||
    (HELP_ANYWHERE.test(text) && !TASK_WORDS.test(text))
  )
    return out('help');
  const moved = movedToProject(text);
  if (moved) return out('updateTask', { task: reference(moved.task, history), project: moved.project });
  if ((ENTERTAIN.test(text) || TIMER.test(text) || FIND_ME_A.test(text)) && !TASK_WORDS.test(text))
    return out(null, {}, 'other');
  // "Just got out of a meeting. Create a task to X": news first, then the request in its own sentence.
  const sentences = text.split(SENTENCES);
  if (sentences.length > 1) {
    const first = understand({ ...input, text: sentences[0]!, language });
    // "Could you remove the task about the hotel booking? It's no longer needed.", "... to my Website project? It's
    // fairly important, so high priority": the request, then a remark that may add a priority or a day to a new task.
    const remark = sentences.slice(1).join(' ');
    if (first.tool && !COMMAND_START.test(remark) && !/^(?:and|y|e|also|tamb)/iu.test(remark)) {
      const then = understand({ ...input, text: remark, language });
      if (
        !then.tool ||
        then.tool === 'listTasks' ||
        (typeof then.args.task === 'string' && UNRESOLVED.test(then.args.task))
      ) {
        const args = { ...first.args };
        const priority = priorityOf(remark);
        const date = findDate(remark, language, now, tz);
        if (first.tool === 'createTask' && priority && !args.priority) args.priority = priority.value;
        if (first.tool === 'createTask' && date && !args.due && !args.remindAt) args.due = date.local;
        return out(first.tool, args, first.smallTalk);
      }
    }
    if (first.tool === null && sentences[0]!.split(/\s+/).length >= 3) {
      const rest = understand({ ...input, text: sentences.slice(1).join(' '), language });
      if (rest.tool) return rest;
      // "It's been such a slow week ... on Tuesday. I hope the holidays pick up.": no sentence asks anything.
      if (rest.smallTalk === 'other' && !TASK_WORDS.test(text)) return out(null, {}, 'other');
    }
  }
  // "push X to friday and bump it to high priority", "pasala al martes y subile la prioridad a alta", "muda pra
  // sábado e tira o urgente, deixa como normal": a change, then the priority.
  const andPriority = AND_PRIORITY.exec(text);
  const level = andPriority ? clausePriority(andPriority[2]!) : undefined;
  if (andPriority && level) {
    const change = understand({ ...input, text: andPriority[1]!, language });
    if (change.tool === 'updateTask') return out('updateTask', { ...change.args, priority: level });
  }
  // "I've got a lot going on ..., but anyway, can you add X", "..., pero bueno, agrégame X", "..., mas enfim, adiciona
  // X": news, then the request after the words that come back to it.
  const back = [...text.matchAll(BACK_TO_IT)].at(-1);
  if (back && back.index > 0) {
    const rest = understand({ ...input, text: text.slice(back.index + back[0].length), language });
    if (rest.tool) return rest;
  }
  // "urgent!! fix the login bug", "urgente: trocar o pneu", "es urgente: renovar X": a priority label, then the task.
  const label = PRIORITY_LABEL.exec(text);
  const labelled = label ? (priorityOf(label[1]!) ?? priorityOf(`priority ${label[1]!}`)) : undefined;
  if (label && labelled) {
    const rest = understand({ ...input, text: label[2]!, language });
    if (rest.tool === 'createTask')
      return out('createTask', { ...rest.args, priority: rest.args.priority ?? labelled.value });
    if (rest.tool) return rest;
    if (rest.smallTalk === 'other' && !/\?\s*$/.test(label[2]!)) {
      const args = newTask(label[2]!, label[2]!, language, now, tz);
      if (args.title) return out('createTask', { ...args, priority: labelled.value });
    }
  }
  // "I hope the holidays pick up", "ojalá llueva", "tomara que dê certo": a wish, not a request.
  if (WISH.test(text) && !TASK_WORDS.test(text)) return out(null, {}, 'other');
  const venting = VENTING.exec(text);
  if (venting && VENTING_TAIL.test(venting[1] ?? venting[2] ?? '')) return out(null, {}, 'other');
  if (PROJECT_LIST.test(text)) return out('listProjects');
  if (MISSED_DEADLINE.test(text) || FORGOT_ANYTHING.test(text)) return out('listTasks', { overdue: true });
  if (WHAT_DID_I_FINISH_EN.test(text))
    return out('listTasks', { ...listArgs(text, now, tz, language), status: 'done' });
  const cancelled = CANCELLED_REMOVE.exec(text);
  if (cancelled) return out('deleteTask', { task: reference((cancelled[1] ?? cancelled[2])!, history) });
  const finallyDid = FINALLY_DID.exec(text) ?? MANAGED_TO.exec(text);
  if (finallyDid) return out('completeTask', { task: reference(finallyDid[1]!, history) });
  const isNow = IS_NOW_PRIORITY.exec(text);
  if (isNow && !/^(?:it|this|that|eso|esto|isso|isto|ela|ele|esa|ese)$/i.test(isNow[1]!.trim())) {
    const priority = priorityOf(isNow[2]!) ?? priorityOf(`priority ${isNow[2]!}`);
    if (priority) return out('updateTask', { task: reference(isNow[1]!, history), priority: priority.value });
  }
  const canDo = OBJECT_THEN_CAN.exec(text);
  if (canDo && !/^(?:i|yo|eu|we|you|t[úu]|voc[êe]|vc)$/i.test(canDo[1]!))
    return out(canDo[2] ? 'deleteTask' : 'completeTask', { task: reference(canDo[1]!, history) });
  // "la segunda, márcala como hecha", "the first one, delete it": the task named first, then what to do with it.
  // "the task of the dentist, put it for thursday", "la tarea del gym, bórrala": the task named first, then a command
  // about "it".
  const namedFirst = NAMED_FIRST.exec(text) ?? NAMED_THEN_CLITIC.exec(text);
  if (namedFirst) {
    const said: HistoryTurn = {
      role: 'assistant',
      text: '',
      tool: { name: 'reference', args: { task: reference(namedFirst[1]!, history) } },
    };
    const then = understand({ ...input, text: namedFirst[2]!, history: [...history, said], language });
    if (then.tool) return then;
  }
  const bareRef = LEADING_REF.exec(text) || LEADING_REF_I_DO.exec(text) ? null : LEADING_REF_BARE.exec(text);
  const leading = LEADING_REF.exec(text) ?? LEADING_REF_I_DO.exec(text) ?? bareRef;
  if (leading) {
    const task = resolveReference(leading[1]!, history);
    if (task !== stripEnd(leading[1]!)) {
      const said: HistoryTurn = { role: 'assistant', text: '', tool: { name: 'reference', args: { task } } };
      const asked = leading[2]!.replace(
        /^(passo|mudo|adio|jogo|paso|muevo|cambio|aplazo)(?![\p{L}])/iu,
        (verb) => FIRST_PERSON[verb.toLowerCase()] ?? verb,
      );
      const then = understand({ ...input, text: asked, history: [...history, said], language });
      // "the first one yeah mark that as done", "la segunda bórrala": said without a comma, only when it asks.
      if (!bareRef || (then.tool && BARE_REF_THEN.test(leading[2]!))) return then;
    }
  }
  const createProject = CREATE_PROJECT.exec(text) ?? CREATE_PROJECT_ARTICLE.exec(text);
  if (createProject) return out('createProject', { name: stripEnd(createProject[1]!) });
  if (LIST_PROJECTS.test(text)) return out('listProjects');
  // "what's urgent right now?", "¿qué es urgente?", "o que tá urgente agora?": the tasks of that priority.
  const whatIs = WHAT_IS_PRIORITY.exec(text);
  const whatPriority = whatIs ? (priorityOf(whatIs[1]!) ?? priorityOf(`priority ${whatIs[1]!}`)) : undefined;
  if (whatIs && whatPriority)
    return out('listTasks', { ...listArgs(text, now, tz, language), priority: whatPriority.value });
  const followed = followUp(text, history, language, now, tz);
  if (followed) return out(followed.tool, followed.args);
  const reminder = REMIND_CLAUSE.exec(text);
  // "crea una tarea con recordatorio mañana a las 9: pagar el gas": the title after the colon.
  const colon = reminder ? /:(?!\d)/.exec(reminder[2]!) : null;
  const remindWhen = colon ? reminder![2]!.slice(0, colon.index) : reminder?.[2];
  const head = colon ? `${reminder![1]!}: ${reminder![2]!.slice(colon.index + 1)}` : reminder?.[1];
  const remindAt = remindWhen ? findDate(remindWhen, language, now, tz) : undefined;
  if (head && remindAt && stripEnd(head)) {
    const task = understand({ ...input, text: head, language });
    if (task.tool === 'createTask') return out('createTask', { ...task.args, remindAt: remindAt.local });
  }
  const addClause = ADD_CLAUSE.exec(text);
  if (addClause && stripEnd(addClause[1]!)) {
    // The head as its own message ("tengo que X el viernes"), else the head is the title; the words after the
    // request may still say the priority, the day or the project ("cria uma tarefa com prioridade alta").
    const head = understand({ ...input, text: addClause[1]!, language });
    const args =
      head.tool === 'createTask' ? head.args : newTask(addClause[1]!, addClause[1]!, language, now, tz);
    const rest = addClause[2]!;
    const extra = newTask(rest, rest, language, now, tz);
    for (const key of ['due', 'priority', 'project'] as const)
      if (!args[key] && extra[key]) args[key] = extra[key];
    if (args.title) return out('createTask', args);
  }

  // "remind me the day before at 5pm", "recuérdamelo el día anterior", "lembra-me disso na véspera às 18h": a
  // reminder on a day counted from the due date of the task just discussed, at the time said (else its due time).
  const dayBefore = history.length > 0 ? REMIND_DAY_BEFORE.exec(text) : null;
  const dueDay = dayBefore ? lastDue(history) : undefined;
  if (dayBefore && dueDay) {
    const word = dayBefore[1]!.toLowerCase();
    const said = /^(\d+|two|dos|dois)\s/.exec(word)?.[1];
    const count =
      /^(?:the same day|that day|on the day|the morning of|that morning|ese (?:mismo )?d[íi]a|el mismo d[íi]a|esa ma[ñn]ana|no (?:mesmo )?dia|naquele dia|nessa manh[ãa])$/u.test(
        word,
      )
        ? 0
        : said
          ? (AMOUNTS[said] ?? Number(said))
          : 1;
    const day = shiftDays(dueDay.due.slice(0, 10), -count);
    const at = findDate(dayBefore[2]!, language, now, tz);
    const time = at?.hasTime ? at.local.slice(10) : dueDay.due.slice(10);
    return out('setReminder', { task: dueDay.task, remindAt: `${day}${time}` });
  }
  // "me avisa meia hora antes", "remind me an hour before", "avísame 15 minutos antes": before the task's due time.
  // "recuérdame lo de la junta una hora antes", "me avisa uma hora antes da reunião com o fornecedor": the task is
  // named, and it is the one just discussed.
  const named = history.length > 0 ? REMIND_BEFORE_NAMED.exec(text) : null;
  const namedDue = named ? lastDueTime(history) : undefined;
  const namedWords =
    named && (named[1] ?? named[3])
      ? referenceWords(referenceWords((named[1] ?? named[3])!)).toLowerCase()
      : '';
  const namesIt =
    namedDue &&
    namedWords &&
    namedWords.split(/\s+/).every((w) =>
      namedDue.task
        .toLowerCase()
        .split(/[^\p{L}\d]+/u)
        .includes(w),
    );
  const before =
    history.length > 0 ? REMIND_BEFORE.exec(namesIt ? `remind me ${named![2]!} before` : text) : null;
  const dueTime = before ? lastDueTime(history) : undefined;
  if (before && dueTime) {
    const amount = (before[1] ?? 'one').toLowerCase();
    const count = AMOUNTS[amount] ?? Number(amount);
    const unit = /^h/i.test(before[2]!) ? 60 : 1;
    const minutes = /^(?:half|media|meia)/i.test(amount) ? 30 : count * unit + (before[3] ? 30 : 0);
    if (Number.isFinite(minutes) && minutes > 0) {
      const at = new Date(Date.parse(`${dueTime.due}:00Z`) - minutes * 60_000).toISOString().slice(0, 16);
      return out('setReminder', { task: dueTime.task, remindAt: at });
    }
  }
  // "remind me an hour before" about a task with no due time: nothing to count from (the reply asks), not a new task.
  if (before && !dueTime) return out(null, {}, 'other');
  const reminderForIt = history.length > 0 ? REMINDER_FOR_IT.exec(text) : null;
  const reminderWhen = reminderForIt ? findDate(reminderForIt[1]!, language, now, tz) : undefined;
  if (reminderForIt && reminderWhen) {
    const left = reminderForIt[1]!
      .replace(reminderWhen.text, ' ')
      .replace(reminderWhen.timeText ?? '', ' ')
      .replace(PART_OF_DAY, ' ')
      .replace(AROUND_TIME, ' ');
    const it = resolveReference('it', history);
    if (!/[\p{L}\d]/u.test(left) && it !== 'it')
      return out('setReminder', { task: it, remindAt: reminderWhen.local });
  }
  const remindAbout = REMIND_ABOUT.exec(text);
  if (remindAbout) {
    const date = findDate(remindAbout[1]!, language, now, tz);
    if (date)
      return out('setReminder', {
        task: reference(title(remindAbout[1]!, date, undefined), history),
        remindAt: date.local,
      });
  }
  const whenTo = REMIND_WHEN_TO.exec(text);
  const when = whenTo ? (whenTo[1] ?? whenTo[3] ?? whenTo[5])! : '';
  const what = whenTo ? (whenTo[2] ?? whenTo[4] ?? whenTo[6])! : '';
  const remindTo =
    whenTo && !/^(?:to|about|of|de|da|do|que)\b/i.test(when) && findDate(when, language, now, tz)
      ? ([text, `${what} ${when}`] as const)
      : REMIND_TO.exec(text);
  // "remind me what the capital of Peru is", "recordame cuál es ...": a question, not a task.
  const asked = remindTo && WH_WORD.test(remindTo[1]) ? findDate(remindTo[1], language, now, tz) : undefined;
  if (remindTo && WH_WORD.test(remindTo[1]) && (!asked || asked.local.slice(0, 10) < today(now, tz)))
    return out(null, {}, 'other');
  // "remind me to call the client tomorrow at 9": a new task with its reminder (assistant-notes.md reads it so too);
  // "remind me about the dentist ..." names a task there is (REMIND_ABOUT, above).
  if (remindTo) {
    const body = remindTo[1];
    const date = findDate(body, language, now, tz);
    const args: Args = { title: title(body, date, undefined, language) };
    if (date) args.remindAt = date.local;
    if (args.title) return out('createTask', args);
  }
  // "reminder tomorrow at 9: call the bank", "recordatorio: pagar la luz mañana", "lembrete: pagar a luz às 9".
  const noted = REMINDER_NOTE.exec(text);
  if (noted) {
    const when = findDate(noted[1]!, language, now, tz);
    const date = when ?? findDate(noted[2]!, language, now, tz);
    const args: Args = { title: title(noted[2]!, when ? undefined : date, undefined, language) };
    if (date) args.remindAt = date.local;
    if (args.title) return out('createTask', args);
  }

  // "marca reunião com o contador sexta", "schedule a call with Ana", "agenda una cita con el dentista": an event.
  const event = SCHEDULE_EVENT.exec(text);
  if (event && !/(?<![\p{L}])(?:como|as)\s+(?:feit|hech|conclu|done|complet|termin|list)/iu.test(text)) {
    const args = newTask(event[1]!, text, language, now, tz);
    if (args.title) return out('createTask', args);
  }
  const addToList = ADD_TO_LIST.exec(text);
  if (addToList)
    return out('createTask', { title: stripEnd((addToList[1] ?? addToList[2] ?? addToList[3])!) });
  // "ya quedó", "listo, ya la hice", "já fiz", "did it": the task just discussed is done.
  if (history.length > 0 && DONE_NEWS.test(text) && resolveReference('it', history) !== 'it')
    return out('completeTask', { task: resolveReference('it', history) });
  if (IT_IS_DONE.test(text) || IT_IS_DONE.test(text.replace(DONE_TAIL, '')))
    return out('completeTask', { task: resolveReference('it', history) });
  if (CLITIC_COMPLETE.test(text)) return out('completeTask', { task: resolveReference('it', history) });
  // "bórrala, ya no hace falta", "delete it, not needed anymore": the reason after the comma names no task.
  if (
    CLITIC_DELETE.test(text) ||
    (history.length > 0 &&
      CLITIC_DELETE.test(text.split(/\s*[,;]\s+|\s+(?=(?:que|porque|because|since)\s)/u)[0]!))
  )
    return out('deleteTask', { task: resolveReference('it', history) });
  if (history.length > 0 && BARE_DONE.test(text)) {
    const it = resolveReference('it', history);
    if (it !== 'it') return out('completeTask', { task: it });
  }
  // "what haven't I finished?", "¿qué no he terminado?": the open tasks, not a completion.
  if (/^(?:what|which|qu[ée]|lo que|o que|quais?|cu[áa]les?)(?![\p{L}])/iu.test(text) && NOT_DONE.test(text))
    return out('listTasks', listArgs(text, now, tz, language));
  // "show me finished stuff", "me mostra o que já foi concluído": a list of done tasks, not a completion.
  if (SHOW_VERB.test(text) && DONE_STATUS.test(text))
    return out('listTasks', listArgs(text, now, tz, language));
  if (WHAT_IS_DONE.test(text))
    return out('listTasks', { status: 'done', ...listArgs(text, now, tz, language) });
  if (WHAT_DID_I_FINISH.test(text))
    return out('listTasks', { ...listArgs(text, now, tz, language), status: 'done' });
  const doneAfter = DONE_AFTER.exec(text);
  if (doneAfter) return out('completeTask', { task: reference(doneAfter[1]!, history) });
  const haveDone = HAVE_DONE.exec(text);
  if (haveDone) return out('completeTask', { task: reference(haveDone[1]!, history) });
  const alreadyDid = ALREADY_DID.exec(text);
  if (alreadyDid) return out('completeTask', { task: reference(alreadyDid[1]!, history) });
  const renamed = rename(text, history, language);
  if (renamed) return out('updateTask', renamed);
  // "súbele la tercera a alta", "baixa a da wiki pra baixa", "raise the report to urgent": which task, then the level.
  const raise = RAISE_X.exec(text);
  const raised = raise ? changeOf(raise[2]!, language, now, tz).args?.priority : undefined;
  if (
    raise &&
    raised &&
    !/^(?:it|that|this|la|lo|ela|ele|eso|isso|(?:(?:la|a|the|its|it's|su|sua)\s+)?(?:prioridade?|priority))$/i.test(
      raise[1]!.trim(),
    )
  )
    return out('updateTask', { task: reference(raise[1]!, history), priority: raised });
  const cliticUpdate = history.length > 0 ? (CLITIC_UPDATE.exec(text) ?? BARE_UPDATE.exec(text)) : null;
  if (cliticUpdate) {
    // "pasalo al 10 que cobro el 9", "ponla para el lunes que hoy no me da la vida": the reason is no part of the day.
    const change = stripEnd(cliticUpdate[1]!.replace(REASON_TAIL, ''));
    const priority =
      priorityOf(change) ?? priorityOf(`prioridad ${change}`) ?? priorityOf(`priority ${change}`);
    // "pásala al 27", "muda ela pro dia 27": a bare number is a day of the month in Spanish and Portuguese.
    const bareDay = language !== 'en' && /^(?:(?:o |el )?d[íi]a )?\d{1,2}$/i.test(change);
    const date = findDate(bareDay ? `el día ${change.replace(/\D+/g, '')}` : change, language, now, tz);
    const it = resolveReference('it', history);
    if (it !== 'it' && (priority || date)) {
      // "make it high priority and due monday", "ponle prioridad alta y para el viernes": both changes at once.
      const args: Args = { task: it };
      if (priority) args.priority = priority.value;
      if (date) args.due = date.local;
      return out('updateTask', args);
    }
  }
  if (
    /^(?:remind me|recu[ée]rdamelo|recu[ée]rdame|me lembr[ae]|lembr[ae]-me)\b/i.test(text) &&
    history.length > 0
  ) {
    const date = findDate(text, language, now, tz);
    const it = resolveReference('it', history);
    if (
      date &&
      it !== 'it' &&
      text
        .replace(date.text, '')
        .replace(date.timeText ?? '', '')
        .trim()
        .split(/\s+/).length <= 3
    ) {
      return out('setReminder', { task: it, remindAt: date.local });
    }
  }
  const filed = history.length > 0 ? (PROJECT_FOR_IT.exec(text) ?? IT_BELONGS.exec(text)) : null;
  const filedTask = filed ? resolveReference('it', history) : 'it';
  if (filed && filedTask !== 'it')
    return out('updateTask', { task: filedTask, project: stripEnd((filed[1] ?? filed[2])!) });
  const move = MOVE_TO_PROJECT.exec(text);
  if (
    move &&
    (/^(?:move|mueve|pasa|mova|passa)$/i.test(move[1]!) ||
      /^(?:the|la|a|esa|essa|this|that)\s+(?:task|tarea|tarefa)\b/i.test(move[2]!))
  )
    return out('updateTask', {
      task: reference(move[2]!, history),
      project: stripEnd((move[3] ?? move[4])!),
    });
  // "put 'send invoice to acme' in the work project for friday", "coloca 'revisar proposta' no projeto trabalho pra
  // segunda": a put verb, something that is not "the task" or "it", and a project: a new task filed there.
  // "coloca no projeto casa nova uma tarefa de comprar as cortinas": the project, then the new task.
  const projectTask = PROJECT_THEN_TASK.exec(text);
  if (projectTask) {
    const args = newTask(projectTask[3]!, text, language, now, tz);
    if (args.title)
      return out('createTask', { ...args, project: stripEnd((projectTask[1] ?? projectTask[2])!) });
  }
  const put = PUT_IN.exec(text);
  // "put 'print new menu flyers' under farmers market, due the 12th": a quoted title filed under a name.
  const under = put ? QUOTED_UNDER.exec(put[1]!) : null;
  if (under && !/(?<![\p{L}])(?:project|proyecto|projeto)(?![\p{L}])/iu.test(under[2]!)) {
    const args = newTask(`${under[1]!} ${under[3]!}`, text, language, now, tz);
    if (args.title) return out('createTask', { ...args, project: stripEnd(under[2]!) });
  }
  if (
    put &&
    !/^(?:the|la|el|a|o|esa|essa|esta|this|that)\s+(?:task|tarea|tarefa)(?![\p{L}])|^(?:it|that|this|ela|ele|isso|eso|esa|ese)(?![\p{L}])/iu.test(
      put[1]!,
    ) &&
    projectOf(put[1]!)
  ) {
    const args = newTask(put[1]!, text, language, now, tz);
    if (args.title && args.project) return out('createTask', args);
  }
  const del = DELETE.exec(text) ?? TAKE_OFF.exec(text);
  // "delete the Website project", "borra el proyecto Web": no tool deletes a project (the reply says so).
  if (
    del &&
    /^(?:the |my |el |mi |o |meu )?(?:(?:project|proyecto|projeto)\s+\S|\S+(?:\s+\S+)?\s+project$)/iu.test(
      stripEnd(del[1]!),
    )
  )
    return out(null, {}, 'other');
  if (del) return out('deleteTask', { task: reference(del[1]!, history) });
  // "coloca a tarefa do aluguel em prioridade alta", "put the task X on high priority": "the task" is one that
  // exists, so a put verb with a priority changes it rather than adding a task.
  const thePriority = MAKE_PRIORITY.exec(text);
  if (
    thePriority &&
    /^(?:the|la|el|a|o|esa|essa|esta|this|that)\s+(?:task|tarea|tarefa)(?![\p{L}])/iu.test(thePriority[1]!)
  )
    return out('updateTask', {
      task: reference(thePriority[1]!, history),
      priority: priorityOf(thePriority[2]!)?.value ?? 'high',
    });
  // "put email the accountant on my list for monday": a new task, whatever verb puts it there.
  const onList = ON_MY_LIST.exec(text);
  if (onList && !/^(?:a |an |the |one )?(?:new )?(?:task|to-?do|item|reminder)s?$/i.test(onList[1]!)) {
    const body = `${onList[1]!} ${onList[2]!}`.trim();
    const date = findDate(body, language, now, tz);
    const priority = priorityOf(text);
    const args: Args = { title: title(body, date, priority?.pattern, language) };
    if (date) args.due = date.local;
    if (priority) args.priority = priority.value;
    if (args.title) return out('createTask', args);
  }
  // "the second one is done, tick it off", "la tercera está hecha, márcala": the tail repeats the request.
  const doneText = text.replace(DONE_TAIL, '');
  for (const pattern of COMPLETE) {
    const m = pattern.exec(doneText);
    if (m && !LIST.test(text)) return out('completeTask', { task: reference(m[1]!, history) });
  }
  for (const pattern of UPDATE) {
    const m = pattern.exec(text);
    if (!m) continue;
    // "make me a task to renew the domain by friday": a new task, not a change.
    if (pattern !== UPDATE[0] && NEW_TASK_OBJECT.test(text.slice(m.indices![1]![0]))) continue;
    const [, target, change] = m as unknown as [string, string, string];
    if (pattern === UPDATE[0]) {
      const named = splitRename(text.slice(m.indices![1]![0]), language) ?? { target, name: change };
      return out('updateTask', { task: reference(named.target, history), title: stripEnd(named.name) });
    }
    // "muda a prioridade de renovar a CNH pra urgente": "a" is also an article, so the split whose change is
    // only a priority, a date or a project wins over the first one.
    const rest = text.slice(m.indices![1]![0]);
    const splits = [...rest.matchAll(UPDATE_SPLIT)].map((sep) => ({
      target: rest.slice(0, sep.index),
      change: rest.slice(sep.index + sep[0].length),
    }));
    const read = splits.map((split) => ({ split, ...changeOf(split.change, language, now, tz) }));
    const chosen = read.find((r) => r.args && r.clean) ?? {
      split: { target, change },
      ...changeOf(change, language, now, tz),
    };
    if (!chosen.args) continue;
    return out('updateTask', { task: reference(chosen.split.target, history), ...chosen.args });
  }

  const leadingDate = LEADING_DATE.exec(text);
  const create =
    CREATE.exec(text) ??
    CREATE_LOOSE.exec(text) ??
    (leadingDate
      ? withDateAfter(CREATE_LOOSE.exec(text.slice(leadingDate[0].length)), leadingDate[1]!)
      : null);
  if (create) {
    const args = newTask(create[1]!, text, language, now, tz);
    if (args.title) return out('createTask', args);
  }
  const add = ADD_ANYTHING.exec(text);
  if (add) {
    // "add draft the newsletter to the Comms project", "agrega X al proyecto Viaje": the project is said too.
    const args = newTask(add[1]!, text, language, now, tz);
    if (args.title) return out('createTask', args);
  }
  // "¿hay algo de la tarjeta?": a search, keeping the article as one said with "sobre" does.
  const of = SOMETHING_OF.exec(text);
  const ofTerm = of && !findDate(of[2]!, language, now, tz) && !priorityOf(of[2]!) ? of[2]! : undefined;
  const search = SEARCH.exec(text)?.[1] ?? SEARCH_NOUN.exec(text)?.[1] ?? ofTerm;
  // "my tasks on Friday": a day, not a word to search for.
  const searchDay = search ? findDate(search, language, now, tz) : undefined;
  if (search && searchDay && !/[\p{L}\d]/u.test(search.replace(searchDay.text, '')))
    return out('listTasks', listArgs(text, now, tz, language));
  if (search && !LIST_PROJECTS.test(text)) return out('listTasks', { search: searchTerm(search) });
  if (LIST.test(text)) return out('listTasks', listArgs(text, now, tz, language));
  // "tareas del viernes", "tarefas de segunda a quarta", "tasks for next week": the task word and a day, nothing else.
  const tasksWhen = TASKS_WHEN.exec(text);
  if (tasksWhen && (findDate(tasksWhen[1]!, language, now, tz) || dateRange(text, language, now, tz)))
    return out('listTasks', listArgs(text, now, tz, language));
  // "tareas urgentes", "urgent tasks", "pendientes en el proyecto X": the task word and its filters, nothing else.
  if (PLURAL_TASKS.test(text) && onlyFilters(text, language, now, tz))
    return out('listTasks', listArgs(text, now, tz, language));

  // "book me a flight", "resérvame una mesa", "me compra um ingresso": the assistant asked to act in the world.
  if (
    OUT_OF_REACH.test(text) &&
    !TASK_WORDS.test(text) &&
    !/(?<![\p{L}])(?:list|lista)(?![\p{L}])/iu.test(text)
  )
    return out(null, {}, 'other');
  // "send an email to John saying I'll be late", "mándale un whatsapp a mi jefe", "liga pra minha mãe": a message
  // or a call for the assistant to make, with no day, priority or task word that would make it a to-do.
  if (
    MESSAGE_SOMEONE.test(text) &&
    !TASK_WORDS.test(text) &&
    !/(?<![\p{L}])(?:list|lista|remind|recu[ée]rda|lembr)/iu.test(text) &&
    !priorityOf(text) &&
    !findDate(text, language, now, tz)
  )
    return out(null, {}, 'other');
  // "pagar la cuota del gimnasio antes de fin de mes, sin prisa": a note that starts with what to do and says when or
  // how urgent, in Spanish or Portuguese.
  if (language !== 'en' && /^\p{L}{3,}(?:ar|er|ir)(?![\p{L}])/iu.test(text) && !/\?\s*$/.test(text)) {
    const args = newTask(text, text, language, now, tz);
    if (args.title && (args.due || args.priority)) return out('createTask', args);
  }
  const fallback = fallbackIntent(text, history, language, now, tz);
  if (fallback) return out(fallback.tool, fallback.args);

  const learned = classified(text, history, language, now, tz);
  if (learned) return out(learned.tool, learned.args);

  // "hola, qué tal?": the greeting was cut as a filler before the request, but it is still one.
  if (GREETING.test(text) || GREETING.test(input.text.trim())) return out(null, {}, 'greeting');
  if (THANKS.test(text)) return out(null, {}, 'thanks');
  return out(null, {}, 'other');
}

const PLURAL_TASKS = /(?<![\p{L}])(?:tasks|to-?dos|tareas|pendientes|tarefas|pend[êe]ncias)(?![\p{L}])/iu;
const LIST_FILLER =
  /(?<![\p{L}])(?:tasks|to-?dos|tareas|pendientes|tarefas|pend[êe]ncias|my|all|the|mis|todas|las|minhas|as|priority|prioridad|prioridade|de|del|do|da|com|con|with)(?![\p{L}])/giu;

/** Whether the words are only list filters (a priority, a project, a day, overdue, done) around the task word. */
function onlyFilters(text: string, language: Language, now: Date, tz: string): boolean {
  const args = listArgs(text, now, tz, language);
  if (Object.keys(args).length === 0 || 'search' in args) return false;
  const date = findDate(text, language, now, tz);
  const rest = withoutProject(text.replace(priorityOf(text)?.pattern ?? /^$/, ' '))
    .replace(date?.text ?? /^$/, ' ')
    .replace(OVERDUE, ' ')
    .replace(DONE_STATUS, ' ')
    .replace(WEEK_OR_MONTH, ' ')
    .replace(LIST_FILLER, ' ')
    .replace(AROUND_DATE, ' ');
  return !/[\p{L}\d]/u.test(rest);
}

const TASKS_WHEN =
  /^(?:my |mis |minhas |las |as |the |all |todas las |todas as )?(?:tasks|tareas|tarefas|pendientes|pend[êe]ncias|to-?dos)\s+((?:for|on|due|del?|para(?: el)?|pra|da|do|de|dos|das|entre|between|from|this|next|esta|essa|nesta|desta|dessa|la|el|a|o|hoy|hoje|today|tomorrow|mañana|amanh[ãa])(?![\p{L}]).*?)\??$/iu;

/** "explain what you can do", "dime qué sabes hacer", "me explica o que você consegue fazer": help, said after. */
const TELL_ME =
  /^(?:(?:can you |could you )?(?:tell me|explain(?: to me)?)|d[íi]me|expl[íi]ca(?:me)?|cu[ée]ntame|me (?:explica|explique|diz|diga|conta|conte|fala|fale)|explica-me|diz-me|conta-me)\s+/iu;
/** "tell me a joke", "cuéntame un chiste", "me conta uma piada": entertainment, out of scope. */
const ENTERTAIN =
  /^(?:(?:tell|give|send|sing|write) (?:me |us )?(?:a |an |another |one )?(?:joke|story|poem|song|riddle|fun fact)|(?:cu[ée]ntame|dime|cont[áa]me|c[áa]ntame|canta|escr[íi]beme) (?:un |una |otro |otra )?(?:chiste|cuento|historia|poema|canci[óo]n|adivinanza|broma)|(?:me )?(?:conta|conte|diz|diga|canta|cante|escreve|manda|fala)(?:-me)? (?:uma |um |outra |outro )?(?:piada|hist[óo]ria|poema|m[úu]sica|can[çc][ãa]o|charada|curiosidade))(?![\p{L}])/iu;

/** "set a timer for 10 minutes", "pon un temporizador", "põe um timer": a device's job, out of scope. */
/** "find me a recipe", "búscame una receta", "me acha uma receita": something in the world, not a task. */
const FIND_ME_A =
  /^(?:(?:find|get|look up|search for|search) me (?:a|an|some)|b[úu]scame (?:un|una|unos|unas)|encu[ée]ntrame (?:un|una)|(?:me )?(?:acha|busca|encontra|procura)(?:-me)? (?:um|uma|uns|umas))\s/iu;
const TIMER =
  /^(?:(?:set|start|put on|pon|p[óo]n|programa|activa|p[õo]e|liga|coloca|inicia)(?:me)?\s+(?:a |an |un |una |um |uma |o |el )?(?:timer|temporizador|cron[óo]metro|countdown))(?![\p{L}])/iu;
const OUT_OF_REACH =
  /^(?:(?:give|get|send) me (?:the )?directions|(?:directions|route|the way) to|how do i get to|c[óo]mo llego a|dame (?:las )?direcciones|como (?:eu )?chego (?:a|ao|à|no|na)|me passa o caminho|(?:book|reserve|order|buy|get|find|call|hire)\s+(?:me|us)\s+(?:a|an|some|the|two|2)|(?:res[ée]rvame|res[ée]rvanos|c[óo]mprame|p[íi]deme|cons[íi]gueme|ll[áa]mame|b[úu]scame|(?:me|nos) (?:reserva|compra|pede|consegue|chama|arruma)|(?:reserva|compra|pede|chama) (?:pra|para) (?:mim|n[óo]s))\s+(?:un|una|unos|unas|um|uma|uns|umas|dos|duas|dois)|(?:me|nos) (?:reserva|compra|pede|consegue|arruma|chama) (?:um|uma))(?![\p{L}])/iu;

const MESSAGE_SOMEONE =
  /^(?:(?:send|write|shoot|drop)\s+(?:\p{L}+\s+)?(?:an?\s+)?(?:quick\s+)?(?:e-?mail|mail|message|msg|text|whatsapp|dm|sms)|(?:e-?mail|text|message|whatsapp|dm|call|ring|phone)\s+(?!me(?![\p{L}])|it(?![\p{L}]))\p{L}+|(?:m[áa]nda(?:le|les)?|env[íi]a(?:le|les)?|escr[íi]be(?:le|les)?)\s+(?:un |una )?(?:correo|e-?mail|mail|mensaje|mensajito|whats(?:app)?|wasap|sms)|ll[áa]ma(?:le)?\s+a\s|(?:manda|envia|escreve|mande|envie)\s+(?:um |uma )?(?:e-?mail|mensagem|zap|whats(?:app)?|sms)|liga\s+(?:pra|para|pro)\s)/iu;

// Looser keyword rules, tried after the strict patterns: a verb of the intent anywhere, its object after it.
const LOOSE: { tool: 'deleteTask' | 'completeTask'; pattern: RegExp }[] = [
  {
    tool: 'deleteTask',
    pattern:
      /(?<![\p{L}])(?:delete|remove|erase|get rid of|borra|elimina|quita|apaga|apague|exclui|exclua|remova)(?![\p{L}])\s*(.*)$/iu,
  },
  {
    tool: 'completeTask',
    pattern:
      /(?<![\p{L}])(?:check off|tick off|cross off|finished|completed|done with|terminé(?: de)?|acabé(?: de)?|ya hice|complet[ée]|fiz|já fiz|terminei(?: de)?|acabei(?: de)?|conclu[íi]|marca como feita|marca como hecha|marque como conclu[íi]da)(?![\p{L}])\s*(.*)$/iu,
  },
];
const TASK_WORDS = /(?<![\p{L}])(?:tasks?|to-?dos?|tareas?|pendientes|tarefas?|pend[êe]ncias)(?![\p{L}])/iu;
const LIST_HINTS =
  /(?<![\p{L}])(?:due|overdue|pending|left|finished|done|completed|vencen?|vencem|atrasad[ao]s|pendientes|pendentes|tengo|tenho|hay|h[áa]|falta|quais|cu[áa]les|which|what|any|anything|qu[ée])(?![\p{L}])/iu;
/** "anything urgent?", "algo para mañana?", "tem alguma coisa urgente pra essa semana?": a filter, no task word. */
const ANYTHING =
  /^(?:(?:is there|are there|is|do i have|have i got|got|hay|tengo|tienes|tem|tenho|tens|h[áa]|existe)\s+)?(?:anything|something|any (?:(?:urgent|important|(?:high|low|medium|top)[- ]priority|overdue|pending|open)\s+)?(?:stuff|items?|things)|algo|alguna cosa|alguma coisa|algumas coisas|coisas?|cosas|nada|algum[ao]? (?:tarefa|pend[êe]ncia)s?|alguna tarea|alg[úu]n pendiente)(?![\p{L}])(.*)$/iu;
/** "pon en alta prioridad X", "coloca prioridade urgente na X", "set high priority on X": the priority said first. */
const PRIORITY_FIRST =
  /^(?:please |por favor )?(?:pon(?:le|me)?|p[óo]nle|dale|d[áa]le|marca|set|give|put|mark|coloca|coloque|p[õo]e|bota|d[áa])\s+(?:(?:en|como|com|a|an|la|el)\s+)?((?:(?:la |a )?(?:prioridad|prioridade|priority)\s+)?(?:urgente?|alta|high|baja|low|media|medium|baixa|m[ée]dia|normal)(?:\s+(?:prioridad|prioridade|priority))?)\s+(?:(?:a|al|a la|on|to|for|in|at|na|no|em|pra|para|ao|à|en)\s+)?(.+)$/i;
const SHOW_VERB =
  /^(?:show|list|see|view|display|give me|get me|mostra|me mostra|mostre|me mostre|muestra|mu[ée]strame|ens[ée][ñn]ame|ver|lista|listar|dame)(?![\p{L}])/iu;
const ONES_LIST = new RegExp(
  `${SHOW_VERB.source}(?:\\s+me)?(?:\\s+(?:only|just|solo|s[óo]lo|s[óo]|apenas))?(?:\\s+(?:all|todas|todos))?\\s+(?:(?:las|los|as|os|esas|esos|essas|esses|those)(?![\\p{L}])|(?:the\\s+)?(?:\\S+\\s+){0,3}ones(?![\\p{L}]))`,
  'iu',
);
const MAKE_PRIORITY =
  /^(?:please )?(?:make|mark|set|flag|give|put|marca|pon|deja|torna|deixa|marque|dale|d[áa]|coloca|coloque|p[õo]e|bota)\s+(.+?)\s+(?:as\s+|como\s+|a\s+|an\s+|(?:en|in|em|on|to|at|con|com|with|na|no)\s+(?:la\s+|a\s+)?)?(urgent(?: priority)?|(?:high|low|medium|top) priority|important|urgente|importante|(?:alta|baja|media) prioridad|prioridad (?:alta|baja|urgente|media)|prioridade (?:alta|baixa|urgente|m[ée]dia)|(?:alta|baixa|m[ée]dia) prioridade)$/i;
const POSTPONE =
  /^(?:please )?(?:postpone|push|move|delay|pospón|aplaza|mueve|adia|adie|empurra|mude)\s+(.+?)\s+(?:to|until|till|for|para|al|a|pra|até)\s+(?:the |la |a )?(next week|la semana que viene|la pr[óo]xima semana|pr[óo]xima semana|semana que vem)$/i;

function fallbackIntent(
  text: string,
  history: HistoryTurn[],
  language: Language,
  now: Date,
  tz: string,
): { tool: string; args: Args } | undefined {
  const makePriority = MAKE_PRIORITY.exec(text);
  if (makePriority) {
    // "coloca ela pra sexta com prioridade alta", "put it on friday with high priority": a new date said too.
    const date = findDate(makePriority[1]!, language, now, tz);
    const target = date ? title(makePriority[1]!, date, undefined, language) : makePriority[1]!;
    const args: Args = {
      task: reference(target || 'it', history),
      priority: priorityOf(makePriority[2]!)?.value ?? 'high',
    };
    if (date && args.task !== 'it') args.due = date.local;
    return { tool: 'updateTask', args };
  }
  const first = PRIORITY_FIRST.exec(text);
  const firstPriority = first
    ? ['', 'prioridad ', 'prioridade ', 'priority '].map((p) => priorityOf(`${p}${first[1]!}`)).find(Boolean)
    : undefined;
  if (first && firstPriority)
    return {
      tool: 'updateTask',
      args: { task: reference(first[2]!, history), priority: firstPriority.value },
    };
  // "muéstrame las de prioridad alta", "mostra só as atrasadas", "show me the urgent ones": a filter, no task word.
  if (ONES_LIST.test(text)) {
    const args = listArgs(text, now, tz, language);
    if (Object.keys(args).length > 0) return { tool: 'listTasks', args };
  }
  // A question, or a few words: "something came up, I'll be late" is news, not a request.
  const asks = /\?\s*$/.test(text) || text.split(/\s+/).length <= 4;
  const anything = ANYTHING.exec(text);
  if (
    asks &&
    anything &&
    (priorityOf(anything[1]!) ||
      OVERDUE.test(anything[1]!) ||
      /(?<![\p{L}])(?:due|pending|left|pendiente|pendentes?|vence|vencen|vencem|this week|next week|esta semana|essa semana|semana que vem|pr[óo]xima semana)(?![\p{L}])/iu.test(
        anything[1]!,
      ) ||
      findDate(anything[1]!, language, now, tz))
  )
    return { tool: 'listTasks', args: listArgs(text, now, tz, language) };
  // "o que tá atrasado?", "qué se me venció?": a question about what is overdue.
  if (
    asks &&
    /^(?:o que|what|which|qu[ée]|lo que|quais?|cu[áa]les?)(?![\p{L}])/iu.test(text) &&
    OVERDUE.test(text)
  )
    return { tool: 'listTasks', args: listArgs(text, now, tz, language) };
  const postpone = POSTPONE.exec(text);
  if (postpone) {
    return {
      tool: 'updateTask',
      args: { task: reference(postpone[1]!, history), due: weekOf(shiftDays(today(now, tz), 7)).from },
    };
  }
  if (/^what (?:have|did) i (?:finish|finished|complete|completed|do|done)/i.test(text)) {
    return { tool: 'listTasks', args: { status: 'done' } };
  }
  // "o que eu já fiz essa semana?", "¿qué terminé ayer?": what was finished, in Portuguese and Spanish.
  if (
    /^(?:o que|qu[ée]) (?:eu )?(?:j[áa] |ya )?(?:terminei|conclu[íi]|fiz|acabei|termin[ée]|acab[ée]|hice|complet[ée])(?![\p{L}])/iu.test(
      text,
    )
  )
    return { tool: 'listTasks', args: { ...listArgs(text, now, tz, language), status: 'done' } };
  const asksForList = TASK_WORDS.test(text) && /^(?:which|what|quais|qu[ée]|cu[áa]les)\b/i.test(text);
  if (asksForList) return { tool: 'listTasks', args: listArgs(text, now, tz, language) };
  for (const { tool, pattern } of LOOSE) {
    const m = pattern.exec(text);
    if (!m) continue;
    const object = stripEnd(
      m[1]!.replace(/^(?:de |the |it$)/i, (w) => (w.trim().toLowerCase() === 'it' ? 'it' : '')),
    );
    return { tool, args: { task: reference(object || 'it', history) } };
  }
  if (TASK_WORDS.test(text) && LIST_HINTS.test(text))
    return { tool: 'listTasks', args: listArgs(text, now, tz, language) };
  if (/^(?:anything|something) (?:due|overdue|left|pending)/i.test(text))
    return { tool: 'listTasks', args: listArgs(text, now, tz, language) };
  return undefined;
}

/** How sure the classifier must be before its intent is acted on (calibrated on the corpus, docs/assistant.md). */
export const CLASSIFIER_THRESHOLD = 0.9;

/** Words that carry an intent, cut to leave its object: "don't let me forget X", "pode riscar X", "X done". */
const CUES: Record<string, RegExp[]> = {
  createTask: [
    /^(?:(?:can|could) you )?(?:please )?(?:don'?t let me forget(?: to)?|don'?t forget(?: to)?|remember(?: that)?(?: i (?:have|need) to)?|gotta|got to|need to|i need to|have to|must|bota a[íi]:?|bota|p[õo]e a[íi]:?|n[ãa]o (?:me )?deix[ae] esquecer(?: de)?|lembra que (?:eu )?(?:preciso|tenho que)|no me dejes olvidar(?: de)?|no (?:te )?olvides(?: de)?|acu[ée]rdate de(?: que tengo que)?|hay que)\s+/i,
  ],
  completeTask: [
    /^(?:knock out|knock off|tick off|cross off|check off|strike|pode riscar|risca|tacha|tachar|marca)\s+/i,
    /\s+(?:done|finished|complete|hecho|hecha|listo|lista|feito|feita|pronto|pronta)$/i,
  ],
  deleteTask: [
    /^(?:i )?(?:don'?t|do not|no longer) need\s+/i,
    /\s+(?:anymore|any more)$/i,
    /^ya no (?:hace falta|necesito|me hace falta)\s+/i,
    /^n[ãa]o preciso mais\s+(?:d[aeo]s?\s+)?/i,
  ],
  setReminder: [
    /^(?:ping|alert|notify|buzz) me\s+(?:about|of|on|for)\s+/i,
    /^(?:av[íi]same|me avisa|me avise|av[íi]sa-me)\s+(?:de|del|de la|da|do|sobre)\s+/i,
  ],
  updateTask: [/^(?:bump|push back|remarca|remarcar|reprograma|aplaza|adia|adie)\s+/i],
};

/** The classifier's intent with arguments found by cutting its cue words, or nothing when unsure. */
function classified(
  text: string,
  history: HistoryTurn[],
  language: Language,
  now: Date,
  tz: string,
): { tool: string; args: Args } | undefined {
  if (GREETING.test(text) || THANKS.test(text)) return undefined;
  const { intent, confidence } = intentClassifier().predict(text);
  if (intent === 'none' || confidence < CLASSIFIER_THRESHOLD) return undefined;
  let object = text;
  for (const cue of CUES[intent] ?? []) object = object.replace(cue, '');
  object = stripEnd(object);
  const date = findDate(object, language, now, tz);
  switch (intent) {
    case 'help':
    case 'listProjects':
      return { tool: intent, args: {} };
    case 'listTasks':
      return { tool: intent, args: listArgs(text, now, tz, language) };
    case 'createTask': {
      const priority = priorityOf(object);
      const args: Args = { title: title(object, date, priority?.pattern, language) };
      if (date) args.due = date.local;
      if (priority) args.priority = priority.value;
      return args.title ? { tool: intent, args } : undefined;
    }
    case 'completeTask':
    case 'deleteTask':
      return object === stripEnd(text)
        ? undefined
        : { tool: intent, args: { task: reference(object, history) } };
    case 'setReminder':
      if (!date || object === stripEnd(text)) return undefined;
      return {
        tool: intent,
        args: { task: reference(title(object, date, undefined, language), history), remindAt: date.local },
      };
    case 'updateTask': {
      const split = /^(.+?)\s+(?:to|until|for|para|pra|al|a|hasta|at[ée])\s+(.+)$/i.exec(object);
      const when = split ? findDate(split[2]!, language, now, tz) : undefined;
      if (!split || !when || object === stripEnd(text)) return undefined;
      return { tool: intent, args: { task: reference(split[1]!, history), due: when.local } };
    }
    default:
      return undefined;
  }
}
