/**
 * The kinds of invoice Aesthetic Record makes, and which of them can take a procedure. An invoice
 * that cannot must always be shown with the reason, so staff stop looking for an Attach button.
 */
export const INVOICE_KINDS = [
  'quickpay',
  'draft',
  'egift_card',
  'service_deposit',
  'membership_monthly',
  'membership_yearly',
  'online_package',
  'master',
  'guest',
  'cancellation_fee',
  'treatment_plan',
] as const;

export type InvoiceKind = (typeof INVOICE_KINDS)[number];

interface KindRule {
  label: string;
  attachable: boolean;
  /** Why an invoice of this kind has no Attach button; null for attachable kinds. */
  reason: string | null;
}

const MEMBERSHIP_REASON = 'a recurring membership fee, not a visit';

const RULES: Record<InvoiceKind, KindRule> = {
  quickpay: { label: 'Quick Pay', attachable: true, reason: null },
  draft: { label: 'Draft', attachable: true, reason: null },
  egift_card: {
    label: 'eGift card',
    attachable: false,
    reason: 'it sells a gift card, not a treatment',
  },
  service_deposit: {
    label: 'Service deposit',
    attachable: false,
    reason: "a booking deposit, applied later to the visit's own invoice",
  },
  membership_monthly: { label: 'Monthly membership', attachable: false, reason: MEMBERSHIP_REASON },
  membership_yearly: { label: 'Yearly membership', attachable: false, reason: MEMBERSHIP_REASON },
  online_package: {
    label: 'Online package',
    attachable: false,
    reason: 'a prepaid package, redeemed at later visits',
  },
  master: {
    label: 'Master invoice',
    attachable: false,
    reason: 'several invoices merged into one; attach to the invoices inside it',
  },
  guest: {
    label: 'Guest invoice',
    attachable: false,
    reason: 'guest checkout has no patient profile to chart on; check out on the profile instead',
  },
  cancellation_fee: {
    label: 'Cancellation fee',
    attachable: false,
    reason: 'a fee for a missed or late-cancelled visit',
  },
  treatment_plan: {
    label: 'Treatment plan',
    attachable: false,
    reason: 'charged against a treatment plan, not one visit',
  },
};

export function isInvoiceKind(value: string): value is InvoiceKind {
  return (INVOICE_KINDS as readonly string[]).includes(value);
}

/** The rule for a kind; an unknown kind (a newer AR export) is treated as not attachable. */
export function kindRule(kind: string): KindRule {
  if (isInvoiceKind(kind)) return RULES[kind];

  return { label: kind, attachable: false, reason: 'an invoice kind chartlink does not know' };
}

export function isAttachableKind(kind: string): boolean {
  return kindRule(kind).attachable;
}

/** Voided and fully refunded invoices are never candidates, whatever their kind. */
export function isLiveStatus(status: string): boolean {
  return status !== 'voided' && status !== 'refunded';
}
