import { parseDeadline, type DeadlineParse } from './parse-deadline.js';

export type AnswerField = 'reason' | 'plan' | 'deadline';

/** What one message says: any of the three parts, and a deadline problem if it named a bad one. */
export interface ParsedAnswer {
  reason?: string;
  plan?: string;
  deadline?: string;
  deadlineProblem?: 'past' | 'too_far';
}

const LABELS: [AnswerField, RegExp][] = [
  ['reason', /(?:^|\n|\s)(?:1[.)]\s*|причин[аы]\s*[:\-—]|reason\s*[:\-—]|почему\s*[:\-—])/i],
  [
    'plan',
    /(?:^|\n|\s)(?:2[.)]\s*|план\s*[:\-—]|plan\s*[:\-—]|что сделаю\s*[:\-—]|сделаю\s*[:\-—])/i,
  ],
  [
    'deadline',
    /(?:^|\n|\s)(?:3[.)]\s*|срок\s*[:\-—]|deadline\s*[:\-—]|by when\s*[:\-—]|когда\s*[:\-—])/i,
  ],
];
const MIN_LETTERS = 3;

/** True when the text says something: at least a few letters, not only emoji or punctuation. */
export function isMeaningful(text: string): boolean {
  return (text.match(/\p{L}/gu) ?? []).length >= MIN_LETTERS;
}

/**
 * Understands a manager's free answer as far as it can. Labelled parts ("Причина: …",
 * "План: …", "Срок: …", or "1) 2) 3)") are taken as labelled; otherwise a message that
 * names a date and has two sentences is read as reason then plan; otherwise the text answers
 * `awaiting`, the part the bot asked for last.
 */
export function parseAnswer(
  text: string,
  awaiting: AnswerField | undefined,
  today: string,
  zone: string,
  endOfWeek = 5,
): ParsedAnswer {
  const trimmed = text.trim();
  if (!isMeaningful(trimmed) && awaiting !== 'deadline') {
    return {};
  }
  const labelled = splitLabelled(trimmed);
  if (labelled !== undefined) {
    return withDeadline(labelled, labelled.deadline ?? '', today, zone, endOfWeek);
  }
  const deadline = parseDeadline(trimmed, today, zone, endOfWeek);
  if (awaiting === 'deadline') {
    return deadlineOnly(deadline);
  }
  const sentences = trimmed
    .split(/(?<=[.!?;])\s+|\n+/)
    .map((s) => s.trim())
    .filter(isMeaningful);
  if (deadline.ok && sentences.length >= 2 && (awaiting === 'reason' || awaiting === undefined)) {
    return { reason: sentences[0], plan: sentences.slice(1).join(' '), deadline: deadline.day };
  }
  const parsed: ParsedAnswer = {};
  if (awaiting === 'plan' || awaiting === 'reason') {
    parsed[awaiting] = trimmed;
  } else {
    parsed.plan = trimmed;
  }
  return { ...parsed, ...deadlineOnly(deadline) };
}

function deadlineOnly(deadline: DeadlineParse): ParsedAnswer {
  if (deadline.ok) {
    return { deadline: deadline.day };
  }
  return deadline.reason === 'none' ? {} : { deadlineProblem: deadline.reason };
}

function withDeadline(
  parts: Partial<Record<AnswerField, string>>,
  deadlineText: string,
  today: string,
  zone: string,
  endOfWeek: number,
): ParsedAnswer {
  const { deadline: _text, ...rest } = parts;
  const answer: ParsedAnswer = { ...rest };
  if (deadlineText === '') {
    const inPlan = parseDeadline(rest.plan ?? '', today, zone, endOfWeek);
    return inPlan.ok ? { ...answer, deadline: inPlan.day } : answer;
  }
  return { ...answer, ...deadlineOnly(parseDeadline(deadlineText, today, zone, endOfWeek)) };
}

/** Splits "Причина: … План: … Срок: …" (any order, any subset of at least one label). */
function splitLabelled(text: string): Partial<Record<AnswerField, string>> | undefined {
  const marks = LABELS.map(([field, pattern]) => {
    const match = pattern.exec(text);
    return match === null
      ? undefined
      : { field, start: match.index, end: match.index + match[0].length };
  })
    .filter((m): m is { field: AnswerField; start: number; end: number } => m !== undefined)
    .sort((a, b) => a.start - b.start);
  if (
    marks.length === 0 ||
    (marks.length === 1 &&
      marks[0]?.start !== 0 &&
      !/[:\-—]/.test(text.slice(marks[0]?.start ?? 0, marks[0]?.end ?? 0)))
  ) {
    return undefined;
  }
  const parts: Partial<Record<AnswerField, string>> = {};
  marks.forEach((mark, index) => {
    const value = text.slice(mark.end, marks[index + 1]?.start ?? text.length).trim();
    if (value !== '') {
      parts[mark.field] = value;
    }
  });
  return parts;
}
