import { describe, expect, it } from 'vitest';

import {
  INVOICE_KINDS,
  isAttachableKind,
  isLiveStatus,
  kindRule,
} from '../../src/domain/invoiceKinds.js';

describe('invoice kinds', () => {
  it('should know all eleven kinds of Aesthetic Record invoice', () => {
    expect(INVOICE_KINDS).toHaveLength(11);
  });

  it.each(['quickpay', 'draft'])('should let a %s invoice take a procedure', (kind) => {
    expect(isAttachableKind(kind)).toBe(true);
    expect(kindRule(kind).reason).toBeNull();
  });

  it.each(INVOICE_KINDS.filter((k) => k !== 'quickpay' && k !== 'draft'))(
    'should refuse a %s invoice and say why',
    (kind) => {
      expect(isAttachableKind(kind)).toBe(false);
      expect(kindRule(kind).reason).toMatch(/\w{4,}/);
    },
  );

  it('should point a master invoice at the invoices merged into it', () => {
    expect(kindRule('master').reason).toContain('invoices inside');
  });

  it('should treat an unknown kind as not attachable, with a reason', () => {
    expect(isAttachableKind('layaway')).toBe(false);
    expect(kindRule('layaway').reason).toContain('does not know');
  });

  it('should count voided and refunded invoices out whatever their kind', () => {
    expect(isLiveStatus('voided')).toBe(false);
    expect(isLiveStatus('refunded')).toBe(false);
    expect(isLiveStatus('paid')).toBe(true);
    expect(isLiveStatus('draft')).toBe(true);
  });
});
