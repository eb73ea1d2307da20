/** Failures as the real API server reports them: a metav1.Status with its reason, code and details. */
import type { Json } from './json.ts';
import type { ResourceType } from './types.ts';

export class ApiError extends Error {
  readonly code: number;
  readonly reason: string;
  readonly details: Json | undefined;
  constructor(code: number, reason: string, message: string, details?: Json) {
    super(message);
    this.code = code;
    this.reason = reason;
    this.details = details;
  }

  status(): Json {
    const status: Json = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure' };
    status.message = this.message;
    status.reason = this.reason;
    if (this.details) status.details = this.details;
    status.code = this.code;
    return status;
  }
}

/** `deployments.apps`, or `configmaps` for the core group. */
function qualifiedResource(type: ResourceType): string {
  return type.group ? `${type.plural}.${type.group}` : type.plural;
}

function details(type: ResourceType, name: string): Json {
  return type.group ? { name, group: type.group, kind: type.plural } : { name, kind: type.plural };
}

export function notFound(type: ResourceType, name: string): ApiError {
  return new ApiError(404, 'NotFound', `${qualifiedResource(type)} "${name}" not found`, details(type, name));
}

export function alreadyExists(type: ResourceType, name: string): ApiError {
  return new ApiError(
    409,
    'AlreadyExists',
    `${qualifiedResource(type)} "${name}" already exists`,
    details(type, name),
  );
}

export function conflict(type: ResourceType, name: string, why: string): ApiError {
  const message = `Operation cannot be fulfilled on ${qualifiedResource(type)} "${name}": ${why}`;
  return new ApiError(409, 'Conflict', message, details(type, name));
}

export const MODIFIED =
  'the object has been modified; please apply your changes to the latest version and try again';

export function badRequest(message: string): ApiError {
  return new ApiError(400, 'BadRequest', message);
}

export function methodNotAllowed(): ApiError {
  return new ApiError(
    405,
    'MethodNotAllowed',
    'the server does not allow this method on the requested resource',
  );
}

export function forbidden(type: ResourceType, name: string, why: string): ApiError {
  const message = `${qualifiedResource(type)} "${name}" is forbidden: ${why}`;
  return new ApiError(403, 'Forbidden', message, details(type, name));
}

export function resourceNotFound(): ApiError {
  return new ApiError(404, 'NotFound', 'the server could not find the requested resource', {});
}

export function expired(message: string): ApiError {
  return new ApiError(410, 'Expired', message);
}

export function unsupportedMediaType(contentType: string, accepted: string[]): ApiError {
  const message = `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`;
  return new ApiError(415, 'UnsupportedMediaType', message, {
    causes: [{ reason: 'UnexpectedServerResponse', message: contentType }],
  });
}

/** One field.Error of k8s.io/apimachinery: the cause types and texts of its ErrorBody. */
export type FieldErrorType =
  | 'FieldValueRequired'
  | 'FieldValueInvalid'
  | 'FieldValueTypeInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'FieldValueForbidden'
  | 'FieldValueDuplicate';

export interface FieldError {
  type: FieldErrorType;
  field: string;
  /** Omitted for the types whose text shows no value. */
  value?: unknown;
  detail?: string;
}

const TYPE_TEXT: Record<FieldErrorType, string> = {
  FieldValueRequired: 'Required value',
  FieldValueInvalid: 'Invalid value',
  FieldValueTypeInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  FieldValueForbidden: 'Forbidden',
  FieldValueDuplicate: 'Duplicate value',
};

const VALUELESS = new Set<FieldErrorType>(['FieldValueRequired', 'FieldValueForbidden', 'FieldValueTooLong']);

function formatValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return JSON.stringify(value);
}

function errorBody(error: FieldError): string {
  let text = TYPE_TEXT[error.type];
  if (!VALUELESS.has(error.type) && 'value' in error) text += `: ${formatValue(error.value)}`;
  if (error.detail) text += `: ${error.detail}`;
  return text;
}

/** 422 Invalid naming every field error, as errors.NewInvalid builds it. */
export function invalid(
  type: Pick<ResourceType, 'kind' | 'group'>,
  name: string,
  errors: FieldError[],
): ApiError {
  const qualifiedKind = type.group ? `${type.kind}.${type.group}` : type.kind;
  const texts = errors.map((e) => `${e.field}: ${errorBody(e)}`);
  const list = texts.length === 1 ? texts[0] : `[${texts.join(', ')}]`;
  const causes = errors.map((e) => ({ reason: e.type, message: errorBody(e), field: e.field }));
  const details: Json = type.group
    ? { name, group: type.group, kind: type.kind, causes }
    : { name, kind: type.kind, causes };
  return new ApiError(422, 'Invalid', `${qualifiedKind} "${name}" is invalid: ${list}`, details);
}
