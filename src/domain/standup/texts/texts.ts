import { escapeBbCode } from '../bbcode.js';
import type { Gender } from '../../department/department.js';
import { byGender } from './by-gender.js';
import { dayLabel, type Language } from './format.js';

export interface PlanParts {
  reason?: string;
  plan?: string;
  deadline?: string;
}

/** Every sentence the bot says in a conversation, in one language. User text is always escaped. */
export interface Texts {
  question(name: string, lines: string[]): string;
  askReason: string;
  askPlan: string;
  askDeadline: string;
  deadlineButtons: { today: string; tomorrow: string; endOfWeek: string };
  deadlinePast: string;
  deadlineTooFar: string;
  notUnderstood(field: 'reason' | 'plan' | 'deadline'): string;
  summary(parts: PlanParts, updated: boolean): string;
  headCard(
    name: string,
    lines: string[],
    parts: PlanParts,
    status: 'pending' | 'approved' | 'corrected' | 'discuss' | 'revised',
    late: boolean,
  ): string;
  headButtons: { approve: string; correct: string; discuss: string };
  askCorrection(name: string): string;
  correctionToManager(words: string): string;
  acceptButton: string;
  approvedToManager(deadline: string | undefined, corrected: boolean): string;
  discussToManager: string;
  acceptedToHead(name: string, gender?: Gender): string;
  reminder(name: string): string;
  checkToManager(held: boolean, lines: string[]): string;
  checkToHead(name: string, held: boolean, lines: string[]): string;
  notYours: string;
  notHead: string;
  alreadyDecided: string;
  nothingToCorrect: string;
}

const part = (label: string, value: string | undefined) =>
  value === undefined ? '' : `\n${label}: ${escapeBbCode(value)}`;

export const TEXTS: Record<Language, Texts> = {
  ru: {
    question: (name, lines) =>
      `${name}, доброе утро! По цифрам есть отставание:\n${lines.map((l) => `• ${l}`).join('\n')}\n\nНапишите, пожалуйста: [b]1) причину, 2) что сделаете, 3) к какому сроку[/b]. Можно одним сообщением.`,
    askReason: 'Напишите, пожалуйста, причину отставания.',
    askPlan: 'Спасибо. Что сделаете, чтобы догнать?',
    askDeadline: 'К какому сроку? Напишите дату или нажмите кнопку.',
    deadlineButtons: { today: 'Сегодня', tomorrow: 'Завтра', endOfWeek: 'До конца недели' },
    deadlinePast: 'Эта дата уже прошла. К какому сроку сделаете?',
    deadlineTooFar: 'Это дальше двух месяцев. Назовите срок поближе.',
    notUnderstood: (field) =>
      `Не понял ответ. Напишите, пожалуйста, ${{ reason: 'причину', plan: 'что сделаете', deadline: 'срок (например, «до пятницы» или «25.11»)' }[field]}.`,
    summary: (p, updated) =>
      `${updated ? 'План обновлён и снова у руководителя' : 'Ваш план отправлен руководителю'}:${part('Причина', p.reason)}${part('План', p.plan)}${p.deadline === undefined ? '' : `\nСрок: ${dayLabel(p.deadline, 'ru')}`}\n\nПока руководитель не решил, план можно поправить: просто напишите новый вариант.`,
    headCard: (name, lines, p, status, late) =>
      `${{ pending: '', revised: '[b]Исправленный план.[/b] ', approved: '✓ [b]Утверждено.[/b] ', corrected: '✎ [b]Правка отправлена.[/b] ', discuss: '→ [b]На планёрку.[/b] ' }[status]}[b]${name}[/b]${late ? ' (ответ после срока)' : ''}\n${lines.map((l) => `• ${l}`).join('\n')}${part('Причина', p.reason)}${part('План', p.plan)}${p.deadline === undefined ? '' : `\nСрок: ${dayLabel(p.deadline, 'ru')}`}`,
    headButtons: { approve: 'Утвердить', correct: 'Поправить', discuss: 'На планёрку' },
    askCorrection: (name) => `Напишите одним сообщением, что поправить в плане: ${name}.`,
    correctionToManager: (words) =>
      `Руководитель просит поправить план: «${escapeBbCode(words)}».\nПришлите новый план или нажмите «Принять».`,
    acceptButton: 'Принять',
    approvedToManager: (deadline, corrected) =>
      `Руководитель утвердил ваш план${corrected ? ' с правкой' : ''}.${deadline === undefined ? '' : ` Срок — ${dayLabel(deadline, 'ru')}; в конце срока проверю цифры.`}`,
    discussToManager: 'Руководитель вынесет ваш план на планёрку.',
    acceptedToHead: (name, gender) =>
      byGender(gender, {
        male: `${name} принял вашу правку. План утверждён.`,
        female: `${name} приняла вашу правку. План утверждён.`,
        unknown: `${name}: правка принята. План утверждён.`,
      }),
    reminder: (name) =>
      `${name}, напоминаю: жду причину, план и срок по вчерашним цифрам. Можно одним сообщением.`,
    checkToManager: (held, lines) =>
      `Срок плана наступил. ${held ? 'Цифры в норме — спасибо!' : 'Цифры пока ниже нормы — обсудим на планёрке.'}\n${lines.map((l) => `• ${l}`).join('\n')}`,
    checkToHead: (name, held, lines) =>
      `${name}: план ${held ? '[b]выполнен[/b]' : '[b]не выполнен[/b]'}.\n${lines.map((l) => `• ${l}`).join('\n')}`,
    notYours: 'Этот вопрос адресован другому сотруднику, ответить на него может только он.',
    notHead: 'Утверждать и править планы может только руководитель отдела.',
    alreadyDecided: 'По этому плану решение уже принято.',
    nothingToCorrect: 'Сейчас нет плана, который ждёт вашей правки.',
  },
  en: {
    question: (name, lines) =>
      `${name}, good morning! Some figures are behind:\n${lines.map((l) => `• ${l}`).join('\n')}\n\nPlease write [b]1) the reason, 2) what you will do, 3) by when[/b]. One message is fine.`,
    askReason: 'Please write the reason for the lag.',
    askPlan: 'Thanks. What will you do to catch up?',
    askDeadline: 'By when? Write a date or press a button.',
    deadlineButtons: { today: 'Today', tomorrow: 'Tomorrow', endOfWeek: 'End of week' },
    deadlinePast: 'That date has passed. By when will you do it?',
    deadlineTooFar: 'That is more than two months away. Please name a nearer date.',
    notUnderstood: (field) =>
      `I did not understand. Please write ${{ reason: 'the reason', plan: 'what you will do', deadline: 'the deadline (e.g. "by Friday" or "25.11")' }[field]}.`,
    summary: (p, updated) =>
      `${updated ? 'Your plan is updated and back with the head' : 'Your plan went to the head'}:${part('Reason', p.reason)}${part('Plan', p.plan)}${p.deadline === undefined ? '' : `\nDeadline: ${dayLabel(p.deadline, 'en')}`}\n\nUntil the head decides you can change it: just write the new version.`,
    headCard: (name, lines, p, status, late) =>
      `${{ pending: '', revised: '[b]Revised plan.[/b] ', approved: '✓ [b]Approved.[/b] ', corrected: '✎ [b]Correction sent.[/b] ', discuss: '→ [b]To the meeting.[/b] ' }[status]}[b]${name}[/b]${late ? ' (answered late)' : ''}\n${lines.map((l) => `• ${l}`).join('\n')}${part('Reason', p.reason)}${part('Plan', p.plan)}${p.deadline === undefined ? '' : `\nDeadline: ${dayLabel(p.deadline, 'en')}`}`,
    headButtons: { approve: 'Approve', correct: 'Correct', discuss: 'Discuss at meeting' },
    askCorrection: (name) => `In one message, what should change in this plan: ${name}?`,
    correctionToManager: (words) =>
      `The head asks to change your plan: "${escapeBbCode(words)}".\nSend a revised plan or press "Accept".`,
    acceptButton: 'Accept',
    approvedToManager: (deadline, corrected) =>
      `The head approved your plan${corrected ? ' with a correction' : ''}.${deadline === undefined ? '' : ` Deadline ${dayLabel(deadline, 'en')}; I will check the figures then.`}`,
    discussToManager: 'The head will take your plan to the meeting.',
    acceptedToHead: (name) => `${name} accepted your correction. The plan is approved.`,
    reminder: (name) =>
      `${name}, a reminder: I am waiting for the reason, plan and deadline for yesterday's figures.`,
    checkToManager: (held, lines) =>
      `The plan's deadline has come. ${held ? 'The figures are back on norm — thank you!' : 'The figures are still below norm — let us discuss at the meeting.'}\n${lines.map((l) => `• ${l}`).join('\n')}`,
    checkToHead: (name, held, lines) =>
      `${name}: the plan ${held ? '[b]held[/b]' : '[b]did not hold[/b]'}.\n${lines.map((l) => `• ${l}`).join('\n')}`,
    notYours: 'This question is for another colleague; only they can answer it.',
    notHead: 'Only the head of the department can approve or correct plans.',
    alreadyDecided: 'This plan has already been decided.',
    nothingToCorrect: 'No plan is waiting for your correction right now.',
  },
};
