import { dateSpans } from './date-mentions.js';

export type AnswerPart = 'reason' | 'plan' | 'deadline';

/** A labelled stretch of a message: "План: …" up to the next label. */
export interface Section {
  part: AnswerPart;
  /** Where the label starts. */
  labelAt: number;
  /** Where the labelled text starts and ends. */
  start: number;
  end: number;
  /** Words between a label and its colon that name a time ("План на неделю:"): a deadline. */
  qualifier?: { start: number; end: number };
}

const KEYWORDS: readonly (readonly [AnswerPart, string, 'any' | 'colon' | 'none'])[] = [
  ['reason', 'причин[аы]|reason', 'any'],
  ['reason', 'почему|why', 'colon'],
  ['reason', 'причина в том,? что|дело в том,? что|the reason is(?: that)?|reason being', 'none'],
  ['plan', 'план|plan|action plan', 'any'],
  ['plan', 'что сделаю|сделаю|actions|next steps', 'colon'],
  ['plan', 'the plan is', 'none'],
  ['deadline', 'срок[иа]?|дедлайн|deadline', 'any'],
  ['deadline', 'когда|by when|due|eta', 'colon'],
];
const SEPARATOR = {
  any: '\\s*(?:[:=👉]|[-—–]+)\\s*',
  colon: '\\s*[:=👉]\\s*',
  none: '\\s+',
} as const;
/** Where a label may stand: at the start, after a line break, a list number or a sentence. */
const BEFORE = '(?:^|(?<=[\\n.;,!?)]\\s*)|(?<=^\\s*\\d{1,2}[.)]\\s*))';

const PATTERNS = KEYWORDS.map(([part, words, separator]) => ({
  part,
  // An optional qualifier of up to two words: "Причина отставания —", "План на неделю:".
  pattern: new RegExp(
    `${BEFORE}(?:${words})(${separator === 'none' ? '' : '(?:\\s+[\\p{L}\\d]+){0,2}'})${SEPARATOR[separator]}`,
    'giu',
  ),
}));
/** A label with a colon may also follow a space mid-line: "… не на связи План:Буду писать". */
const MID_LINE = /(?<=\s)(?:причин[аы]|план|срок|reason|plan|deadline)\s*:\s*/giu;

/**
 * Finds the labelled parts of a message. A qualifier between the label and its colon is part of
 * the label ("Причина отставания:"); one that names a time ("План на неделю:") is the plan's
 * deadline.
 */
export function findSections(text: string): Section[] {
  const marks: {
    part: AnswerPart;
    at: number;
    contentAt: number;
    qualifier?: { start: number; end: number };
  }[] = [];
  const taken = (at: number) => marks.some((m) => at >= m.at && at < m.contentAt);
  for (const { part, pattern } of PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      if (taken(match.index)) {
        continue;
      }
      const qualifier = match[1] ?? '';
      const contentAt = match.index + match[0].length;
      if (qualifier.trim() !== '' && namesATime(qualifier)) {
        const start = match.index + match[0].indexOf(qualifier);
        marks.push({
          part,
          at: match.index,
          contentAt,
          qualifier: { start, end: start + qualifier.length },
        });
      } else {
        marks.push({ part, at: match.index, contentAt });
      }
    }
  }
  for (const match of text.matchAll(MID_LINE)) {
    if (!taken(match.index)) {
      const part = /^(?:причин|reason)/iu.test(match[0])
        ? 'reason'
        : /^(?:план|plan)/iu.test(match[0])
          ? 'plan'
          : 'deadline';
      marks.push({ part, at: match.index, contentAt: match.index + match[0].length });
    }
  }
  marks.sort((a, b) => a.at - b.at);
  return marks.map((mark, i) => ({
    part: mark.part,
    labelAt: mark.at,
    start: mark.contentAt,
    end: marks[i + 1]?.at ?? text.length,
    ...(mark.qualifier === undefined ? {} : { qualifier: mark.qualifier }),
  }));
}

function namesATime(words: string): boolean {
  return dateSpans(words).length > 0;
}
