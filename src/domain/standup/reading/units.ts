import { cuesOf, firstPlanWord, lastReasonEnd } from './cues.js';
import { dateSpans } from './date-mentions.js';

/**
 * A piece of a message small enough to be one thing: a list item, a sentence, or a clause of a
 * run-on sentence. `start` and `end` point into the message, so pieces of one kind that sit side
 * by side are given back as the writer wrote them.
 */
export interface Unit {
  text: string;
  start: number;
  end: number;
  /** The number of a numbered list item ("2)" is 2), when it was one. */
  item?: number;
  /** Where its list marker starts, for giving a list back with its numbers. */
  markerAt?: number;
  /** It ends with a colon: it introduces what follows ("Список на неделю:"). */
  intro: boolean;
  /** Which sentence of the message it belongs to: clauses of one sentence share it. */
  sentence: number;
}

type Range = readonly [number, number];

const LIST_MARKER =
  /^[ \t]*(?:(\d{1,2})[.)](?!\d)|(\d{1,2})[ \t]+[-—–](?=[ \t])|[-•*–—·▪►✅✔➖→])[ \t]*/u;
const INLINE_NUMBER = /(?:^|\s)(\d{1,2})\)\s*/gu;
const SENTENCE_END =
  /(?<=[.!?;…])\s+|(?<=[.!?])(?=\p{Lu})|\s*[\p{Extended_Pictographic}\uFE0F\u200D]+\s*|(?<=\){1,}|\({2,})\s+/gu;
const ABBREVIATION =
  /(?:^|[\s(])(?:т\.\s?к|т\.\s?е|т\.\s?ч|тех|др|пр|etc|e\.g|i\.e|vs|тыс|руб|шт|г|ул|д|мин|ч|янв|фев|мар|апр|авг|сент?|окт|нояб?|дек|jan|feb|mar|apr|aug|sept?|oct|nov|dec|approx|incl)\.$/iu;
const CLAUSE_BREAK =
  /\s*[,;]\s*(?!\s*(?:кого|которы\p{L}*|котор\p{L}*|что|чтобы|где|как|чем|who|which|that|where)\s)|\s+[—–-]\s+|\s+(?=(?:поэтому|так что|а|но|зато|однако|so|but|and then|hence)\s)/gu;
const EDGE = /^[\s,.;:!?—–-]+|[\s,.;:—–-]+$/gu;

/** Splits a message into list items and sentences, and (with `clauses`) run-ons into clauses. */
export function splitUnits(text: string, range: Range = [0, text.length], clauses = true): Unit[] {
  const units: Unit[] = [];
  let count = 0;
  for (const item of listItems(text, range)) {
    for (const [index, sentence] of sentencesOf(text, item.range).entries()) {
      const pieces = clauses ? clausesOf(text, sentence) : [sentence];
      const number = count++;
      units.push(
        ...pieces.map((r, i) =>
          unit(text, r, index === 0 && i === 0 ? item : { range: item.range }, number),
        ),
      );
    }
  }
  return units.filter((u) => /[\p{L}\p{N}]/u.test(u.text));
}

interface Item {
  range: Range;
  item?: number;
  markerAt?: number;
}

function unit(text: string, [start, end]: Range, item: Item, sentence: number): Unit {
  const raw = text.slice(start, end);
  const lead = raw.length - raw.replace(/^[\s,.;:!?—–-]+/u, '').length;
  const trimmed = raw.slice(lead).replace(/[\s,.;:—–-]+$/u, '');
  const at = start + lead;
  const intro = /^\s*:/u.test(text.slice(at + trimmed.length, end + 2));
  const base: Unit = { text: trimmed, start: at, end: at + trimmed.length, intro, sentence };
  return item.item === undefined
    ? base
    : {
        ...base,
        item: item.item,
        ...(item.markerAt === undefined ? {} : { markerAt: item.markerAt }),
      };
}

function listItems(text: string, [from, to]: Range): Item[] {
  const items: Item[] = [];
  let lineStart = from;
  for (const line of text.slice(from, to).split('\n')) {
    const start = lineStart;
    lineStart += line.length + 1;
    const marker = LIST_MARKER.exec(line);
    const number = marker?.[1] ?? marker?.[2];
    const body: Range = [start + (marker?.[0].length ?? 0), start + line.length];
    const inline = inlineItems(text, [start, start + line.length]);
    if (inline.length > 1) {
      items.push(...inline);
    } else if (number === undefined) {
      items.push({ range: body });
    } else {
      const markerAt = start + (marker?.[0].length ?? 0) - (marker?.[0].trimStart().length ?? 0);
      items.push({ range: body, item: Number(number), markerAt });
    }
  }
  return items;
}

/** "1) болел 2) догоню 3) чт" on one line: items only when they count up from 1. */
function inlineItems(text: string, [from, to]: Range): Item[] {
  const line = text.slice(from, to);
  const marks = [...line.matchAll(INLINE_NUMBER)];
  if (marks.length < 2 || !marks.every((m, i) => Number(m[1]) === i + 1)) {
    return [];
  }
  return marks.map((m, i) => ({
    range: [from + m.index + m[0].length, from + (marks[i + 1]?.index ?? line.length)],
    item: i + 1,
    markerAt: from + m.index + m[0].length - m[0].trimStart().length,
  }));
}

function sentencesOf(text: string, range: Range): Range[] {
  const pieces = splitRange(text, range, SENTENCE_END);
  const merged: Range[] = [];
  for (const piece of pieces) {
    const last = merged.at(-1);
    const lastText = last === undefined ? '' : text.slice(last[0], last[1]).trim();
    if (last !== undefined && (ABBREVIATION.test(lastText) || unbalanced(lastText))) {
      merged[merged.length - 1] = [last[0], piece[1]];
    } else {
      merged.push(piece);
    }
  }
  return merged;
}

/** A closing bracket that ends a parenthesis is not an emoticon ending a sentence. */
function unbalanced(piece: string): boolean {
  const plain = piece.replace(/\({2,}|\){2,}/gu, '');
  return plain.split('(').length > plain.split(')').length;
}

/**
 * Clauses of a sentence: split at commas, dashes and "поэтому", "а", "но"; and a run-on with a
 * cause and then a plan ("болел поэтому звонков мало завтра наберу 60") at the plan's start.
 */
function clausesOf(text: string, range: Range): Range[] {
  return splitRange(text, range, CLAUSE_BREAK).flatMap((clause) => {
    const at = planStart(text.slice(clause[0], clause[1]));
    return at === undefined
      ? [clause]
      : ([
          [clause[0], clause[0] + at],
          [clause[0] + at, clause[1]],
        ] as Range[]);
  });
}

/** Words that may open a plan before its verb: "завтра точно сделаю", "я сделаю". */
const LEAD =
  /(?:^|\s)((?:завтра|послезавтра|сегодня|today|tomorrow)(?:-\p{L}+)?|сейчас|щас|потом|затем|тогда|я|мы|i|we|точно|обязательно|еще|сразу|все|уже|пока|сам|сама|then|и|and|\d+)\s*$/u;
const PREPOSITION = /(?:^|\s)(?:с|со|до|к|ко|в|во|на|by|from|starting|on|until)\s+$/u;

/**
 * Where the plan starts in a run-on that first tells what happened ("был на больничном поэтому
 * звонков мало завтра наберу 60"): at the first day named after the last sign of a reason, or
 * at the plan's first word with the words that lead into it. Undefined when there is no reason
 * before the plan, or no plan.
 */
function planStart(body: string): number | undefined {
  const verb = firstPlanWord(body);
  if (verb === undefined || verb === 0) {
    return undefined;
  }
  let start = verb;
  const spans = dateSpans(body);
  for (let guard = 0; guard < 8; guard++) {
    const head = body.slice(0, start);
    const span = spans.find((s) => s.end === head.trimEnd().length && s.kind !== 'past');
    const found = span === undefined ? LEAD.exec(head)?.[1] : undefined;
    if (span !== undefined) {
      start = withPreposition(body, span.index);
    } else if (found !== undefined) {
      start = head.trimEnd().length - found.length;
    } else {
      break;
    }
  }
  const reasonEnd = lastReasonEnd(body.slice(0, start));
  if (reasonEnd === 0 || cuesOf(body.slice(0, start)).reason === 0) {
    return undefined;
  }
  const day = spans.find((s) => s.index >= reasonEnd && s.index < start && s.kind !== 'past');
  return day === undefined ? start : withPreposition(body, day.index);
}

/** "до четверга" starts at "до". */
function withPreposition(body: string, index: number): number {
  const preposition = PREPOSITION.exec(body.slice(0, index));
  return preposition === null ? index : index - preposition[0].trimStart().length;
}

function splitRange(text: string, [from, to]: Range, separator: RegExp): Range[] {
  const ranges: Range[] = [];
  let start = from;
  for (const match of text.slice(from, to).matchAll(new RegExp(separator.source, 'gu'))) {
    const at = from + match.index;
    if (at > start) {
      ranges.push([start, at]);
    }
    start = at + match[0].length;
  }
  if (start < to) {
    ranges.push([start, to]);
  }
  return ranges.filter(([s, e]) => text.slice(s, e).replace(EDGE, '').length > 0);
}
