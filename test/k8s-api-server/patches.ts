/** JSON merge patch (RFC 7386) and JSON patch (RFC 6902). */
import { ApiError, badRequest } from './errors.ts';
import { copy, deepEqual, isObject, type Json } from './json.ts';

export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return copy(patch);
  const out: Json = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}

function rejected(why: string): ApiError {
  return new ApiError(422, 'Invalid', 'the server rejected our request due to an error in our request', {
    causes: [{ reason: 'UnexpectedServerResponse', message: why }],
  });
}

function pointer(path: unknown): string[] {
  if (typeof path !== 'string' || (path !== '' && !path.startsWith('/'))) {
    throw badRequest(`invalid JSON pointer: ${String(path)}`);
  }
  return path === ''
    ? []
    : path
        .slice(1)
        .split('/')
        .map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function resolve(doc: unknown, parts: string[], path: string): unknown {
  let current = doc;
  for (const part of parts) {
    if (Array.isArray(current) && /^\d+$/.test(part) && Number(part) < current.length)
      current = current[Number(part)];
    else if (isObject(current) && part in current) current = current[part];
    else throw rejected(`doc is missing path: "${path}": missing value`);
  }
  return current;
}

function parentOf(doc: unknown, parts: string[], path: string): { container: unknown; last: string } {
  if (parts.length === 0) throw rejected(`unable to operate on the root of the document: ${path}`);
  return { container: resolve(doc, parts.slice(0, -1), path), last: parts[parts.length - 1]! };
}

function add(doc: unknown, path: string, value: unknown): unknown {
  const parts = pointer(path);
  if (parts.length === 0) return copy(value);
  const { container, last } = parentOf(doc, parts, path);
  if (Array.isArray(container)) {
    const index = last === '-' ? container.length : Number(last);
    if (!/^\d+$/.test(last) && last !== '-') throw rejected(`invalid array index ${last} in ${path}`);
    if (index > container.length) throw rejected(`index out of bounds: ${path}`);
    container.splice(index, 0, copy(value));
  } else if (isObject(container)) container[last] = copy(value);
  else throw rejected(`doc is missing path: "${path}": missing value`);
  return doc;
}

function remove(doc: unknown, path: string): unknown {
  const parts = pointer(path);
  const { container, last } = parentOf(doc, parts, path);
  resolve(doc, parts, path);
  if (Array.isArray(container)) container.splice(Number(last), 1);
  else if (isObject(container)) delete container[last];
  return doc;
}

export function jsonPatch(target: unknown, operations: unknown): unknown {
  if (!Array.isArray(operations))
    throw badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  let doc = copy(target);
  for (const operation of operations) {
    if (!isObject(operation)) throw badRequest('invalid JSON patch operation');
    const { op, path, from, value } = operation;
    switch (op) {
      case 'add':
        doc = add(doc, path as string, value);
        break;
      case 'remove':
        doc = remove(doc, path as string);
        break;
      case 'replace':
        resolve(doc, pointer(path), path as string);
        doc = add(remove(doc, path as string), path as string, value);
        break;
      case 'move': {
        const moved = resolve(doc, pointer(from), from as string);
        doc = add(remove(doc, from as string), path as string, moved);
        break;
      }
      case 'copy':
        doc = add(doc, path as string, resolve(doc, pointer(from), from as string));
        break;
      case 'test':
        if (!deepEqual(resolve(doc, pointer(path), path as string), value)) {
          throw rejected(`testing value ${String(path)} failed: test failed`);
        }
        break;
      default:
        throw badRequest(`Unexpected kind: ${String(op)}`);
    }
  }
  return doc;
}
