import { isMeaningful, type AnswerField, type ParsedAnswer } from './parse-answer.js';

/** The parts of an answer collected so far. */
export interface AnswerDraft {
  reason?: string;
  plan?: string;
  deadline?: string;
}

const PARTS = ['reason', 'plan', 'deadline'] as const;

/** Every part still missing, in the order the bot asks for them (a few letters do not count). */
export function missingParts(draft: AnswerDraft): AnswerField[] {
  return PARTS.filter(
    (part) =>
      draft[part] === undefined || (part !== 'deadline' && !isMeaningful(draft[part] ?? '')),
  );
}

/** The first part still missing. */
export function missingPart(draft: AnswerDraft): AnswerField | undefined {
  return missingParts(draft)[0];
}

/** The parts a message gave, taking the place of earlier ones. */
export function partsOf(parsed: ParsedAnswer): AnswerDraft {
  const parts: AnswerDraft = {};
  for (const part of PARTS) {
    const value = parsed[part];
    if (value !== undefined) {
      parts[part] = value;
    }
  }
  return parts;
}

/**
 * What a message sent after the plan went to the head would change. Thanks, "ок", emoji and
 * questions change nothing; nor does a remark with no sign of a plan. A labelled message or one
 * with a plan in it, or a new deadline, is a proposed replacement (the bot asks before using it);
 * it is undefined when it would change nothing.
 */
export function amendmentOf(current: AnswerDraft, parsed: ParsedAnswer): AnswerDraft | undefined {
  if (parsed.kind !== 'answer' || (!parsed.planLike && parsed.deadline === undefined)) {
    return undefined;
  }
  const proposed = partsOf(parsed);
  const changes = PARTS.filter(
    (part) => proposed[part] !== undefined && proposed[part] !== current[part],
  );
  if (changes.length === 0 || (!parsed.planLike && changes.every((c) => c !== 'deadline'))) {
    return undefined;
  }
  return Object.fromEntries(changes.map((part) => [part, proposed[part]]));
}
