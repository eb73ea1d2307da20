import { AppError } from '@taskline/core';

/**
 * Which model the agent talks to. Unset `LLM_MODEL`: the offline model (the default; no network). Otherwise a
 * Mastra model id (`openai/gpt-4o-mini`, `anthropic/...`, with the provider's usual API key variable), or any
 * OpenAI-compatible endpoint (Ollama, vLLM) when `LLM_BASE_URL` is set: `LLM_MODEL=ollama/llama3.1
 * LLM_BASE_URL=http://ollama:11434/v1`.
 */
export type ModelChoice =
  | { kind: 'offline' }
  | { kind: 'hosted'; id: `${string}/${string}`; url?: string; apiKey?: string; api: 'chat' };

export function chooseModel(env: {
  LLM_MODEL?: string;
  LLM_BASE_URL?: string;
  LLM_API_KEY?: string;
}): ModelChoice {
  const id = env.LLM_MODEL?.trim();
  if (!id || id === 'local' || id === 'offline') return { kind: 'offline' };
  if (!/^[\w.-]+\/[\w.:-]+$/.test(id)) {
    throw new AppError(
      'CONFIG_INVALID',
      `LLM_MODEL "${id}" must be "provider/model" (e.g. openai/gpt-4o-mini) or unset`,
    );
  }
  if (env.LLM_BASE_URL && !/^https?:\/\//.test(env.LLM_BASE_URL)) {
    throw new AppError('CONFIG_INVALID', 'LLM_BASE_URL must be an http(s) URL');
  }
  return {
    kind: 'hosted',
    id: id as `${string}/${string}`,
    ...(env.LLM_BASE_URL ? { url: env.LLM_BASE_URL } : {}),
    ...(env.LLM_API_KEY ? { apiKey: env.LLM_API_KEY } : {}),
    api: 'chat',
  };
}
