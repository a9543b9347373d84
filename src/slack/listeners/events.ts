import type { App } from '@slack/bolt';

import { findStaff } from '../../attach/staff.js';
import type { AppContext } from '../../context.js';
import { homeView, unmappedHomeView } from '../blocks/home.js';
import { homeAnswer, viewerOf } from '../../lookup/answers.js';
import { safeError } from './reply.js';

/** Registers App Home: its view is published each time someone opens the Home tab. */
export function register(app: App, ctx: AppContext): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    const log = ctx.logger.child({ userId: event.user, event: 'app_home_opened' });

    try {
      const view = await homeFor(ctx, event.user);
      await client.views.publish({ user_id: event.user, view });
      log.info('home published');
    } catch (err) {
      // Nobody waits on an event's answer: the log is the only place to tell.
      log.error({ err: safeError(err) }, 'home not published');
      throw err;
    }
  });
}

/** The Home view for a Slack user: their items, or how to get mapped. */
export async function homeFor(ctx: AppContext, slackUserId: string) {
  if (!(await findStaff(ctx.db, slackUserId))) return unmappedHomeView(slackUserId);

  const { staff, clinics } = await viewerOf(ctx, slackUserId);
  return homeView(await homeAnswer(ctx, staff, clinics), staff.role);
}
