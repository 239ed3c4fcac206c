import { readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import { z } from 'zod';
import {
  amendmentOf,
  missingPart,
  partsOf,
  type AnswerDraft,
} from '../src/domain/standup/answer-draft.js';
import { parseAnswer, type AnswerField } from '../src/domain/standup/parse-answer.js';
import type { DeadlineRules } from '../src/domain/standup/parse-deadline.js';

/**
 * The answers corpus: manager messages with the reason, plan and deadline a person reads in
 * them, read by the same functions the conversation uses, message by message.
 */
const headerSchema = z.object({
  calendar: z.object({
    zone: z.string(),
    workingDays: z.array(z.number().int().min(1).max(7)),
    daysOff: z.array(z.string()),
    maxDays: z.number().int().positive(),
  }),
  today: z.string().optional(),
});
const itemSchema = z.object({
  id: z.string(),
  today: z.string().optional(),
  say: z.union([z.string(), z.array(z.string()).min(1)]),
  reason: z.string().nullable(),
  plan: z.string().nullable(),
  deadline: z.string().nullable(),
  kind: z.enum(['courtesy', 'question']).optional(),
  /** The last message comes after the plan was complete: it must not replace it. */
  after: z.enum(['courtesy', 'question']).optional(),
});
export type CorpusItem = z.infer<typeof itemSchema> & { today: string };

export interface Corpus {
  rules: DeadlineRules;
  items: CorpusItem[];
}

export function loadCorpus(path: string): Corpus {
  const [first, ...rest] = readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
  const header = headerSchema.parse(JSON.parse(first ?? '{}'));
  const { zone, workingDays, daysOff, maxDays } = header.calendar;
  const off = new Set(daysOff);
  const rules: DeadlineRules = {
    zone,
    endOfWeek: Math.max(...workingDays),
    maxDays,
    isWorkingDay: (day) =>
      !off.has(day) && workingDays.includes(DateTime.fromISO(day, { zone }).weekday),
  };
  const items = rest.map((line) => {
    const item = itemSchema.parse(JSON.parse(line));
    return { ...item, today: item.today ?? header.today ?? '' };
  });
  return { rules, items };
}

/** What the bot made of an item's messages, as the conversation would have. */
export interface Reading extends AnswerDraft {
  /** A message after the plan was complete that the bot would offer as a replacement. */
  proposed: boolean;
}

export function readItem(item: CorpusItem, rules: DeadlineRules): Reading {
  let draft: AnswerDraft = {};
  let awaiting: AnswerField | undefined = 'reason';
  let proposed = false;
  for (const text of typeof item.say === 'string' ? [item.say] : item.say) {
    if (awaiting === undefined) {
      proposed ||=
        amendmentOf(draft, parseAnswer(text, undefined, item.today, rules)) !== undefined;
      continue;
    }
    draft = { ...draft, ...partsOf(parseAnswer(text, awaiting, item.today, rules)) };
    awaiting = missingPart(draft);
  }
  return { ...draft, proposed };
}

/** Text compared as words: case, punctuation, emoji and list numbers do not matter. */
export function sameText(a: string | null | undefined, b: string | null | undefined): boolean {
  const words = (s: string | null | undefined) =>
    (s ?? '')
      .toLowerCase()
      .replace(/ё/g, 'е')
      .replace(/(?:^|\s)\d{1,2}[.)](?=\s|\p{L})/gu, ' ')
      .match(/[\p{L}\p{N}]+/gu)
      ?.join(' ') ?? '';
  return words(a) === words(b);
}

export interface Verdict {
  item: CorpusItem;
  reading: Reading;
  deadlineRight: boolean;
  fullyRight: boolean;
  /** A courtesy or question after the plan changed it or was offered as a new plan. */
  courtesyReplaced: boolean;
}

export function judge(item: CorpusItem, rules: DeadlineRules): Verdict {
  const reading = readItem(item, rules);
  const deadlineRight = (reading.deadline ?? null) === item.deadline;
  const fullyRight =
    deadlineRight && sameText(reading.reason, item.reason) && sameText(reading.plan, item.plan);
  const courtesyReplaced = item.after !== undefined && changedByLast(item, reading, rules);
  return { item, reading, deadlineRight, fullyRight, courtesyReplaced };
}

/** The last message (a courtesy or a question) changed the answer or proposed a new one. */
function changedByLast(item: CorpusItem, reading: Reading, rules: DeadlineRules): boolean {
  const messages = typeof item.say === 'string' ? [item.say] : item.say;
  const before = readItem({ ...item, say: messages.slice(0, -1) }, rules);
  return (
    reading.proposed ||
    (['reason', 'plan', 'deadline'] as const).some((part) => reading[part] !== before[part])
  );
}

export interface CorpusFigures {
  items: number;
  fullyRight: number;
  deadlinesRight: number;
  courtesyReplaced: number;
  wrong: Verdict[];
}

export function evaluateCorpus(corpus: Corpus): CorpusFigures {
  const verdicts = corpus.items.map((item) => judge(item, corpus.rules));
  const share = (n: number) => Math.round((n / verdicts.length) * 1000) / 10;
  return {
    items: verdicts.length,
    fullyRight: share(verdicts.filter((v) => v.fullyRight).length),
    deadlinesRight: share(verdicts.filter((v) => v.deadlineRight).length),
    courtesyReplaced: verdicts.filter((v) => v.courtesyReplaced).length,
    wrong: verdicts.filter((v) => !v.fullyRight),
  };
}
