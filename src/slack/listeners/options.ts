import type { App } from '@slack/bolt';

import { invoiceById, openProceduresFor } from '../../repo/lookups.js';
import { findStaff, managesClinic } from '../../attach/staff.js';
import type { AppContext } from '../../context.js';
import { localDateOfInstant } from '../../domain/time.js';
import { ACTION, procedureOption } from '../blocks/digest.js';
import { LIMITS, type Option } from '../blocks/kit.js';
import { invoiceIdOf } from './actions.js';
import { safeError } from './reply.js';

/*
 * The search select next to each Attach button: the patient's open procedures at the invoice's
 * clinic near its date, filtered by what was typed. Options carry titles, dates and providers,
 * never patient names. Slack shows whatever the ack carries, so here the answer is the ack.
 */

/** Registers the options listener of the search select. */
export function register(app: App, ctx: AppContext): void {
  app.options(ACTION.search, async ({ ack, body }) => {
    const log = ctx.logger.child({ userId: body.user.id, action: 'search' });

    try {
      const options = await searchOptions(ctx, body.user.id, body.block_id ?? '', body.value);
      await ack({ options });
    } catch (err) {
      // An empty list is all a select can show; the failure goes to the log.
      log.error({ err: safeError(err) }, 'procedure search failed');
      await ack({ options: [] });
    }
  });
}

/** The options for one search; nothing for an unknown user, invoice or clinic. */
export async function searchOptions(
  ctx: AppContext,
  slackUserId: string,
  blockId: string,
  typed: string,
): Promise<Option[]> {
  const invoiceId = invoiceIdOf({ block_id: blockId });
  const staff = await findStaff(ctx.db, slackUserId);
  if (invoiceId === null || !staff) return [];

  const found = await invoiceById(ctx.db, invoiceId);
  if (!found) return [];

  const provider = staff.role === 'provider';
  if (!provider && !managesClinic(staff, found.invoice.clinic_id)) return [];

  const procedures = await openProceduresFor(ctx.db, found, {
    text: typed.slice(0, 100),
    limit: LIMITS.optionsPerSelect,
    ...(provider ? { providerId: staff.employeeId } : {}),
  });

  return procedures.map((p) =>
    procedureOption(p.id, p.title, localDateOfInstant(p.performedAt, found.zone), p.providerName),
  );
}
