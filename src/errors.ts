/**
 * Coded errors. Each code carries one sentence for the person who hit it (what happened, what to
 * do); the technical detail goes to the log only. Tests assert the code, never the wording.
 */
export const ERROR_SENTENCES = {
  CONFIG_INVALID: 'The configuration is not valid.',
  DB_UNAVAILABLE: 'The database did not answer. Nothing was changed; try again in a minute.',
  NOT_MAPPED:
    'Your Slack account is not linked to an employee in chartlink. Ask an admin to add your Slack user id.',
  NOT_ALLOWED: 'You are not allowed to attach procedures for this clinic.',
  NOT_OWN_PROCEDURE: 'Providers can attach only their own procedures.',
  INVOICE_NOT_FOUND: 'That invoice no longer exists.',
  PROCEDURE_NOT_FOUND: 'That procedure no longer exists.',
  INVOICE_NOT_ATTACHABLE: 'This kind of invoice cannot take a procedure.',
  INVOICE_VOIDED: 'The invoice was voided or refunded, so nothing was attached.',
  PATIENT_MISMATCH: 'The procedure belongs to another patient than the invoice.',
  CLINIC_MISMATCH: 'The procedure was charted at another clinic than the invoice.',
  INVOICE_ALREADY_LINKED: 'The invoice already has a procedure attached.',
  PROCEDURE_ALREADY_LINKED: 'The procedure is already attached to another invoice.',
  NO_PROCEDURE_CHOSEN: 'Pick a procedure in the menu first, then press Attach.',
  LINK_NOT_FOUND: 'There is no attachment to undo.',
  UNDO_EXPIRED: 'Undo is possible for 10 minutes after attaching; ask an admin to undo it now.',
  UNDO_NOT_ALLOWED: 'Only the person who attached it, or an admin, can undo this attachment.',
  PROCEDURE_OUT_OF_WINDOW:
    'The procedure was charted too long before or after the invoice to belong to it.',
  INTERNAL:
    'Something went wrong and chartlink could not finish. Try again; if it keeps happening, tell an admin.',
  BAD_REQUEST: 'That request could not be read. Nothing was changed.',
  RUN_CLAIMED: 'Another copy is already running this digest.',
  SLACK_FAILED: 'Slack refused the message.',
} as const;

export type ErrorCode = keyof typeof ERROR_SENTENCES;

export class ChartlinkError extends Error {
  readonly code: ErrorCode;
  readonly userMessage: string;
  readonly detail: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    options: { message?: string; detail?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(options.message ?? ERROR_SENTENCES[code], { cause: options.cause });
    this.name = 'ChartlinkError';
    this.code = code;
    this.userMessage = options.message ?? ERROR_SENTENCES[code];
    this.detail = options.detail ?? {};
  }
}

export function isChartlinkError(err: unknown, code?: ErrorCode): err is ChartlinkError {
  return err instanceof ChartlinkError && (code === undefined || err.code === code);
}
