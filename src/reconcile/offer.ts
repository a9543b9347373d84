import { kindRule } from '../domain/invoiceKinds.js';
import { providerWarning } from '../domain/providerWarning.js';
import { localDateOfInstant } from '../domain/time.js';
import type { Matcher, MatchProcedure } from '../matching/index.js';
import type { InvoiceFact, ProcedureFact } from '../repo/facts.js';
import type { AttachOffer, Candidate } from './model.js';

/**
 * Ranks open procedures for an invoice into what a select offers: the candidates best first,
 * the verdict, and the preselection only when the ranking is confident. The digest, the
 * `/chartlink invoice` answer and the command line all rank through here.
 */
export function rankOffer(
  matcher: Matcher,
  invoice: InvoiceFact,
  zone: string,
  pool: ProcedureFact[],
  maxCandidates: number,
): AttachOffer {
  const invoiceDate = localDateOfInstant(invoice.createdAt, zone);
  const suggestion = matcher.rank(
    {
      number: invoice.number,
      date: invoiceDate,
      employees: invoice.employees.map((e) => e.name),
      items: invoice.lines,
      appointmentId: invoice.appointmentId === null ? null : String(invoice.appointmentId),
    },
    pool.map((p) => toMatchProcedure(p, zone)),
  );

  const byId = new Map(pool.map((p) => [String(p.id), p]));
  const employeeIds = invoice.employees.map((e) => e.id);
  const candidates = suggestion.ranked.map((r) => toCandidate(byId.get(r.id)!, zone, employeeIds));

  return {
    invoiceId: invoice.id,
    invoiceNumber: invoice.number,
    kindLabel: kindRule(invoice.kind).label,
    invoiceDate,
    totalCents: invoice.totalCents,
    candidates: candidates.slice(0, maxCandidates),
    candidateCount: candidates.length,
    verdict: suggestion.verdict,
    preselectedId: suggestion.confident ? (candidates[0]?.procedureId ?? null) : null,
  };
}

function toMatchProcedure(p: ProcedureFact, zone: string): MatchProcedure {
  return {
    id: String(p.id),
    title: p.title,
    kind: p.kind,
    date: localDateOfInstant(p.performedAt, zone),
    provider: p.providerName,
    appointmentId: p.appointmentId === null ? null : String(p.appointmentId),
  };
}

function toCandidate(p: ProcedureFact, zone: string, invoiceEmployeeIds: number[]): Candidate {
  return {
    procedureId: p.id,
    title: p.title,
    date: localDateOfInstant(p.performedAt, zone),
    providerName: p.providerName,
    warning: providerWarning(invoiceEmployeeIds, p.providerId, p.providerName),
  };
}
