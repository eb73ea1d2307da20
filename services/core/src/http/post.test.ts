import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { post } from './post.ts';

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((server) => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    }),
  );
});

async function serve(handler: http.RequestListener): Promise<{ url: string; connections: () => number }> {
  const server = http.createServer(handler);
  let connections = 0;
  server.on('connection', () => connections++);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v24.0/1/messages`,
    connections: () => connections,
  };
}

describe('post', () => {
  it('sends the body with its headers and length, and reads any status with its body, over one kept-alive connection', async () => {
    const seen: { body: string; headers: http.IncomingHttpHeaders }[] = [];
    const server = await serve((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        seen.push({ body, headers: request.headers });
        response.statusCode = seen.length === 1 ? 200 : 500;
        response.end(seen.length === 1 ? '{"messages":[{"id":"wamid.1"}]}' : '{"error":{"code":1}}');
      });
    });

    const ok = await post(server.url, '{"to":"ñ"}', { authorization: 'Bearer t' }, 1000);
    const failed = await post(server.url, '{}', {}, 1000);

    expect(ok).toEqual({ status: 200, body: '{"messages":[{"id":"wamid.1"}]}' });
    expect(failed).toEqual({ status: 500, body: '{"error":{"code":1}}' });
    expect(seen[0]).toMatchObject({
      body: '{"to":"ñ"}',
      headers: { authorization: 'Bearer t', 'content-length': '11' },
    });
    expect(server.connections()).toBe(1);
  });

  it('rejects with the network error code when nothing listens', async () => {
    const server = await serve(() => undefined);
    const url = server.url;
    await new Promise((resolve) => servers.pop()!.close(resolve));
    await expect(post(url, '{}', {}, 1000)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('rejects with a TimeoutError when no status comes in time', async () => {
    const server = await serve(() => undefined);
    await expect(post(server.url, '{}', {}, 200)).rejects.toMatchObject({
      name: 'TimeoutError',
      message: expect.stringContaining('within 200 ms'),
    });
  });

  it('resolves with what was read when the answer is cut off after its status', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'content-length': '100' });
      response.write('{"messages"');
      setTimeout(() => response.socket?.destroy(), 20);
    });
    await expect(post(server.url, '{}', {}, 1000)).resolves.toEqual({ status: 200, body: '{"messages"' });
  });
});
