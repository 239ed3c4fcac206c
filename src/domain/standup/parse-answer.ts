import {
  chooseDeadline,
  mentionContext,
  type DeadlineParse,
  type DeadlineRules,
} from './parse-deadline.js';
import { messageKind, type MessageKind } from './reading/courtesy.js';
import { cuesOf } from './reading/cues.js';
import { dateSpans, findDateMentions, type MentionContext } from './reading/date-mentions.js';
import { findSections, type AnswerPart, type Section } from './reading/labels.js';
import { daysAhead, readUnits, type Piece } from './reading/read-units.js';
import { isDeadlineOnly, joinerLength } from './reading/strip.js';
import { splitUnits } from './reading/units.js';

export type AnswerField = AnswerPart;

/** What one message says: its kind, any of the three parts, and a deadline problem. */
export interface ParsedAnswer {
  kind: MessageKind;
  reason?: string;
  plan?: string;
  deadline?: string;
  deadlineProblem?: 'past' | 'too_far';
  /** The day named when it is past or too far. */
  deadlineNamed?: string;
  /** The day named, when it was a day off and the deadline moved to the next working day. */
  deadlineMovedFrom?: string;
  /** Labelled, or with a clear sign of a plan: sent after a plan, it proposes a new one. */
  planLike: boolean;
}

const MIN_LETTERS = 3;

/** True when the text says something: at least a few letters, not only emoji or punctuation. */
export function isMeaningful(text: string): boolean {
  return (text.match(/\p{L}/gu) ?? []).length >= MIN_LETTERS;
}

/**
 * Reads a manager's message as a person would. Thanks, "ок", emoji, greetings and questions back
 * are not answers (`kind` says which). Labelled parts ("Причина: …", "План — …", "Срок: …") are
 * taken as labelled; unlabelled text is cut into sentences and clauses, each read as a reason
 * (what happened) or a plan (what I will do) by its signs, a piece with neither joining its
 * neighbour. `awaiting` is the part the bot asked for last: a message that could be anything
 * answers it. The deadline comes from what is said as one ("Срок: …", "к пятнице" alone), else
 * from the plan, never from the reason ("встречи перенесли на 10.12" is not a deadline).
 */
export function parseAnswer(
  text: string,
  awaiting: AnswerField | undefined,
  today: string,
  rules: DeadlineRules,
): ParsedAnswer {
  const message = text.replace(/(\d)\uFE0F?\u20E3/gu, '$1)').trim();
  const kind = messageKind(message);
  if (kind !== 'answer') {
    return { kind, planLike: false };
  }
  const context = mentionContext(today, rules);
  if (awaiting === 'deadline') {
    const found = chooseDeadline(findDateMentions(message, context), today, rules);
    return { kind, planLike: false, ...deadlineFields(found) };
  }
  const sections = findSections(message);
  const labelled = new Set(sections.map((s) => s.part));
  const pieces = [
    ...readUnits(
      message,
      [0, sections[0]?.labelAt ?? message.length],
      awaiting,
      context,
      labelled.has('plan') && !labelled.has('reason'),
    ),
    ...sections.flatMap((section) => readSection(message, section, labelled, context)),
  ];
  const deadline = deadlineOf(pieces, today, rules);
  const parts: ParsedAnswer = { kind, planLike: false, ...deadlineFields(deadline) };
  for (const part of ['reason', 'plan'] as const) {
    const joined = joinPieces(message, pieces, part);
    if (joined !== undefined) {
      parts[part] = joined;
    }
  }
  const planLike =
    sections.length > 0 || pieces.some((p) => p.part === 'plan' && cuesOf(p.text).strongPlan);
  return { ...parts, planLike };
}

function deadlineFields(found: DeadlineParse): Partial<ParsedAnswer> {
  if (found.ok) {
    return found.movedFrom === undefined
      ? { deadline: found.day }
      : { deadline: found.day, deadlineMovedFrom: found.movedFrom };
  }
  if (found.reason === 'none') {
    return {};
  }
  return found.day === undefined
    ? { deadlineProblem: found.reason }
    : { deadlineProblem: found.reason, deadlineNamed: found.day };
}

/** A deadline said as one wins; otherwise the plan's. */
function deadlineOf(pieces: readonly Piece[], today: string, rules: DeadlineRules): DeadlineParse {
  const said = chooseDeadline(
    pieces.filter((p) => p.part === 'deadline' || p.saysDeadline).flatMap((p) => p.mentions),
    today,
    rules,
  );
  if (said.ok || said.reason !== 'none') {
    return said;
  }
  return chooseDeadline(
    pieces.filter((p) => p.part === 'plan').flatMap((p) => p.mentions),
    today,
    rules,
  );
}

/**
 * A labelled section is what its label says, with two exceptions a person makes too: a line that
 * is only a date is the deadline, and a clear plan written under "Причина" when no "План" label
 * exists ("Причина простая — болел. Выйду на норму к 1 декабря.") is the plan.
 */
function readSection(
  message: string,
  section: Section,
  labelled: ReadonlySet<AnswerPart>,
  context: MentionContext,
): Piece[] {
  const pieces: Piece[] = [];
  if (section.qualifier !== undefined) {
    const { start, end } = section.qualifier;
    const text = message.slice(start, end).trim();
    pieces.push(piece(text, start, end, 'deadline', context));
  }
  const runOn =
    (section.part === 'reason' && !labelled.has('plan')) ||
    (section.part === 'plan' && !labelled.has('deadline'));
  const units = splitUnits(message, [section.start, section.end], runOn);
  if (section.part === 'deadline') {
    const text = message.slice(section.start, section.end);
    return [...pieces, piece(text, section.start, section.end, 'deadline', context)];
  }
  for (const unit of units) {
    const mentions = findDateMentions(unit.text, context);
    const cues = cuesOf(unit.text, daysAhead(mentions, context));
    let part: AnswerPart = section.part;
    if (units.length > 1 && (isDeadlineOnly(unit.text, mentions) || saysDeadline(unit.text))) {
      part = 'deadline';
    } else if (part === 'reason' && !labelled.has('plan') && cues.strongPlan && cues.reason === 0) {
      part = 'plan';
    } else if (part === 'plan' && !labelled.has('reason') && cues.reason >= 3 && cues.plan === 0) {
      part = 'reason';
    }
    pieces.push({ ...unit, part, mentions, saysDeadline: false });
  }
  return pieces;
}

/** A clause that opens with "срок"/"deadline" and names a day. */
function saysDeadline(text: string): boolean {
  return (
    /^(?:срок\p{L}*|дедлайн|deadline|eta|due)(?![\p{L}])/iu.test(text) && dateSpans(text).length > 0
  );
}

function piece(
  text: string,
  start: number,
  end: number,
  part: AnswerPart,
  context: MentionContext,
): Piece {
  return {
    text,
    start,
    end,
    intro: false,
    sentence: -1,
    part,
    mentions: findDateMentions(text, context),
    saysDeadline: false,
  };
}

/** What may stand between two pieces of one stretch: punctuation, list numbers, emoji. */
const JOINABLE_GAP =
  /^(?:[\s,.;:!?—–\-•*·▪►→()]|\p{Extended_Pictographic}|[\u{1F3FB}-\u{1F3FF}]|\uFE0F|\u200D|\d{1,2}[.)])*$/u;

/** The pieces of one part, given back as written: neighbours as one stretch, others on lines. */
function joinPieces(message: string, pieces: readonly Piece[], part: 'reason' | 'plan') {
  const mine = pieces.filter((p) => p.part === part).sort((a, b) => a.start - b.start);
  if (mine.length === 0) {
    return undefined;
  }
  const groups: Piece[][] = [];
  for (const p of mine) {
    const group = groups.at(-1);
    const last = group?.at(-1);
    if (
      group !== undefined &&
      last !== undefined &&
      JOINABLE_GAP.test(message.slice(last.end, p.start))
    ) {
      group.push(p);
    } else {
      groups.push([p]);
    }
  }
  const texts = groups.map((group) => {
    const first = group[0]!;
    const last = group.at(-1)!;
    const numbered = group.filter((p) => p.item !== undefined).length > 1;
    const start = numbered && first.markerAt !== undefined ? first.markerAt : first.start;
    const text = message.slice(start, last.end);
    return text.slice(start === first.start ? joinerLength(text, part) : 0).trim();
  });
  const text = texts
    .filter((t) => t !== '')
    .join('\n')
    .replace(/[\s,.;:—–-]+$/u, '');
  return text === '' ? undefined : text;
}
