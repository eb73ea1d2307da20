/** The public API of @taskline/assistant: the agent, its tools, the offline understanding. */
export { Assistant, type AssistantOptions, type TurnInput, type TurnOutput } from './agent/assistant.ts';
export { sealMemory } from './agent/sealed-memory.ts';
export { memoryInTransaction, grantMemoryWrites } from './agent/memory-in-transaction.ts';
export { chooseModel, type ModelChoice } from './agent/model-config.ts';
export {
  createOfflineModel,
  type Understand,
  type Understanding,
  type HistoryTurn,
} from './agent/offline-model.ts';
export { TOOLS, observeTools, type ToolResult } from './agent/tools.ts';
export type { TurnContext } from './agent/turn-context.ts';
export { words, renderResult, formatLocal, type Language } from './agent/render.ts';
export { understand } from './understanding/understand.ts';
export { detectLanguage } from './understanding/language.ts';
