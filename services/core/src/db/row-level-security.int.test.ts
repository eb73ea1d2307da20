import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../../test/support/services.ts';
import { inTenant, openOrm, type MikroORM } from './orm.ts';
import { Task, Tenant, User, WhatsAppContact, WhatsAppMessage } from './entities.ts';
import { createTask, listTasks } from '../tasks/task.service.ts';

describe('row-level security', () => {
  let orm: MikroORM;
  let acme: { tenantId: string; userId: string };
  let globex: { tenantId: string; userId: string };

  beforeAll(async () => {
    orm = await openOrm({ databaseUrl: await freshDatabase('rls') });
    const em = orm.em.fork();
    const a = em.create(Tenant, { slug: 'acme', displayName: 'Acme' });
    const g = em.create(Tenant, { slug: 'globex', displayName: 'Globex' });
    await em.flush();
    const setUp = async (tenantId: string) =>
      inTenant(orm, tenantId, async (tx) => {
        const user = tx.create(User, { tenant: tenantId, displayName: 'Ana' });
        tx.create(WhatsAppContact, { tenant: tenantId, user: user.id, phone: '+5511990000001' });
        await tx.flush();
        await createTask(tx, { tenantId, userId: user.id }, { title: `review the ${tenantId} reports` });
        return { tenantId, userId: user.id };
      });
    acme = await setUp(a.id);
    globex = await setUp(g.id);
  });

  afterAll(async () => {
    await orm?.close();
  });

  it('shows a tenant only its own rows, even when a query asks for every row', async () => {
    const seen = await inTenant(orm, acme.tenantId, (em) => em.find(Task, {}));
    expect(seen).toHaveLength(1);
    expect(seen[0]!.tenant).toBe(acme.tenantId);
    const contacts = await inTenant(orm, acme.tenantId, (em) => em.find(WhatsAppContact, {}));
    expect(contacts.map((c) => c.tenant)).toEqual([acme.tenantId]);
  });

  it("returns nothing when one tenant asks for another tenant's rows by id", async () => {
    const theirs = await inTenant(orm, globex.tenantId, (em) => em.find(Task, {}));
    const stolen = await inTenant(orm, acme.tenantId, (em) =>
      em.find(Task, { id: theirs[0]!.id, tenant: globex.tenantId }),
    );
    expect(stolen).toEqual([]);
    const viaTaskService = await inTenant(orm, acme.tenantId, (em) => listTasks(em, globex));
    expect(viaTaskService).toEqual([]);
  });

  it("refuses to write a row into another tenant's space", async () => {
    await expect(
      inTenant(orm, acme.tenantId, async (em) => {
        em.create(User, { tenant: globex.tenantId, displayName: 'intruder' });
        await em.flush();
      }),
    ).rejects.toThrow(/row-level security/);
  });

  it('cannot update or delete the rows of another tenant with raw SQL', async () => {
    const affected = await inTenant(orm, acme.tenantId, async (em) => {
      const res: { affectedRows: number } = await em.execute(
        `update tasks set title = 'pwned' where tenant_id = ?`,
        [globex.tenantId],
        'run',
      );
      const del: { affectedRows: number } = await em.execute(
        `delete from whatsapp_messages where tenant_id = ?`,
        [globex.tenantId],
        'run',
      );
      return [res.affectedRows, del.affectedRows];
    });
    expect(affected).toEqual([0, 0]);
    const theirs = await inTenant(orm, globex.tenantId, (em) => em.find(Task, {}));
    expect(theirs[0]!.title).toContain('reports');
  });

  it('shows nothing at all when no tenant is set', async () => {
    const em = orm.em.fork();
    em.setSessionContext({ role: 'taskline_app' });
    const rows = await em.transactional((tx) => tx.find(WhatsAppMessage, {}));
    const tasks = await em.transactional((tx) => tx.find(Task, {}));
    expect(rows).toEqual([]);
    expect(tasks).toEqual([]);
  });
});
