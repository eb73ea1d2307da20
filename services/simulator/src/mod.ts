export { buildApp, type SimulatorDeps } from './app.ts';
export {
  SimulatorState,
  normalizePeer,
  type BusinessNumber,
  type ConversationMessage,
  type Fault,
} from './state.ts';
