import { inSpan } from '@taskline/core';
import { Agent } from '@mastra/core/agent';
import { Mastra } from '@mastra/core/mastra';
import { SpanType } from '@mastra/core/observability';
import { Observability } from '@mastra/observability';
import { RequestContext } from '@mastra/core/request-context';
import type { MastraModelConfig } from '@mastra/core/llm';
import { Memory } from '@mastra/memory';
import { memoThreads } from './thread-memo.ts';
import { inTurn } from './turn-scope.ts';
import type { MastraStorage } from '@mastra/core/storage';
import { createOfflineModel, type Understand } from './offline-model.ts';
import { OtelBridge } from './otel-bridge.ts';
import type { ModelChoice } from './model-config.ts';
import type { Language } from './render.ts';
import { TOOLS, type ToolResult } from './tools.ts';
import { TURN_KEY, type TurnContext } from './turn-context.ts';

const INSTRUCTIONS = `You are Taskline, a task assistant people use on WhatsApp.
Act only through the tools. Dates you pass are the user's local wall clock: YYYY-MM-DD, or YYYY-MM-DDTHH:mm when a
time was said. Pass only what the user expressed; never invent a priority or a project. Resolve "it", "that" or
"the second one" from the conversation. Answer in the user's language, short, with *bold* task titles and numbered
lists. Anything that is not about tasks, projects or reminders gets a short friendly answer and no tool.`;

export interface AssistantOptions {
  model: ModelChoice;
  /** The offline language understanding (used when the model is offline). */
  understand: Understand;
  /** Conversation memory (Mastra's PostgreSQL store); none keeps each message on its own. */
  storage?: MastraStorage;
  lastMessages?: number;
  /** Bridge Mastra's spans into the OpenTelemetry trace (when the role's tracing is on). */
  tracing?: boolean;
}

export interface TurnInput {
  text: string;
  turn: TurnContext;
  /** Memory keys: resource = the mapped user, thread = the WhatsApp conversation. */
  resourceId: string;
  threadId: string;
  language?: Language;
}

export interface TurnOutput {
  text: string;
  toolCalls: { name: string; args: Record<string, unknown> }[];
  /** What each tool returned, for replies with buttons (confirmations, choices, undo). */
  results: { tool: string; result: ToolResult }[];
}

const LANGUAGE_KEY = 'taskline.language';

/** The Mastra agent with Taskline's tools, its model chosen by configuration and memory in PostgreSQL. */
export class Assistant {
  readonly agent: Agent;
  readonly mastra: Mastra | undefined;

  constructor(options: AssistantOptions) {
    const model = ({ requestContext }: { requestContext: RequestContext }): MastraModelConfig => {
      if (options.model.kind === 'hosted') return options.model;
      const turn = requestContext.get<string, TurnContext>(TURN_KEY);
      const language = requestContext.get<string, Language | undefined>(LANGUAGE_KEY);
      return createOfflineModel({
        understand: options.understand,
        timezone: turn.timezone,
        now: () => turn.now,
        ...(language ? { language } : {}),
      }) as unknown as MastraModelConfig;
    };
    this.agent = new Agent({
      id: 'taskline-assistant',
      name: 'Taskline',
      instructions: INSTRUCTIONS,
      model,
      tools: TOOLS,
      ...(options.storage
        ? {
            memory: new Memory({
              storage: memoThreads(options.storage),
              options: {
                lastMessages: options.lastMessages ?? 12,
                semanticRecall: false,
                generateTitle: false,
                workingMemory: { enabled: false },
              },
            }),
          }
        : {}),
    });
    // Mastra traces only agents registered with it; the bridge makes its spans OpenTelemetry spans (one per
    // streamed chunk would be noise).
    this.mastra = options.tracing
      ? new Mastra({
          agents: { taskline: this.agent },
          logger: false,
          observability: new Observability({
            configs: {
              taskline: {
                serviceName: 'taskline-assistant',
                bridge: new OtelBridge(),
                excludeSpanTypes: [SpanType.MODEL_CHUNK],
              },
            },
          }),
        })
      : undefined;
  }

  /** Runs one user message: at most one tool call, then the reply. */
  async reply(input: TurnInput): Promise<TurnOutput> {
    return inSpan(
      'agent.run',
      { attributes: { 'gen_ai.agent.name': 'taskline-assistant' } },
      async (span) => {
        const output = await this.run(input);
        span.setAttribute('gen_ai.tool.calls', output.toolCalls.map((call) => call.name).join(',') || 'none');
        return output;
      },
    );
  }

  private async run(input: TurnInput): Promise<TurnOutput> {
    const requestContext = new RequestContext();
    requestContext.set(TURN_KEY, input.turn);
    if (input.language) requestContext.set(LANGUAGE_KEY, input.language);
    const result = await inTurn(
      () =>
        this.agent.generate(input.text, {
          requestContext,
          maxSteps: 3,
          memory: { resource: input.resourceId, thread: input.threadId },
        }),
      input.turn.em,
    );
    return {
      text: result.text,
      toolCalls: result.toolCalls.map((call) => ({
        name: call.payload.toolName,
        args: call.payload.args ?? {},
      })),
      results: result.toolResults.map((r) => ({
        tool: r.payload.toolName,
        result: r.payload.result as ToolResult,
      })),
    };
  }
}
