import { describe, expect, it } from 'vitest';

import {
  addDays,
  isLocalDate,
  localDateOf,
  localDayBounds,
  localTimeOf,
  localToUtcMs,
} from '../../src/domain/time.js';
import { invoiceFitsVisit, procedureFitsInvoice } from '../../src/domain/windows.js';

describe('clinic-local days', () => {
  it('should bound a New York winter day at 05:00 UTC', () => {
    expect(localDayBounds('2026-12-03', 'America/New_York')).toEqual({
      start: '2026-12-03 05:00:00',
      end: '2026-12-04 05:00:00',
    });
  });

  it('should make the day daylight saving starts 23 hours long', () => {
    expect(localDayBounds('2026-03-08', 'America/Los_Angeles')).toEqual({
      start: '2026-03-08 08:00:00',
      end: '2026-03-09 07:00:00',
    });
  });

  it('should take the first of a local time that the clock change repeats', () => {
    expect(localToUtcMs('2026-11-01', '01:30', 'America/New_York')).toBe(
      Date.parse('2026-11-01T05:30:00Z'),
    );
  });

  it('should give the local date and time of an instant', () => {
    const ms = Date.parse('2026-12-04T03:30:00Z');
    expect(localDateOf(ms, 'America/Chicago')).toBe('2026-12-03');
    expect(localTimeOf('2026-12-04 03:30:00', 'America/Chicago')).toBe('21:30');
  });

  it('should add days across month ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('should accept only real calendar dates', () => {
    expect(isLocalDate('2026-02-28')).toBe(true);
    expect(isLocalDate('2026-02-30')).toBe(false);
    expect(isLocalDate('yesterday')).toBe(false);
    expect(isLocalDate('2025-13-45')).toBe(false);
  });
});

describe('payment windows', () => {
  it('should let an invoice pay for a visit from a day before to a week after', () => {
    expect(invoiceFitsVisit('2026-12-02', '2026-12-03')).toBe(true);
    expect(invoiceFitsVisit('2026-12-10', '2026-12-03')).toBe(true);
    expect(invoiceFitsVisit('2026-12-11', '2026-12-03')).toBe(false);
    expect(invoiceFitsVisit('2026-12-01', '2026-12-03')).toBe(false);
  });

  it('should offer procedures charted before the invoice, and barely after', () => {
    expect(procedureFitsInvoice('2026-11-01', '2026-12-03')).toBe(true);
    expect(procedureFitsInvoice('2026-12-05', '2026-12-03')).toBe(true);
    expect(procedureFitsInvoice('2026-12-06', '2026-12-03')).toBe(false);
    expect(procedureFitsInvoice('2026-10-01', '2026-12-03')).toBe(false);
  });
});
