import type { App } from '@slack/bolt';

import type { AppContext } from '../../context.js';
import {
  helpMessage,
  invoiceMessage,
  mineMessage,
  patientMessage,
  dayMessage,
} from '../blocks/lookup.js';
import type { SlackMessage } from '../blocks/kit.js';
import {
  dayAnswer,
  invoiceAnswer,
  mineAnswer,
  patientAnswer,
  viewerOf,
} from '../../lookup/answers.js';
import { parseCommand, type ChartlinkCommand } from '../commands/parse.js';
import { answering } from './reply.js';

/** Registers `/chartlink`: ack at once, then answer only the person who asked. */
export function register(app: App, ctx: AppContext): void {
  app.command('/chartlink', async ({ ack, command, respond }) => {
    await ack();

    // The text itself may hold a patient name, so only what kind of command it was is logged.
    const log = ctx.logger.child({ userId: command.user_id, command: '/chartlink' });
    const reply = (message: SlackMessage) => respond({ response_type: 'ephemeral', ...message });

    await answering(
      log,
      (text) => respond({ response_type: 'ephemeral', text }),
      async () => {
        const parsed = parseCommand(command.text);
        await reply(await answer(ctx, command.user_id, parsed));
        log.info({ kind: parsed.kind }, 'command answered');
      },
    );
  });
}

/** The answer to a parsed command; help needs no mapping, everything else does. */
export async function answer(
  ctx: AppContext,
  slackUserId: string,
  parsed: ChartlinkCommand,
): Promise<SlackMessage> {
  if (parsed.kind === 'help') return helpMessage();

  const { staff, clinics } = await viewerOf(ctx, slackUserId);

  switch (parsed.kind) {
    case 'mine':
      return mineMessage(await mineAnswer(ctx, staff, clinics), staff.role);
    case 'invoice':
      return invoiceMessage(await invoiceAnswer(ctx, staff, clinics, parsed.number), parsed.number);
    case 'patient': {
      const { answers, more } = await patientAnswer(ctx, clinics, parsed.query);
      return patientMessage(answers, more);
    }
    case 'day':
      return dayMessage(
        await dayAnswer(ctx, clinics, parsed.date, parsed.provider),
        parsed.provider,
      );
  }
}
