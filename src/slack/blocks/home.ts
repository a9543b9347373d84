import { OPEN_CLASS_LABELS, OPEN_CLASSES } from '../../domain/classify.js';
import { ageingLine, money, monthDay, percent, shortDate } from '../../render/format.js';
import type { HomeClinic } from '../../lookup/answers.js';
import { itemHeadline } from './digest.js';
import { markdown, plain, type Block } from './kit.js';
import { esc } from './mrkdwn.js';

/*
 * App Home: the viewer's open items and the latest digest figures of their clinics. A home view
 * may hold 100 blocks; this one stays within a message's 50 so it reads at a glance.
 */

export interface HomeView {
  type: 'home';
  blocks: Block[];
}

const MAX_HOME_BLOCKS = 50;

/** The view of someone chartlink does not know: how to get mapped. */
export function unmappedHomeView(slackUserId: string): HomeView {
  const text = [
    '*chartlink does not know you yet.*',
    'Your Slack account must be linked to your employee record before you can see or attach anything.',
    `Ask an admin to add your Slack user id \`${esc(slackUserId)}\` to your employee record in chartlink.`,
  ].join('\n');

  return { type: 'home', blocks: [{ type: 'section', text: markdown(text) }] };
}

/** The view of a mapped person: managers see all open items, providers their own. */
export function homeView(clinics: HomeClinic[], role: string): HomeView {
  const blocks: Block[] = [{ type: 'header', text: plain('chartlink', 150) }];

  if (clinics.length === 0) {
    blocks.push({ type: 'section', text: markdown('You are not linked to any clinic yet.') });
  }
  for (const clinic of clinics) blocks.push(...clinicBlocks(clinic, role), { type: 'divider' });

  return { type: 'home', blocks: blocks.slice(0, MAX_HOME_BLOCKS) };
}

function clinicBlocks(home: HomeClinic, role: string): Block[] {
  const counts = OPEN_CLASSES.filter((c) => home.openByClass[c] > 0)
    .map((c) => `${OPEN_CLASS_LABELS[c]}: *${home.openByClass[c]}*`)
    .join('\n');
  const since = monthDay(home.summary.since);
  const heading =
    role === 'provider' ? `Your open items since ${since}` : `Oldest open items since ${since}`;
  const items = home.items.map(
    (i) => `• ${monthDay(i.localDate)} ${itemHeadline({ ...i, carriedOver: false })}`,
  );

  return [
    {
      type: 'section',
      text: markdown(
        `*${esc(home.clinic.name)}*: open since ${since}\n${counts || 'Nothing open.'}`,
      ),
    },
    { type: 'context', elements: [markdown(figuresLine(home))] },
    {
      type: 'section',
      text: markdown(`*${heading}*\n${items.length > 0 ? items.join('\n') : 'None.'}`),
    },
  ];
}

/** Live money and ageing, then the completion of the last digest's day as it was posted. */
function figuresLine(home: HomeClinic): string {
  const s = home.summary;
  const live = [
    `${money(s.untiedCents)} not tied to a chart since ${monthDay(s.since)}`,
    ageingLine(s, String),
  ];
  return [...live, lastDigestLine(home.latest)].join('\n');
}

function lastDigestLine(latest: HomeClinic['latest']): string {
  if (!latest) return 'No digest posted yet.';

  const s = latest.summary;
  const day = `Last digest, ${shortDate(latest.localDate)}`;
  if (s.appointments === undefined || s.complete === undefined) return day;
  return `${day}: ${s.complete}/${s.appointments} complete when posted (${percent(s.complete, s.appointments)})`;
}
