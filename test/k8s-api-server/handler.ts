/** One HTTP request: authentication, discovery, routing to the verbs, Status errors, the request log. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { deleteOptions, remove, removeCollection } from './deletion.ts';
import { discovery, versionInfo } from './discovery.ts';
import {
  ApiError,
  badRequest,
  methodNotAllowed,
  notFound,
  resourceNotFound,
  unsupportedMediaType,
} from './errors.ts';
import { copy, isObject, type Json } from './json.ts';
import { list, read } from './reads.ts';
import { parseRoute, type Route } from './routes.ts';
import type { RequestRecord, ResourceType, Verb } from './types.ts';
import type { WatchHub } from './watch.ts';
import { create, patch, update } from './writes.ts';
import type { WriteContext, Writer } from './writer.ts';

export interface HandlerDeps {
  writer: Writer;
  watches: WatchHub;
  token: string;
  log: RequestRecord[];
}

const BODY_LIMIT = 3 * 1024 * 1024;

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > BODY_LIMIT)
      throw new ApiError(413, 'RequestEntityTooLarge', `Request entity too large: limit is ${BODY_LIMIT}`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(response: ServerResponse, code: number, body: unknown, warnings: string[] = []): void {
  const headers: Record<string, string | string[]> = {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-cache, private',
  };
  if (warnings.length > 0) headers.Warning = warnings.map((w) => `299 - ${JSON.stringify(w)}`);
  response.writeHead(code, headers);
  response.end(JSON.stringify(body));
}

function verbOf(method: string, route: Route, query: URLSearchParams): Verb {
  switch (method) {
    case 'GET': {
      const watch = route.watchPath || query.get('watch') === 'true' || query.get('watch') === '1';
      if (watch) return 'watch';
      return route.name ? 'get' : 'list';
    }
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return route.name ? 'delete' : 'deletecollection';
    default:
      throw methodNotAllowed();
  }
}

function writeContext(request: IncomingMessage, query: URLSearchParams): WriteContext {
  const dryRun = query.getAll('dryRun');
  if (dryRun.some((v) => v !== 'All')) throw badRequest(`Invalid dryRun value: ${dryRun.join(',')}`);
  const validation = query.get('fieldValidation') ?? 'Warn';
  if (validation !== 'Strict' && validation !== 'Warn' && validation !== 'Ignore') {
    throw badRequest(
      `fieldValidation: Unsupported value: "${validation}": supported values: "Ignore", "Warn", "Strict"`,
    );
  }
  const agent = request.headers['user-agent'] ?? 'unknown';
  const manager = query.get('fieldManager') ?? (agent.split('/')[0]!.slice(0, 128) || 'unknown');
  return { manager, dryRun: dryRun.length > 0, fieldValidation: validation, warnings: [] };
}

function checkScope(type: ResourceType, route: Route, verb: Verb): void {
  if (!type.namespaced && route.namespace !== undefined) throw resourceNotFound();
  if (type.namespaced && route.namespace === undefined && route.name !== undefined) throw resourceNotFound();
  if (
    type.namespaced &&
    route.namespace === undefined &&
    (verb === 'create' || verb === 'deletecollection')
  ) {
    throw methodNotAllowed();
  }
  if (route.subresource === undefined) return;
  const finalize = route.subresource === 'finalize' && type.kind === 'Namespace' && verb === 'update';
  if (!(route.subresource === 'status' && type.status) && !finalize) throw resourceNotFound();
  if (verb !== 'get' && verb !== 'update' && verb !== 'patch') throw methodNotAllowed();
}

function finalizeNamespace(
  writer: Writer,
  type: ResourceType,
  name: string,
  text: string,
  ctx: WriteContext,
): Json {
  const old = writer.get(type, undefined, name);
  if (!old) throw notFound(type, name);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw badRequest('error decoding the Namespace to finalize');
  }
  const spec = isObject(body) && isObject(body.spec) ? body.spec : {};
  const next = copy(old);
  next.spec = {
    ...(isObject(old.spec) ? old.spec : {}),
    finalizers: Array.isArray(spec.finalizers) ? spec.finalizers : [],
  };
  return writer.write(type, old, next, { subresource: '' }, ctx);
}

export async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  deps: HandlerDeps,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const method = request.method ?? 'GET';
  const record: RequestRecord = {
    method,
    path: url.pathname,
    verb: 'get',
    group: '',
    version: '',
    resource: '',
    status: 0,
  };
  const finish = (code: number, body: unknown, warnings?: string[]) => {
    record.status = code;
    deps.log.push(record);
    send(response, code, body, warnings);
  };
  try {
    const authorization = request.headers.authorization;
    if (authorization !== undefined && authorization !== `Bearer ${deps.token}`) {
      throw new ApiError(401, 'Unauthorized', 'Unauthorized');
    }
    const segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    if (['healthz', 'readyz', 'livez'].includes(segments[0] ?? '') && segments.length === 1) {
      record.status = 200;
      deps.log.push(record);
      response.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
      return;
    }
    if (method === 'GET' && url.pathname === '/version') return finish(200, versionInfo());
    const document = method === 'GET' ? discovery(deps.writer.registry, segments) : undefined;
    if (document) {
      record.group = segments[0] === 'apis' ? (segments[1] ?? '') : '';
      record.version = segments[0] === 'apis' ? (segments[2] ?? '') : (segments[1] ?? '');
      return finish(200, document);
    }
    const route = parseRoute(segments);
    if (!route) throw resourceNotFound();
    Object.assign(record, {
      group: route.group,
      version: route.version,
      resource: route.plural,
      ...(route.subresource !== undefined && { subresource: route.subresource }),
      ...(route.namespace !== undefined && { namespace: route.namespace }),
      ...(route.name !== undefined && { name: route.name }),
    });
    const query = url.searchParams;
    const contentType = (request.headers['content-type'] ?? 'application/json').split(';')[0]!.trim();
    if (query.has('fieldManager')) record.fieldManager = query.get('fieldManager')!;
    if (method === 'PATCH') record.patchType = contentType;
    record.verb = verbOf(method, route, query);
    const type = deps.writer.registry.get(route.group, route.version, route.plural);
    if (!type) throw resourceNotFound();
    checkScope(type, route, record.verb);
    const { writer } = deps;
    const { namespace, name = '', subresource = '' } = route;
    if (record.verb === 'watch') {
      deps.watches.serve(response, type, namespace, route.name, query);
      record.status = 200;
      deps.log.push(record);
      return;
    }
    if (record.verb === 'get') return finish(200, read(writer, type, namespace, name));
    if (record.verb === 'list') return finish(200, list(writer, type, namespace, query));
    const text = await readBody(request);
    if (
      (method === 'POST' || method === 'PUT') &&
      !['application/json', 'application/yaml'].includes(contentType)
    ) {
      throw unsupportedMediaType(contentType, ['application/json', 'application/yaml']);
    }
    const ctx = writeContext(request, query);
    switch (record.verb) {
      case 'create': {
        const created = create(writer, type, namespace, text, contentType, ctx);
        return finish(created.code, writer.present(type, created.object), ctx.warnings);
      }
      case 'update': {
        if (subresource === 'finalize')
          return finish(200, finalizeNamespace(writer, type, name, text, ctx), ctx.warnings);
        const updated = update(writer, type, namespace, name, subresource, text, contentType, ctx);
        return finish(updated.code, writer.present(type, updated.object), ctx.warnings);
      }
      case 'patch': {
        const patched = patch(writer, type, namespace, name, subresource, text, contentType, query, ctx);
        return finish(patched.code, writer.present(type, patched.object), ctx.warnings);
      }
      case 'delete': {
        const deleted = remove(writer, type, namespace, name, deleteOptions(text, query));
        return finish(deleted.code, deleted.body);
      }
      case 'deletecollection':
        return finish(200, removeCollection(writer, type, namespace, query, deleteOptions(text, query)));
    }
  } catch (error) {
    if (response.headersSent) {
      response.destroy();
      return;
    }
    const failure =
      error instanceof ApiError
        ? error
        : new ApiError(
            500,
            'InternalError',
            `Internal error occurred: ${error instanceof Error ? error.message : String(error)}`,
          );
    finish(failure.code, failure.status());
  }
}
