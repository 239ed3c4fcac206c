import { isCourtesy } from './courtesy.js';
import { cuesOf } from './cues.js';
import { findDateMentions, type DateMention, type MentionContext } from './date-mentions.js';
import type { AnswerPart } from './labels.js';
import { isDeadlineOnly, noiseLength } from './strip.js';
import { splitUnits, type Unit } from './units.js';

/** A unit read as one part of an answer, with the days it names. */
export interface Piece extends Unit {
  part: AnswerPart;
  mentions: DateMention[];
  /** A clause that is only a date, kept in its sentence's text but read as the deadline. */
  saysDeadline: boolean;
}

type Reading = AnswerPart | 'neutral';
const DEADLINE_LABEL = /^(?:срок\p{L}*|дедлайн|deadline|eta|due)(?![\p{L}])/iu;

/**
 * Reads the unlabelled stretch of a message: each unit by its own signs; a unit with none
 * continues its neighbour (a colon-ended intro goes with what follows, a numbered item by its
 * place: the first is the reason). A message that is one neutral unit answers `awaiting`; when
 * the bot asked for the plan, all of it is the plan.
 */
export function readUnits(
  message: string,
  range: readonly [number, number],
  awaiting: AnswerPart | undefined,
  context: MentionContext,
  beforePlanLabel = false,
): Piece[] {
  const read = splitUnits(message, range, true).flatMap((unit) => {
    const cut = noiseLength(unit.text);
    const text = unit.text.slice(cut);
    if (!/[\p{L}\p{N}]/u.test(text) || isCourtesy(text)) {
      return [];
    }
    const mentions = findDateMentions(text, context);
    const reading = readingOf(text, mentions, context, beforePlanLabel);
    return [{ unit: { ...unit, text, start: unit.start + cut }, mentions, reading }];
  });
  const content = read.filter((r) => r.reading !== 'deadline');
  const asked = awaiting === 'plan' && !content.some((r) => r.reading === 'plan');
  const raw = read.map((r) => r.reading);
  const readings: AnswerPart[] = [];
  read.forEach((r, i) => {
    if (r.reading !== 'neutral') {
      readings.push(asked && r.reading === 'reason' ? 'plan' : r.reading);
    } else {
      readings.push(resolveNeutral(raw, readings, i, r.unit, awaiting));
    }
  });
  return read.map((r, i) => {
    const part = readings[i] ?? 'reason';
    if (part !== 'deadline' || DEADLINE_LABEL.test(r.unit.text)) {
      return { ...r.unit, part, mentions: r.mentions, saysDeadline: false };
    }
    // A date that is a clause of a longer sentence stays in that sentence's text.
    const mate = [...readings.slice(0, i).entries()]
      .reverse()
      .concat([...readings.entries()].slice(i + 1))
      .find(([j, p]) => p !== 'deadline' && read[j]?.unit.sentence === r.unit.sentence)?.[1];
    return mate === undefined
      ? { ...r.unit, part, mentions: r.mentions, saysDeadline: false }
      : { ...r.unit, part: mate, mentions: r.mentions, saysDeadline: true };
  });
}

/**
 * A unit's own reading. Before a "План:" label, what is not clearly a plan is the reason: a
 * person reads "После праздников раскачиваюсь. План: …" as a reason, then the plan.
 */
function readingOf(
  text: string,
  mentions: DateMention[],
  context: MentionContext,
  beforePlanLabel: boolean,
): Reading {
  if (isDeadlineOnly(text, mentions) || (DEADLINE_LABEL.test(text) && mentions.length > 0)) {
    return 'deadline';
  }
  const cues = cuesOf(text, daysAhead(mentions, context));
  if (beforePlanLabel) {
    return cues.strongPlan ? 'plan' : 'reason';
  }
  return cues.plan > cues.reason ? 'plan' : cues.reason > cues.plan ? 'reason' : 'neutral';
}

/** Days ahead named as a limit or in relative words: "к пятнице", "завтра", not "в пятницу был". */
export function daysAhead(mentions: readonly DateMention[], context: MentionContext): number {
  return mentions.filter(
    (m) =>
      m.day > context.today &&
      !m.beginning &&
      (m.anchored ||
        m.kind === 'relative' ||
        // "на этой неделе" looks ahead; "конец месяца" alone is a thing, not a limit
        (m.kind === 'period' && !m.at && !/^(?:кон|end)/iu.test(m.text))),
  ).length;
}

/** A unit with no signs of its own: `raw` are all units' own readings, `done` those resolved. */
function resolveNeutral(
  raw: readonly Reading[],
  done: readonly AnswerPart[],
  index: number,
  unit: Unit,
  awaiting: AnswerPart | undefined,
): AnswerPart {
  const content = (r: Reading | undefined): r is 'reason' | 'plan' =>
    r === 'reason' || r === 'plan';
  if (unit.intro) {
    const next = raw.slice(index + 1).find(content);
    if (next !== undefined) {
      return next;
    }
  }
  if (unit.item !== undefined) {
    return unit.item === 1 ? 'reason' : 'plan';
  }
  const before = done.filter(content).at(-1);
  if (before !== undefined) {
    return before;
  }
  if (awaiting === 'plan' && !raw.some((r) => r === 'reason')) {
    return 'plan';
  }
  return 'reason';
}
