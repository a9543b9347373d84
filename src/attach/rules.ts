import type { Invoice, Procedure } from '../db/schema.js';
import { ChartlinkError } from '../errors.js';
import { isAttachableKind, isLiveStatus, kindRule } from '../domain/invoiceKinds.js';
import { localDateOfInstant } from '../domain/time.js';
import { procedureFitsInvoice } from '../domain/windows.js';

/**
 * Every rule an invoice and a procedure must meet to be linked, checked on fresh rows. Links
 * already present are checked by the caller, which must also hold them against a race.
 */
export function assertAttachable(invoice: Invoice, procedure: Procedure, zone: string): void {
  const ids = { invoiceId: invoice.id, procedureId: procedure.id };

  if (!isAttachableKind(invoice.kind)) {
    const rule = kindRule(invoice.kind);
    throw new ChartlinkError('INVOICE_NOT_ATTACHABLE', {
      message: `This ${rule.label} invoice cannot take a procedure: ${rule.reason ?? ''}.`,
      detail: { ...ids, kind: invoice.kind },
    });
  }
  if (!isLiveStatus(invoice.status)) {
    throw new ChartlinkError('INVOICE_VOIDED', { detail: { ...ids, status: invoice.status } });
  }

  // A guest invoice has no patient, so it never matches one.
  if (invoice.patient_id === null || invoice.patient_id !== procedure.patient_id) {
    throw new ChartlinkError('PATIENT_MISMATCH', { detail: ids });
  }
  if (invoice.clinic_id !== procedure.clinic_id) {
    throw new ChartlinkError('CLINIC_MISMATCH', { detail: ids });
  }

  const invoiceDate = localDateOfInstant(invoice.created_at, zone);
  const procedureDate = localDateOfInstant(procedure.performed_at, zone);
  if (!procedureFitsInvoice(procedureDate, invoiceDate)) {
    throw new ChartlinkError('PROCEDURE_OUT_OF_WINDOW', {
      detail: { ...ids, invoiceDate, procedureDate },
    });
  }
}
