/**
 * Makes user text safe to echo inside a bot message: Bitrix24 has no escape for BB-codes, so
 * the brackets of anything that looks like a tag are replaced by look-alike full-width ones
 * ("[user=5]" could otherwise impersonate someone, "[send=/approve]" create an action). The
 * text stays readable; line breaks are kept; control characters are dropped; length capped.
 */
export function escapeBbCode(text: string, maxLength = 2_000): string {
  const clean = text
    // eslint-disable-next-line no-control-regex -- stripping control characters is the point
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .replace(/\[/g, '［')
    .replace(/\]/g, '］')
    .trim();
  return clean.length > maxLength ? `${clean.slice(0, maxLength - 1)}…` : clean;
}

/** A mention the portal renders as a link to the user. */
export function mention(userId: number, name: string): string {
  return `[user=${userId}]${escapeBbCode(name, 100)}[/user]`;
}
