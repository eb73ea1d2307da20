/**
 * The one error type of Taskline. Every failure that crosses a boundary (HTTP, NATS, CLI) is an AppError with a
 * code from a closed set; the HTTP status and the retry decision come from the tables below, never ad hoc.
 */
export type AppErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'RATE_LIMITED'
  | 'CONFIG_INVALID'
  | 'DEPENDENCY_UNAVAILABLE'
  | 'UPSTREAM_TRANSIENT'
  | 'UPSTREAM_PERMANENT'
  | 'INTERNAL';

/** Who is at fault: the caller (fix the input), the system (retry later), or an upstream service. */
export type AppErrorCategory = 'user' | 'system' | 'upstream';

interface CodeInfo {
  status: number;
  category: AppErrorCategory;
  retryable: boolean;
}

const CODES: Record<AppErrorCode, CodeInfo> = {
  BAD_REQUEST: { status: 400, category: 'user', retryable: false },
  UNAUTHORIZED: { status: 401, category: 'user', retryable: false },
  FORBIDDEN: { status: 403, category: 'user', retryable: false },
  NOT_FOUND: { status: 404, category: 'user', retryable: false },
  CONFLICT: { status: 409, category: 'user', retryable: false },
  PAYLOAD_TOO_LARGE: { status: 413, category: 'user', retryable: false },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, category: 'user', retryable: false },
  RATE_LIMITED: { status: 429, category: 'user', retryable: true },
  CONFIG_INVALID: { status: 500, category: 'system', retryable: false },
  DEPENDENCY_UNAVAILABLE: { status: 503, category: 'system', retryable: true },
  UPSTREAM_TRANSIENT: { status: 502, category: 'upstream', retryable: true },
  UPSTREAM_PERMANENT: { status: 502, category: 'upstream', retryable: false },
  INTERNAL: { status: 500, category: 'system', retryable: false },
};

export interface AppErrorOptions {
  cause?: unknown;
  /** Machine-readable detail for the caller (which field, which key); never secrets. */
  details?: unknown;
}

export class AppError extends Error {
  override readonly name = 'AppError';
  readonly code: AppErrorCode;
  readonly details: unknown;

  constructor(code: AppErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.code = code;
    this.details = options.details;
  }

  get status(): number {
    return CODES[this.code].status;
  }

  get category(): AppErrorCategory {
    return CODES[this.code].category;
  }

  /** Whether trying the same operation again later may succeed. */
  get retryable(): boolean {
    return CODES[this.code].retryable;
  }

  toJSON(): { error: { code: AppErrorCode; message: string; details?: unknown } } {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details === undefined ? {} : { details: this.details }),
      },
    };
  }
}

/** Wraps anything thrown into an AppError; unknown failures become INTERNAL with the original as cause. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new AppError('INTERNAL', message, { cause: error });
}

export function httpStatusOf(code: AppErrorCode): number {
  return CODES[code].status;
}
