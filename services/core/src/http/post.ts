import http from 'node:http';
import https from 'node:https';

export interface PostResult {
  status: number;
  body: string;
}

// Connections kept open between requests, as fetch does; node's client costs about a third of fetch's CPU per
// request (no web streams), which matters on the hot paths (docs/performance.md).
const agents = {
  'http:': new http.Agent({ keepAlive: true }),
  'https:': new https.Agent({ keepAlive: true }),
};

/**
 * POSTs `body` and reads the answer as text. Any HTTP status resolves (a body cut off after the status with what
 * was read); a failure before the status rejects with node's error (its `code`: ECONNREFUSED, ECONNRESET, ...), and
 * no status within `timeoutMs` rejects with a `TimeoutError`.
 */
export function post(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<PostResult> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const client = target.protocol === 'https:' ? https : http;
    const agent = agents[target.protocol as keyof typeof agents];
    if (!agent) {
      reject(new TypeError(`unsupported protocol ${target.protocol} in ${url}`));
      return;
    }
    const request = client.request(
      target,
      { method: 'POST', agent, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } },
      (response) => {
        let text = '';
        const done = () => {
          clearTimeout(timer);
          resolve({ status: response.statusCode ?? 0, body: text });
        };
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', done);
        // The status arrived: an answer cut off mid-body still counts as answered (with what was read).
        response.on('error', done);
        response.on('aborted', done);
      },
    );
    const timer = setTimeout(() => {
      const error = new Error(`no answer from ${target.host} within ${timeoutMs} ms`);
      error.name = 'TimeoutError';
      request.destroy(error);
    }, timeoutMs);
    function fail(error: Error) {
      clearTimeout(timer);
      reject(error);
    }
    request.on('error', fail);
    request.end(body);
  });
}
