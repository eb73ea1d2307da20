import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '@taskline/core';
import type { ApiContext } from '../context.ts';

export type ZodApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** A route module: registers its routes under /api/v1. */
export type Routes = (api: ZodApp, ctx: ApiContext) => void;

export const tenantParams = z.object({
  tenant: z.string().regex(/^[a-z0-9-]{1,63}$/, 'must be a tenant slug'),
});

/** Opaque keyset cursor: the sort key and id of the last row of the previous page. */
export const encodeCursor = (at: Date | string, id: string): string =>
  Buffer.from(JSON.stringify([new Date(at).toISOString(), id])).toString('base64url');

export function decodeCursor(cursor: string | undefined): { at: string; id: string } | undefined {
  if (!cursor) return undefined;
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [string, string];
    if (Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/.test(id)) throw new Error('shape');
    return { at, id };
  } catch {
    throw new AppError('BAD_REQUEST', 'cursor: not a cursor this API issued (start again without it)');
  }
}

export const cursorQuery = {
  cursor: z.string().max(200).optional().describe('nextCursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
};

export const isoDate = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' });

export const errorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});
