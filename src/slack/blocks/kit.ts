import type { types } from '@slack/bolt';

/** Slack's Block Kit types, named once for the builders. */
export type Block = types.KnownBlock;
export type Option = types.PlainTextOption;

/** One message as chat.postMessage and chat.update take it. */
export interface SlackMessage {
  /** The plain-text fallback shown in notifications and by screen readers. */
  text: string;
  blocks: Block[];
}

/** Slack's limits that the builders keep to. */
export const LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  headerText: 150,
  optionsPerSelect: 100,
  optionText: 75,
  buttonValue: 2000,
  /**
   * The blocks of one message, serialised. Slack starts refusing or truncating messages at about
   * 12,000 characters of block content; counting the whole JSON keeps well under that.
   */
  blockCharsPerMessage: 11000,
} as const;

export function plain(text: string, max: number = LIMITS.sectionText): types.PlainTextElement {
  return { type: 'plain_text', text: text.slice(0, max), emoji: true };
}

/**
 * Section text within Slack's limit. Builders keep well under it; should a text still be too
 * long, it is cut at a line end, so no entity or mention is split, and says that it was.
 */
export function markdown(text: string): types.MrkdwnElement {
  if (text.length <= LIMITS.sectionText) return { type: 'mrkdwn', text };

  const room = text.slice(0, LIMITS.sectionText - 20);
  const cut = room.lastIndexOf('\n');
  return { type: 'mrkdwn', text: `${room.slice(0, cut > 0 ? cut : room.length)}\n… (cut short)` };
}
