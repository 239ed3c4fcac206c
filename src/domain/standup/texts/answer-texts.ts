import { escapeBbCode } from '../bbcode.js';
import type { Language } from './format.js';
import { QUESTION_CHARS, deadlineLine, partLine, planLines, type PlanParts } from './plan-lines.js';

type Part = 'reason' | 'plan' | 'deadline';

/** What the bot says around an answer: replacing a plan, questions back, the head's replies. */
export interface AnswerTexts {
  /** "Заменить план на …?", within 600 characters. */
  replaceQuestion(parts: PlanParts): string;
  replaceButtons: { replace: string; keep: string };
  kept: string;
  /** A question back while the bot still needs `missing`. */
  questionToBot(missing: readonly Part[]): string;
  /** A remark after the plan went to the head that is not a new plan. */
  planStays: string;
  /** A new plan after the head decided. */
  afterDecision: string;
  /** Neither a revised plan nor "accept" after the head's correction. */
  revisingHint: string;
  /** The head's words with no plan to go to. */
  whichPlan(names: readonly string[]): string;
  /** The one line after "ок все". */
  bulkApproved(names: readonly string[]): string;
  /** The whole reason and plan, on the head's request. */
  fullText(name: string, parts: PlanParts): string;
}

const WHOLE = 20_000 / 2 - 100;
const list = (names: readonly string[]) => names.join(', ');

/** The quoted plan shortened until the question fits. */
function fitted(lang: Language, head: string, tail: string, parts: PlanParts): string {
  for (const max of [300, 200, 120, 60]) {
    const text = `${head}${planLines(lang, parts, max)}${tail}`;
    if (text.length <= QUESTION_CHARS) {
      return text;
    }
  }
  return `${head}${deadlineLine(lang, parts)}${tail}`;
}

const NEED = {
  ru: { reason: 'причину', plan: 'что сделаете', deadline: 'срок' },
  en: { reason: 'the reason', plan: 'what you will do', deadline: 'the deadline' },
} as const;

export const ANSWER_TEXTS: Record<Language, AnswerTexts> = {
  ru: {
    replaceQuestion: (parts) => fitted('ru', 'Заменить план у руководителя на этот?', '', parts),
    replaceButtons: { replace: 'Заменить', keep: 'Оставить' },
    kept: 'Хорошо, план у руководителя прежний.',
    questionToBot: (missing) =>
      `На вопросы я не отвечаю — их лучше задать руководителю.${missing.length === 0 ? '' : ` От вас жду ${missing.map((m) => NEED.ru[m]).join(', ')}.`}`,
    planStays:
      'План у руководителя остаётся прежним. Чтобы заменить его, пришлите новый план: причину, что сделаете и срок.',
    afterDecision:
      'По этому плану руководитель уже решил. Если его нужно изменить, напишите руководителю.',
    revisingHint: 'Пришлите исправленный план или нажмите «Принять», если согласны с правкой.',
    whichPlan: (names) =>
      `О чьём плане речь? Ответьте на карточку плана или напишите «Имя: …» («ок все» утверждает все). Решения ждут: ${list(names)}.`,
    bulkApproved: (names) =>
      names.length === 0 ? 'Планов, ждущих решения, нет.' : `Утверждены планы: ${list(names)}.`,
    fullText: (name, parts) =>
      `[b]${escapeBbCode(name, 100)}[/b] — полностью:${partLine('ru', 'reason', parts.reason, WHOLE)}${partLine('ru', 'plan', parts.plan, WHOLE)}${deadlineLine('ru', parts)}`,
  },
  en: {
    replaceQuestion: (parts) =>
      fitted('en', "Replace the plan with the head's by this one?", '', parts),
    replaceButtons: { replace: 'Replace', keep: 'Keep' },
    kept: 'All right, the head keeps the plan as it was.',
    questionToBot: (missing) =>
      `I do not answer questions — the head will.${missing.length === 0 ? '' : ` I am waiting for ${missing.map((m) => NEED.en[m]).join(', ')}.`}`,
    planStays:
      "The head's copy of your plan stays as it was. To replace it, send a new plan: the reason, what you will do and by when.",
    afterDecision: 'The head has already decided on this plan. To change it, write to the head.',
    revisingHint: 'Send a revised plan, or press "Accept" if you agree with the correction.',
    whichPlan: (names) =>
      `Whose plan is this about? Reply to the plan's card or write "Name: …" ("ok all" approves them all). Waiting for you: ${list(names)}.`,
    bulkApproved: (names) =>
      names.length === 0 ? 'No plan is waiting for a decision.' : `Approved: ${list(names)}.`,
    fullText: (name, parts) =>
      `[b]${escapeBbCode(name, 100)}[/b] — in full:${partLine('en', 'reason', parts.reason, WHOLE)}${partLine('en', 'plan', parts.plan, WHOLE)}${deadlineLine('en', parts)}`,
  },
};

export const answerTexts = (lang: Language): AnswerTexts => ANSWER_TEXTS[lang];
