import http from 'node:http';

export interface OpenLoopResult {
  /** Requests answered per second over the run. */
  rps: number;
  p50: number;
  p99: number;
  max: number;
  /** Failed requests and non-2xx answers. */
  errors: number;
}

export interface OpenLoopRequest {
  path: string;
  body: string;
  headers: Record<string, string>;
}

/**
 * An open-loop load: requests start at a fixed rate, evenly spaced, whether or not earlier ones have been answered,
 * over at most `connections` keep-alive connections. Each latency runs from the moment the request was handed to the
 * client, so time spent waiting for a free connection counts (no coordinated omission), while the generator's own
 * timer granularity (requests due within the same millisecond leave together) does not. autocannon's `overallRate` is not this: each
 * connection sends its share of the second back to back as soon as the second starts, then waits, so a "1,000 req/s"
 * run is a burst at full concurrency every second, and its correction then takes `1 / rate` seconds as milliseconds.
 */
export async function openLoop(
  url: string,
  options: { rate: number; seconds: number; connections: number; request: (i: number) => OpenLoopRequest },
): Promise<OpenLoopResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const total = Math.round(options.rate * options.seconds);
  const latencies = new Float64Array(total);
  let errors = 0;
  let answered = 0;
  const start = performance.now();
  const finished = Promise.withResolvers<void>();
  const send = (i: number) => {
    const { path, body, headers } = options.request(i);
    const sentAt = performance.now();
    const request = http.request(`${url}${path}`, { method: 'POST', agent, headers }, (response) => {
      response.resume();
      response.on('end', () => {
        latencies[i] = performance.now() - sentAt;
        if (response.statusCode! >= 300) errors += 1;
        if (++answered === total) finished.resolve();
      });
    });
    request.on('error', () => {
      latencies[i] = performance.now() - sentAt;
      errors += 1;
      if (++answered === total) finished.resolve();
    });
    request.end(body);
  };
  let sent = 0;
  const tick = () => {
    const due = Math.min(total, Math.floor(((performance.now() - start) * options.rate) / 1000) + 1);
    while (sent < due) send(sent++);
    if (sent < total) setTimeout(tick, 1);
  };
  tick();
  await finished.promise;
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  const sorted = latencies.sort();
  const at = (q: number) => Math.round(sorted[Math.min(total - 1, Math.floor(q * total))]! * 10) / 10;
  return { rps: Math.round(total / elapsed), p50: at(0.5), p99: at(0.99), max: at(1), errors };
}
