import type { ConversationSummary } from './route.js';

/** The plan a head's text is about, and the text without its address. */
export interface Addressed {
  id: string;
  text: string;
}

/** Phases in which the head may still decide on or correct a plan. */
const DECIDABLE = new Set(['answered', 'correcting', 'discuss', 'revising']);

/** A quote the chat inserts: a line of dashes, who and when, the quoted text, dashes again. */
const QUOTE = /^-{10,}\s*\n([\s\S]*?)\n-{10,}\s*\n?/u;

const lower = (s: string) => s.toLowerCase().replace(/ё/g, 'е');

/**
 * Finds which open plan the head's text is about, as a person reading the chat would: a reply
 * to a plan's card (`replyTo` is the card's message), a quote of the card, or the manager's
 * name before a colon or a dash ("Иван: добавь 10 встреч", "Петров — звонки до обеда").
 */
export function addressOf(
  text: string,
  replyTo: number | undefined,
  open: readonly ConversationSummary[],
): Addressed | undefined {
  const decidable = open.filter((c) => DECIDABLE.has(c.phase));
  if (replyTo !== undefined) {
    const card = decidable.find((c) => c.headCardMessageId === replyTo);
    if (card !== undefined) {
      return { id: card.id, text };
    }
  }
  const quote = QUOTE.exec(text);
  if (quote !== null) {
    const rest = text.slice(quote[0].length).trim();
    const quoted = lower(quote[1] ?? '');
    const named = decidable.filter((c) => quoted.includes(lower(c.managerName)));
    if (named.length === 1 && named[0] !== undefined) {
      return { id: named[0].id, text: rest };
    }
  }
  return byName(text, decidable);
}

/** "Иван: …": the full name, the first or the last name, when only one manager has it. */
function byName(text: string, open: readonly ConversationSummary[]): Addressed | undefined {
  const head = /^\s*([\p{L}\- ]{2,60}?)\s*(?::|—|–|,|\s-\s)\s*([\s\S]+)$/u.exec(text);
  if (head === null) {
    return undefined;
  }
  const said = lower(head[1] ?? '').trim();
  const matches = open.filter((c) => {
    const name = lower(c.managerName).trim();
    const words = name.split(/\s+/);
    return said === name || (words.length > 1 && (said === words[0] || said === words.at(-1)));
  });
  const unique = [...new Set(matches.map((c) => c.managerId))];
  const match = matches.sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  return unique.length === 1 && match !== undefined
    ? { id: match.id, text: head[2] ?? '' }
    : undefined;
}
