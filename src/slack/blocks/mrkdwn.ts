/** Escapes the three characters Slack's mrkdwn gives meaning to in free text. */
export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A Slack user mention, or the plain name when there is no Slack user. */
export function who(slackUserId: string | null, name: string | null): string {
  if (slackUserId) return `<@${slackUserId}>`;
  return esc(name ?? 'someone');
}
