import { describe, expect, it } from 'vitest';

import { classifyAppointment, isReconcilable } from '../../src/domain/classify.js';

const procedure = (id: number, linked = false) => ({ id, linked });
const invoice = (id: number, kind: string, status = 'paid', linked = false) => ({
  id,
  kind,
  status,
  linked,
});

describe('classing a past appointment', () => {
  it('should call an appointment complete when one of its procedures has an invoice', () => {
    const state = classifyAppointment([procedure(1, true), procedure(2)], []);
    expect(state.state).toBe('complete');
  });

  it('should be ready to attach with a charted procedure and an unlinked Quick Pay', () => {
    const state = classifyAppointment([procedure(1)], [invoice(10, 'quickpay')]);
    expect(state).toMatchObject({
      state: 'open',
      openClass: 'ready_to_attach',
      procedureIds: [1],
      attachableInvoiceIds: [10],
    });
  });

  it('should be ready to attach with a draft invoice', () => {
    const state = classifyAppointment([procedure(1)], [invoice(10, 'draft', 'draft')]);
    expect(state).toMatchObject({ openClass: 'ready_to_attach' });
  });

  it('should flag a missed charge when a procedure was charted and nothing charged', () => {
    expect(classifyAppointment([procedure(1)], [])).toMatchObject({ openClass: 'no_invoice' });
  });

  it('should ask for a chart when the patient paid but nothing was charted', () => {
    expect(classifyAppointment([], [invoice(10, 'quickpay')])).toMatchObject({
      openClass: 'no_chart',
      attachableInvoiceIds: [10],
    });
  });

  it('should name invoices that cannot take a procedure, with the reason', () => {
    const state = classifyAppointment(
      [procedure(1)],
      [invoice(10, 'service_deposit'), invoice(11, 'guest')],
    );

    expect(state).toMatchObject({ openClass: 'not_attachable' });
    if (state.state !== 'open') throw new Error('expected open');
    expect(state.notAttachable.map((n) => n.kind)).toEqual(['service_deposit', 'guest']);
    expect(state.notAttachable.every((n) => n.reason.length > 10)).toBe(true);
  });

  it('should say nothing was done when there is neither chart nor invoice', () => {
    expect(classifyAppointment([], [])).toMatchObject({ openClass: 'nothing' });
  });

  it('should ignore voided, refunded and already linked invoices', () => {
    const state = classifyAppointment(
      [procedure(1)],
      [
        invoice(10, 'quickpay', 'voided'),
        invoice(11, 'draft', 'refunded'),
        invoice(12, 'quickpay', 'paid', true),
      ],
    );
    expect(state).toMatchObject({ openClass: 'no_invoice', attachableInvoiceIds: [] });
  });

  it('should prefer an attachable invoice over others of the same patient', () => {
    const state = classifyAppointment(
      [procedure(1)],
      [invoice(10, 'membership_monthly'), invoice(11, 'quickpay')],
    );
    expect(state).toMatchObject({ openClass: 'ready_to_attach', attachableInvoiceIds: [11] });
  });
});

describe('which appointments are reconciled', () => {
  const now = '2026-12-04 12:00:00';

  it('should take ended visits that were not cancelled or missed', () => {
    expect(isReconcilable('completed', '2026-12-03 15:00:00', now)).toBe(true);
    expect(isReconcilable('cancelled', '2026-12-03 15:00:00', now)).toBe(false);
    expect(isReconcilable('no_show', '2026-12-03 15:00:00', now)).toBe(false);
  });

  it('should leave a visit that has not ended yet', () => {
    expect(isReconcilable('checked_in', '2026-12-04 13:00:00', now)).toBe(false);
  });
});
