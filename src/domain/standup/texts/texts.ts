import { escapeBbCode } from '../bbcode.js';
import type { Gender } from '../../department/department.js';
import { byGender } from './by-gender.js';
import { dayLabel, type Language } from './format.js';
import { PART_CHARS, QUESTION_CHARS, fitLines, planLines, type PlanParts } from './plan-lines.js';
import { GREETING, type DayPart } from './when.js';

export type { PlanParts };

/** Where a plan stands, as its card on the head's side says. */
export type CardStatus =
  | 'pending'
  | 'revised'
  | 'approved'
  | 'approved_with_correction'
  | 'correction_requested'
  | 'discuss';

/** The head's card on one plan. */
export interface HeadCard {
  name: string;
  lines: string[];
  parts: PlanParts;
  status: CardStatus;
  late: boolean;
  /** The head's correction, shown while it is with the manager and once accepted. */
  correction?: string;
}

type Part = 'reason' | 'plan' | 'deadline';

/** Every sentence the bot says in a conversation, in one language. User text is always escaped. */
export interface Texts {
  question(name: string, lines: string[], greeting: DayPart): string;
  askReason: string;
  askPlan: string;
  askDeadline: string;
  deadlineButtons: { today: string; tomorrow: string; endOfWeek: string };
  deadlinePast(named: string | undefined): string;
  deadlineTooFar(maxDays: number): string;
  /** The first message the bot could not read. */
  notUnderstood(field: Part): string;
  /** The second and later in a row: an example of an answer. */
  example(field: Part): string;
  summary(parts: PlanParts, updated: boolean): string;
  headCard(card: HeadCard): string;
  headButtons: { approve: string; correct: string; discuss: string; full: string };
  askCorrection(name: string): string;
  correctionToManager(words: string): string;
  acceptButton: string;
  approvedToManager(deadline: string | undefined, corrected: boolean): string;
  discussToManager: string;
  acceptedToHead(name: string, gender?: Gender): string;
  /** `when` names the figures: "за пятницу 27.11 и за неделю". */
  reminder(name: string, when: string): string;
  checkToManager(held: boolean, lines: string[]): string;
  checkToHead(name: string, held: boolean, lines: string[]): string;
  notYours: string;
  notHead: string;
  alreadyDecided: string;
  nothingToCorrect: string;
}

const bullets = (lines: readonly string[]) => lines.map((l) => `• ${l}`).join('\n');
/** The head's words quoted to the manager, short enough for the question to fit 600 characters. */
const CORRECTION_CHARS = 400;

const STATUS: Record<Language, Record<CardStatus, string>> = {
  ru: {
    pending: '',
    revised: '[b]Исправленный план.[/b] ',
    approved: '✓ [b]Утверждено.[/b] ',
    approved_with_correction: '✓ [b]Утверждено с правкой.[/b] ',
    correction_requested: '✎ [b]Правка у менеджера.[/b] ',
    discuss: '→ [b]На планёрку.[/b] ',
  },
  en: {
    pending: '',
    revised: '[b]Revised plan.[/b] ',
    approved: '✓ [b]Approved.[/b] ',
    approved_with_correction: '✓ [b]Approved with a correction.[/b] ',
    correction_requested: '✎ [b]Correction with the manager.[/b] ',
    discuss: '→ [b]To the meeting.[/b] ',
  },
};

function card(lang: Language, c: HeadCard): string {
  const late = c.late ? (lang === 'ru' ? ' (ответ после срока)' : ' (answered late)') : '';
  const correction =
    c.correction === undefined ||
    (c.status !== 'correction_requested' && c.status !== 'approved_with_correction')
      ? ''
      : `\n${lang === 'ru' ? 'Правка' : 'Correction'}: ${escapeBbCode(c.correction, PART_CHARS)}`;
  return `${STATUS[lang][c.status]}[b]${c.name}[/b]${late}\n${bullets(c.lines)}${planLines(lang, c.parts)}${correction}`;
}

export const TEXTS: Record<Language, Texts> = {
  ru: {
    question: (name, lines, greeting) =>
      fitLines(
        `${name}, ${GREETING.ru[greeting]}! По цифрам есть отставание:`,
        lines,
        '\n\nНапишите, пожалуйста: [b]1) причину, 2) что сделаете, 3) к какому сроку[/b]. Можно одним сообщением.',
        QUESTION_CHARS,
        (n) => `• …и ещё ${n} (все цифры — /mine)`,
      ),
    askReason: 'Напишите, пожалуйста, причину отставания.',
    askPlan: 'Спасибо. Что сделаете, чтобы догнать?',
    askDeadline: 'К какому сроку? Напишите дату или нажмите кнопку.',
    deadlineButtons: { today: 'Сегодня', tomorrow: 'Завтра', endOfWeek: 'До конца недели' },
    deadlinePast: (named) =>
      `${named === undefined ? 'Эта дата' : `Дата ${dayLabel(named, 'ru')}`} уже прошла. К какому сроку сделаете?`,
    deadlineTooFar: (days) =>
      `Срок можно назначить не дальше чем через ${days} дн. Назовите дату поближе.`,
    notUnderstood: (field) =>
      `Не понял ответ. Напишите, пожалуйста, ${{ reason: 'причину', plan: 'что сделаете', deadline: 'срок (например, «до пятницы» или «25.11»)' }[field]}.`,
    example: (field) =>
      ({
        reason:
          'Мне нужна причина отставания своими словами. Например: «Два дня был на выезде у клиента, звонить было некогда».',
        plan: 'Мне нужно, что вы сделаете, чтобы догнать. Например: «Сделаю 50 звонков в день по холодной базе».',
        deadline:
          'Мне нужна дата. Например: «до пятницы», «к 3 декабря», «3.12» или «через 2 дня» — или нажмите кнопку ниже.',
      })[field],
    summary: (p, updated) =>
      `${updated ? 'План обновлён и снова у руководителя' : 'Ваш план отправлен руководителю'}:${planLines('ru', p)}\n\nПока руководитель не решил, план можно поправить: просто напишите новый вариант.`,
    headCard: (c) => card('ru', c),
    headButtons: {
      approve: 'Утвердить',
      correct: 'Поправить',
      discuss: 'На планёрку',
      full: 'Показать полностью',
    },
    askCorrection: (name) =>
      `Напишите одним сообщением, что поправить в плане: ${name}. (Можно и без кнопки: ответьте на карточку или напишите «Имя: правка».)`,
    correctionToManager: (words) =>
      `Руководитель просит поправить план: «${escapeBbCode(words, CORRECTION_CHARS)}».\nПришлите новый план или нажмите «Принять».`,
    acceptButton: 'Принять',
    approvedToManager: (deadline, corrected) =>
      `Руководитель утвердил ваш план${corrected ? ' с правкой' : ''}.${deadline === undefined ? '' : ` Срок — ${dayLabel(deadline, 'ru')}; в конце срока проверю цифры.`}`,
    discussToManager: 'Руководитель вынесет ваш план на планёрку.',
    acceptedToHead: (name, gender) =>
      byGender(gender, {
        male: `${name} принял вашу правку. План утверждён с правкой.`,
        female: `${name} приняла вашу правку. План утверждён с правкой.`,
        unknown: `${name}: правка принята. План утверждён с правкой.`,
      }),
    reminder: (name, when) =>
      `${name}, напоминаю: жду причину, план и срок по цифрам ${when}. Можно одним сообщением.`,
    checkToManager: (held, lines) =>
      `Срок плана наступил. ${held ? 'Цифры в норме — спасибо!' : 'Цифры пока ниже нормы — обсудим на планёрке.'}\n${bullets(lines)}`,
    checkToHead: (name, held, lines) =>
      `${name}: план ${held ? '[b]выполнен[/b]' : '[b]не выполнен[/b]'}.\n${bullets(lines)}`,
    notYours: 'Этот вопрос адресован другому сотруднику, ответить на него может только он.',
    notHead: 'Утверждать и править планы может только руководитель отдела.',
    alreadyDecided: 'По этому плану решение уже принято.',
    nothingToCorrect: 'Сейчас нет плана, который ждёт вашей правки.',
  },
  en: {
    question: (name, lines, greeting) =>
      fitLines(
        `${name}, ${GREETING.en[greeting]}! Some figures are behind:`,
        lines,
        '\n\nPlease write [b]1) the reason, 2) what you will do, 3) by when[/b]. One message is fine.',
        QUESTION_CHARS,
        (n) => `• …and ${n} more (all figures: /mine)`,
      ),
    askReason: 'Please write the reason for the lag.',
    askPlan: 'Thanks. What will you do to catch up?',
    askDeadline: 'By when? Write a date or press a button.',
    deadlineButtons: { today: 'Today', tomorrow: 'Tomorrow', endOfWeek: 'End of week' },
    deadlinePast: (named) =>
      `${named === undefined ? 'That date' : dayLabel(named, 'en')} has passed. By when will you do it?`,
    deadlineTooFar: (days) =>
      `A deadline can be at most ${days} days ahead. Please name a nearer date.`,
    notUnderstood: (field) =>
      `I did not understand. Please write ${{ reason: 'the reason', plan: 'what you will do', deadline: 'the deadline (e.g. "by Friday" or "25.11")' }[field]}.`,
    example: (field) =>
      ({
        reason:
          'I need the reason for the lag in your words. For example: "I spent two days at a client\'s site and had no time to call".',
        plan: 'I need what you will do to catch up. For example: "50 cold calls a day from the old base".',
        deadline:
          'I need a date. For example: "by Friday", "by Dec 3", "3.12" or "in 2 days" — or press a button below.',
      })[field],
    summary: (p, updated) =>
      `${updated ? 'Your plan is updated and back with the head' : 'Your plan went to the head'}:${planLines('en', p)}\n\nUntil the head decides you can change it: just write the new version.`,
    headCard: (c) => card('en', c),
    headButtons: {
      approve: 'Approve',
      correct: 'Correct',
      discuss: 'Discuss at meeting',
      full: 'Show in full',
    },
    askCorrection: (name) =>
      `In one message, what should change in this plan: ${name}? (No button needed: reply to the card or write "Name: correction".)`,
    correctionToManager: (words) =>
      `The head asks to change your plan: "${escapeBbCode(words, CORRECTION_CHARS)}".\nSend a revised plan or press "Accept".`,
    acceptButton: 'Accept',
    approvedToManager: (deadline, corrected) =>
      `The head approved your plan${corrected ? ' with a correction' : ''}.${deadline === undefined ? '' : ` Deadline ${dayLabel(deadline, 'en')}; I will check the figures then.`}`,
    discussToManager: 'The head will take your plan to the meeting.',
    acceptedToHead: (name) =>
      `${name} accepted your correction. The plan is approved with the correction.`,
    reminder: (name, when) =>
      `${name}, a reminder: I am waiting for the reason, plan and deadline for the figures ${when}.`,
    checkToManager: (held, lines) =>
      `The plan's deadline has come. ${held ? 'The figures are back on norm — thank you!' : 'The figures are still below norm — let us discuss at the meeting.'}\n${bullets(lines)}`,
    checkToHead: (name, held, lines) =>
      `${name}: the plan ${held ? '[b]held[/b]' : '[b]did not hold[/b]'}.\n${bullets(lines)}`,
    notYours: 'This question is for another colleague; only they can answer it.',
    notHead: 'Only the head of the department can approve or correct plans.',
    alreadyDecided: 'This plan has already been decided.',
    nothingToCorrect: 'No plan is waiting for your correction right now.',
  },
};
