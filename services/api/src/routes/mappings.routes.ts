import { parse as parseCsv } from 'csv-parse/sync';
import { z } from 'zod';
import { AppError, User, WhatsAppContact, inTenant, type EntityManager } from '@taskline/core';
import { audit } from '../audit.ts';
import { principalOf, tenantFor } from '../context.ts';
import { tenantParams, type Routes } from './types.ts';

const phone = z
  .string()
  .trim()
  .transform((value) => value.replace(/[\s().-]/g, ''))
  .pipe(z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number: + and 7 to 15 digits'));
const waUserId = z.string().trim().min(1).max(128);

const newMapping = z
  .object({
    displayName: z.string().trim().min(1).max(200),
    phone: phone.optional(),
    waUserId: waUserId.optional(),
    email: z.email().max(320).optional(),
  })
  .refine((m) => m.phone || m.waUserId, {
    message: 'needs a phone number or a WhatsApp user id',
    path: ['phone'],
  });

const mappingChange = z.object({
  displayName: z.string().trim().min(1).max(200).optional(),
  phone: phone.nullable().optional(),
  email: z.email().max(320).nullable().optional(),
  status: z.enum(['active', 'disabled']).optional(),
});

const LIST = `select c.id, c.user_id as "userId", u.display_name as "displayName", u.email, c.phone,
  c.wa_user_id as "waUserId", c.profile_name as "profileName", c.status, c.last_seen_at as "lastSeenAt",
  c.created_at as "createdAt"
  from whatsapp_contacts c join users u on u.id = c.user_id`;

type MappingInput = z.infer<typeof newMapping>;

/** Creates a user and their mapping, or says which existing mapping holds the number. */
async function createMapping(em: EntityManager, tenantId: string, input: MappingInput) {
  const taken = await em.findOne(WhatsAppContact, {
    $or: [
      ...(input.phone ? [{ phone: input.phone }] : []),
      ...(input.waUserId ? [{ waUserId: input.waUserId }] : []),
    ],
  });
  if (taken) {
    const owner = await em.findOne(User, { id: taken.user });
    throw new AppError(
      'CONFLICT',
      `${input.phone ?? input.waUserId} is already mapped to ${owner?.displayName ?? 'another user'}`,
    );
  }
  const user = em.create(User, {
    tenant: tenantId,
    displayName: input.displayName,
    email: input.email ?? null,
  });
  const contact = em.create(WhatsAppContact, {
    tenant: tenantId,
    user: user.id,
    phone: input.phone ?? null,
    waUserId: input.waUserId ?? null,
  });
  await em.flush();
  return { id: contact.id, userId: user.id };
}

const csvRow = z.object({
  name: z.string().trim().min(1, 'name is empty').max(200),
  phone: z.string().optional(),
  wa_user_id: z.string().optional(),
  email: z.string().optional(),
});

export const mappingRoutes: Routes = (api, ctx) => {
  api.get(
    '/tenants/:tenant/mappings',
    {
      schema: {
        tags: ['mappings'],
        summary: 'WhatsApp users and the platform users they map to',
        params: tenantParams,
        querystring: z.object({
          q: z.string().trim().max(200).optional().describe('name, phone or email contains'),
          status: z.enum(['active', 'disabled']).optional(),
          offset: z.coerce.number().int().min(0).max(100_000).default(0),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
      },
    },
    async (request) => {
      const tenant = await tenantFor(ctx, request, 'read');
      const { q, status, offset, limit } = request.query;
      const like = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
      const rows = await inTenant(ctx.orm, tenant.id, (em) =>
        em.execute<Record<string, unknown>[]>(
          `${LIST} where c.tenant_id = ? and (?::text is null or c.status = ?)
           and (?::text is null or u.display_name ilike ? or c.phone ilike ? or u.email ilike ?)
           order by lower(u.display_name), c.id offset ? limit ?`,
          [tenant.id, status ?? null, status ?? null, like, like, like, like, offset, limit + 1],
        ),
      );
      return { items: rows.slice(0, limit), hasMore: rows.length > limit };
    },
  );

  api.post(
    '/tenants/:tenant/mappings',
    {
      schema: {
        tags: ['mappings'],
        summary: 'Map a WhatsApp number to a new user',
        params: tenantParams,
        body: newMapping,
      },
    },
    async (request, reply) => {
      const tenant = await tenantFor(ctx, request, 'write');
      const created = await inTenant(ctx.orm, tenant.id, (em) => createMapping(em, tenant.id, request.body));
      await audit(ctx.orm, request, principalOf(request), {
        action: 'mapping.create',
        outcome: 'success',
        tenantId: tenant.id,
        target: `mapping:${created.id}`,
        details: { displayName: request.body.displayName },
      });
      return reply.code(201).send(created);
    },
  );

  api.patch(
    '/tenants/:tenant/mappings/:id',
    {
      schema: {
        tags: ['mappings'],
        summary: 'Rename, re-number, disable or re-enable a mapping',
        params: tenantParams.extend({ id: z.uuid() }),
        body: mappingChange,
      },
    },
    async (request) => {
      const tenant = await tenantFor(ctx, request, 'write');
      const change = request.body;
      const result = await inTenant(ctx.orm, tenant.id, async (em) => {
        const contact = await em.findOne(WhatsAppContact, { id: request.params.id });
        if (!contact) throw new AppError('NOT_FOUND', 'no such mapping in this tenant');
        const user = await em.findOneOrFail(User, { id: contact.user });
        if (change.phone !== undefined) {
          if (change.phone === null && !contact.waUserId)
            throw new AppError('BAD_REQUEST', 'phone: a mapping without a WhatsApp user id needs its phone');
          contact.phone = change.phone;
        }
        if (change.status) {
          contact.status = change.status;
          user.status = change.status;
        }
        if (change.displayName) user.displayName = change.displayName;
        if (change.email !== undefined) user.email = change.email;
        await em.flush();
        return {
          id: contact.id,
          status: contact.status,
          displayName: user.displayName,
          phone: contact.phone,
        };
      });
      await audit(ctx.orm, request, principalOf(request), {
        action: change.status === 'disabled' ? 'mapping.disable' : 'mapping.update',
        outcome: 'success',
        tenantId: tenant.id,
        target: `mapping:${result.id}`,
        details: { fields: Object.keys(change) },
      });
      return result;
    },
  );

  api.post(
    '/tenants/:tenant/mappings/import',
    {
      schema: {
        tags: ['mappings'],
        summary: 'Bulk import from CSV (columns name, phone, wa_user_id, email); a report per row',
        params: tenantParams,
        body: z.object({
          csv: z.string().min(1).max(1_000_000),
          dryRun: z.boolean().default(false).describe('check every row, change nothing'),
        }),
      },
    },
    async (request) => {
      const tenant = await tenantFor(ctx, request, 'write');
      let records: Record<string, string>[];
      try {
        records = parseCsv(request.body.csv, {
          columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
          skip_empty_lines: true,
          trim: true,
          bom: true,
        });
      } catch (error) {
        throw new AppError('BAD_REQUEST', `csv: ${(error as Error).message}`);
      }
      if (records.length > 5000) throw new AppError('BAD_REQUEST', 'csv: at most 5000 rows per import');
      const header = Object.keys(records[0] ?? {});
      if (!header.includes('name') || !(header.includes('phone') || header.includes('wa_user_id'))) {
        throw new AppError('BAD_REQUEST', 'csv: the header must have name and phone (or wa_user_id) columns');
      }
      const report: { row: number; outcome: 'created' | 'valid' | 'error'; message?: string; id?: string }[] =
        [];
      for (const [index, record] of records.entries()) {
        const row = index + 2; // the header is line 1
        const parsed = csvRow.safeParse(record);
        const input = parsed.success
          ? newMapping.safeParse({
              displayName: parsed.data.name,
              phone: parsed.data.phone || undefined,
              waUserId: parsed.data.wa_user_id || undefined,
              email: parsed.data.email || undefined,
            })
          : parsed;
        if (!input.success) {
          const issue = input.error.issues[0]!;
          report.push({
            row,
            outcome: 'error',
            message: `${issue.path.join('.') || 'row'}: ${issue.message}`,
          });
          continue;
        }
        try {
          const created = await inTenant(ctx.orm, tenant.id, async (em) => {
            const result = await createMapping(em, tenant.id, input.data);
            if (request.body.dryRun) throw new DryRun();
            return result;
          });
          report.push({ row, outcome: 'created', id: created.id });
        } catch (error) {
          if (error instanceof DryRun) report.push({ row, outcome: 'valid' });
          else if (error instanceof AppError) report.push({ row, outcome: 'error', message: error.message });
          else throw error;
        }
      }
      const summary = {
        rows: report.length,
        created: report.filter((r) => r.outcome === 'created').length,
        errors: report.filter((r) => r.outcome === 'error').length,
      };
      if (!request.body.dryRun) {
        await audit(ctx.orm, request, principalOf(request), {
          action: 'mapping.import',
          outcome: summary.errors ? 'failure' : 'success',
          tenantId: tenant.id,
          target: `tenant:${tenant.slug}`,
          details: summary,
        });
      }
      return { ...summary, dryRun: request.body.dryRun, report };
    },
  );
};

/** Thrown to roll back a dry run's row after every check passed. */
class DryRun extends Error {}
