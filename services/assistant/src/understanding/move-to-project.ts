/**
 * "move reply to the landlord to the Apartment project", "put the 'order new menus' task under the Restaurant
 * project", "muda a tarefa de confirmar o buffet pro projeto Casamento Júlia", "pasa la tarea de X al proyecto Casa":
 * a task moved into a project. The task is everything up to the last "to / al / pro ...", the project what follows.
 */
/** Verbs that move something there is; "put / coloca / mete" only when it is named as a task ("the X task"). */
const MOVE = '(?:move|mueve|mov[ée]|pasa|pas[áa]|muda|mude|passa|transfer|transfiere|transfere)';
const PUT = '(?:put|file|mete|met[ée]|coloca|coloque|bota|p[õo]e|pon|pon[ée])';
const ARTICLE = '(?:(?:the|la|a|o)\\s+)?';
const NAMED_TASK =
  '(?:(?:the|la|a|o)\\s+)?(?:task|tarea|tarefa)\\s+(?:de\\s+|del\\s+|da\\s+|do\\s+|called\\s+)?';
const INTO =
  '(?:to|into|under|in|al|a|en|para|pra|pro|para\\s+o|no|na|ao)\\s+(?:(?:the|el|o|my|mi|meu)\\s+)?';
const PROJECT_WORD = '(?:project|proyecto|projeto)';
/** "<verb> X to the project Y" and "<verb> X to the Y project", for a move verb or a put verb with a named task. */
const FORMS = [
  `${MOVE}\\s+(?:${NAMED_TASK}|${ARTICLE})`,
  `${PUT}\\s+${NAMED_TASK}`,
  `${PUT}\\s+${ARTICLE}(?=.+\\s+(?:task|tarea|tarefa)\\s+${INTO})`,
].flatMap((start) => [
  new RegExp(`^${start}(.+)\\s+${INTO}${PROJECT_WORD}\\s+(.+?)[.!?]*$`, 'iu'),
  new RegExp(`^${start}(.+)\\s+${INTO}(.+?)\\s+${PROJECT_WORD}[.!?]*$`, 'iu'),
]);

const unquote = (text: string) =>
  text
    .trim()
    .replace(/^["'“‘](.+)["'”’]$/u, '$1')
    .replace(/\s+(?:task|tarea|tarefa)$/iu, '')
    .replace(/^["'“‘](.+)["'”’]$/u, '$1');

export function movedToProject(text: string): { task: string; project: string } | undefined {
  const said = FORMS.map((form) => form.exec(text.trim())).find(Boolean);
  if (!said) return undefined;
  const task = unquote(said[1]!);
  const project = said[2]!.trim();
  return task && project ? { task, project } : undefined;
}
