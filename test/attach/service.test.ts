import { beforeEach, describe, expect, it } from 'vitest';

import { attach, undo, type AttachRequest } from '../../src/attach/service.js';
import type { AppContext } from '../../src/context.js';
import { isChartlinkError, type ErrorCode } from '../../src/errors.js';
import { describeEachDatabase } from '../support/databases.js';
import {
  EMPLOYEE,
  fixtureContext,
  INVOICE,
  PROCEDURE,
  seedFixtures,
  USER,
  type FixtureContext,
} from '../slack/fixtures.js';

async function codeOf(promise: Promise<unknown>): Promise<ErrorCode | 'none'> {
  try {
    await promise;
    return 'none';
  } catch (err) {
    if (isChartlinkError(err)) return err.code;
    throw err;
  }
}

function request(overrides: Partial<AttachRequest> = {}): AttachRequest {
  return {
    slackUserId: USER.manager,
    invoiceId: INVOICE.quickpay,
    procedureId: PROCEDURE.botox,
    source: 'slack_digest',
    ...overrides,
  };
}

async function linkCount(ctx: AppContext): Promise<number> {
  const rows = await ctx.db.selectFrom('invoice_procedure_links').select('id').execute();
  return rows.length;
}

describeEachDatabase('attach service', (database) => {
  let fx: FixtureContext;

  beforeEach(async () => {
    const { db, dialect } = database();
    await seedFixtures(db);
    fx = fixtureContext(db, dialect);
  });

  describe('attach', () => {
    it('should write the link and an audit row with who, from where and when', async () => {
      const result = await attach(fx.ctx, request());

      expect(result).toMatchObject({ invoiceId: INVOICE.quickpay, procedureId: PROCEDURE.botox });
      const link = await fx.ctx.db
        .selectFrom('invoice_procedure_links')
        .selectAll()
        .executeTakeFirst();
      expect(link).toMatchObject({
        linked_by_employee_id: EMPLOYEE.manager,
        linked_by_slack_user_id: USER.manager,
        source: 'slack_digest',
        linked_at: '2025-03-14 15:00:00',
      });
      const audit = await fx.ctx.db.selectFrom('link_audit').selectAll().execute();
      expect(audit).toEqual([
        expect.objectContaining({
          action: 'attach',
          employee_id: EMPLOYEE.manager,
          source: 'slack_digest',
        }),
      ]);
    });

    it('should refuse a Slack user with no employee', async () => {
      expect(await codeOf(attach(fx.ctx, request({ slackUserId: USER.unmapped })))).toBe(
        'NOT_MAPPED',
      );
    });

    it('should refuse a manager of another clinic', async () => {
      expect(await codeOf(attach(fx.ctx, request({ slackUserId: USER.otherManager })))).toBe(
        'NOT_ALLOWED',
      );
    });

    it("should refuse a provider attaching another provider's procedure", async () => {
      const other = request({ slackUserId: USER.provider, procedureId: PROCEDURE.lips });
      expect(await codeOf(attach(fx.ctx, other))).toBe('NOT_OWN_PROCEDURE');
    });

    it('should let a provider attach their own procedure', async () => {
      expect(await codeOf(attach(fx.ctx, request({ slackUserId: USER.provider })))).toBe('none');
    });

    it.each([
      ['a missing invoice', { invoiceId: 999 }, 'INVOICE_NOT_FOUND'],
      ['a missing procedure', { procedureId: 999 }, 'PROCEDURE_NOT_FOUND'],
      ['an eGift card invoice', { invoiceId: INVOICE.egift }, 'INVOICE_NOT_ATTACHABLE'],
      ['a guest invoice', { invoiceId: INVOICE.guest }, 'INVOICE_NOT_ATTACHABLE'],
      ['a voided invoice', { invoiceId: INVOICE.voided }, 'INVOICE_VOIDED'],
      ["another patient's procedure", { procedureId: PROCEDURE.microneedling }, 'PATIENT_MISMATCH'],
      [
        'a procedure far from the invoice date',
        { procedureId: PROCEDURE.old },
        'PROCEDURE_OUT_OF_WINDOW',
      ],
    ] as const)('should refuse %s and write nothing', async (_title, overrides, code) => {
      expect(await codeOf(attach(fx.ctx, request(overrides)))).toBe(code);
      expect(await linkCount(fx.ctx)).toBe(0);
    });

    it('should refuse a procedure of another clinic than the invoice', async () => {
      const admin = request({ slackUserId: USER.admin, procedureId: PROCEDURE.elsewhere });
      // The admin works for clinic one only, so the procedure at clinic two is refused first.
      expect(await codeOf(attach(fx.ctx, admin))).toBe('NOT_ALLOWED');

      await fx.ctx.db
        .insertInto('employee_clinics')
        .values({ employee_id: EMPLOYEE.admin, clinic_id: 2 })
        .execute();
      expect(await codeOf(attach(fx.ctx, admin))).toBe('CLINIC_MISMATCH');
    });

    it('should tell who attached an invoice that is already linked, and when', async () => {
      await attach(fx.ctx, request());

      const again = attach(
        fx.ctx,
        request({ slackUserId: USER.manager2, procedureId: PROCEDURE.lips }),
      );
      await expect(again).rejects.toMatchObject({ code: 'INVOICE_ALREADY_LINKED' });
      await expect(
        attach(fx.ctx, request({ slackUserId: USER.manager2, procedureId: PROCEDURE.lips })),
      ).rejects.toThrow(/Maria S\. on Mar 14 at 11:00/);
    });

    it('should tell the person who attached it that they did', async () => {
      await attach(fx.ctx, request());

      await expect(attach(fx.ctx, request())).rejects.toThrow(/attached by you on Mar 14/);
    });

    it('should refuse a procedure already linked to another invoice', async () => {
      await fx.ctx.db
        .updateTable('invoices')
        .set({ kind: 'draft' })
        .where('id', '=', INVOICE.egift)
        .execute();
      await attach(fx.ctx, request());

      const second = request({ invoiceId: INVOICE.egift });
      expect(await codeOf(attach(fx.ctx, second))).toBe('PROCEDURE_ALREADY_LINKED');
    });

    it('should make exactly one link when two managers attach at once', async () => {
      const codes = await Promise.all([
        codeOf(attach(fx.ctx, request())),
        codeOf(
          attach(fx.ctx, request({ slackUserId: USER.manager2, procedureId: PROCEDURE.lips })),
        ),
        codeOf(attach(fx.ctx, request({ slackUserId: USER.admin }))),
      ]);

      expect(codes.filter((c) => c === 'none')).toHaveLength(1);
      expect(codes.filter((c) => c !== 'none').every((c) => c.endsWith('ALREADY_LINKED'))).toBe(
        true,
      );
      expect(await linkCount(fx.ctx)).toBe(1);
    });
  });

  describe('undo', () => {
    beforeEach(async () => {
      await attach(fx.ctx, request());
    });

    it('should let the person who attached undo within 10 minutes, audited', async () => {
      fx.clock.now += 9 * 60 * 1000;
      const result = await undo(fx.ctx, {
        slackUserId: USER.manager,
        invoiceId: INVOICE.quickpay,
        source: 'slack_digest',
      });

      expect(result.procedureId).toBe(PROCEDURE.botox);
      expect(await linkCount(fx.ctx)).toBe(0);
      const actions = await fx.ctx.db
        .selectFrom('link_audit')
        .select('action')
        .orderBy('id')
        .execute();
      expect(actions.map((a) => a.action)).toEqual(['attach', 'undo']);
    });

    it('should refuse the person who attached after 10 minutes', async () => {
      fx.clock.now += 11 * 60 * 1000;
      const late = undo(fx.ctx, {
        slackUserId: USER.manager,
        invoiceId: INVOICE.quickpay,
        source: 'slack_digest',
      });
      expect(await codeOf(late)).toBe('UNDO_EXPIRED');
    });

    it('should refuse another manager', async () => {
      const other = undo(fx.ctx, {
        slackUserId: USER.manager2,
        invoiceId: INVOICE.quickpay,
        source: 'slack_digest',
      });
      expect(await codeOf(other)).toBe('UNDO_NOT_ALLOWED');
      expect(await linkCount(fx.ctx)).toBe(1);
    });

    it('should let an admin undo at any time', async () => {
      fx.clock.now += 3 * 24 * 60 * 60 * 1000;
      await undo(fx.ctx, { slackUserId: USER.admin, invoiceId: INVOICE.quickpay, source: 'cli' });
      expect(await linkCount(fx.ctx)).toBe(0);
    });

    it('should say there is nothing to undo on an unlinked invoice', async () => {
      const none = undo(fx.ctx, {
        slackUserId: USER.admin,
        invoiceId: INVOICE.draft,
        source: 'cli',
      });
      expect(await codeOf(none)).toBe('LINK_NOT_FOUND');
    });
  });
});
