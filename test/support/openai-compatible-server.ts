import { createServer, type IncomingMessage, type Server } from 'node:http';

/**
 * A local stand-in for an OpenAI-compatible LLM endpoint (what Ollama and vLLM serve): `POST /v1/chat/completions`
 * with tool calling, answered from a script, streamed as SSE chunks when asked. It speaks the wire protocol, so
 * the agent's real HTTP client is exercised.
 */
export interface ChatRequest {
  model: string;
  messages: { role: string; content?: string | null; tool_calls?: unknown[]; tool_call_id?: string }[];
  tools?: { type: 'function'; function: { name: string; parameters: unknown } }[];
  stream?: boolean;
}

export type ScriptedAnswer =
  { toolCall: { name: string; arguments: Record<string, unknown> } } | { text: string };

export interface FakeLlm {
  url: string;
  requests: ChatRequest[];
  close(): Promise<void>;
}

export async function startFakeLlm(script: (request: ChatRequest) => ScriptedAnswer): Promise<FakeLlm> {
  const requests: ChatRequest[] = [];
  const server: Server = createServer((req, res) => {
    void (async () => {
      if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: `no route ${req.method} ${req.url}` } }));
        return;
      }
      const body = JSON.parse(await read(req)) as ChatRequest;
      requests.push(body);
      const answer = script(body);
      const id = `chatcmpl-${requests.length}`;
      const created = Math.floor(Date.now() / 1000);
      const message =
        'toolCall' in answer
          ? {
              role: 'assistant',
              content: null,
              tool_calls: [
                {
                  id: `call_${requests.length}`,
                  type: 'function',
                  function: {
                    name: answer.toolCall.name,
                    arguments: JSON.stringify(answer.toolCall.arguments),
                  },
                },
              ],
            }
          : { role: 'assistant', content: answer.text };
      const finish = 'toolCall' in answer ? 'tool_calls' : 'stop';
      const usage = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };
      if (!body.stream) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            id,
            object: 'chat.completion',
            created,
            model: body.model,
            choices: [{ index: 0, message, finish_reason: finish }],
            usage,
          }),
        );
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      const chunk = (delta: unknown, finishReason: string | null, extra: object = {}) =>
        res.write(
          `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: body.model, choices: [{ index: 0, delta, finish_reason: finishReason }], ...extra })}\n\n`,
        );
      if ('toolCall' in answer) {
        chunk({ role: 'assistant', tool_calls: [{ index: 0, ...message.tool_calls![0] }] }, null);
      } else {
        chunk({ role: 'assistant', content: answer.text }, null);
      }
      chunk({}, finish, { usage });
      res.write('data: [DONE]\n\n');
      res.end();
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function read(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
}
