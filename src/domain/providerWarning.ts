/**
 * AR asks staff to settle the invoice's employees and tip split before attaching. When the
 * procedure's provider is not among the invoice's employees, the split is probably wrong, and the
 * suggestion says so.
 */
export function providerWarning(
  invoiceEmployeeIds: readonly number[],
  providerId: number,
  providerName: string,
): string | null {
  if (invoiceEmployeeIds.length === 0) {
    return `No employees on the invoice yet: add ${providerName} and the tip split before attaching.`;
  }
  if (!invoiceEmployeeIds.includes(providerId)) {
    return `${providerName} is not on the invoice's employees: fix the tip split before attaching.`;
  }
  return null;
}
