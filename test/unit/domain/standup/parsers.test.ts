import { describe, expect, it } from 'vitest';
import { escapeBbCode } from '../../../../src/domain/standup/bbcode.js';
import { parseAnswer } from '../../../../src/domain/standup/parse-answer.js';
import {
  parseDeadline,
  weekdayRules,
  type DeadlineRules,
} from '../../../../src/domain/standup/parse-deadline.js';

const TODAY = '2026-11-24'; // a Tuesday
const ZONE = 'Europe/Moscow';
const rules: DeadlineRules = {
  ...weekdayRules(ZONE),
  isWorkingDay: (day) => day !== '2026-12-31' && weekdayRules(ZONE).isWorkingDay(day),
};

describe('deadlines as people write them', () => {
  it.each([
    ['сегодня', '2026-11-24'],
    ['Сделаю завтра', '2026-11-25'],
    ['послезавтра', '2026-11-26'],
    ['до пятницы', '2026-11-27'],
    ['к среде', '2026-11-25'],
    ['в понедельник', '2026-11-30'],
    ['до конца недели', '2026-11-27'],
    ['на этой неделе', '2026-11-27'],
    ['до конца месяца', '2026-11-30'],
    ['через 2 дня', '2026-11-26'],
    ['через неделю', '2026-12-01'],
    ['к 3 декабря', '2026-12-03'],
    ['к третьему декабря', '2026-12-03'],
    ['3.12', '2026-12-03'],
    ['03.12.2026', '2026-12-03'],
    ['30/11/2026', '2026-11-30'],
    ['2026-12-04', '2026-12-04'],
    ['4-го', '2026-12-04'],
    ['к 27 числу', '2026-11-27'],
    ['by Friday', '2026-11-27'],
    ['by Dec 3', '2026-12-03'],
    ['by end of week', '2026-11-27'],
    ['by the 4th', '2026-12-04'],
    ['next Monday', '2026-11-30'],
    ['in 2 days', '2026-11-26'],
    ['12/22', '2026-12-22'],
    ['к 15:00 завтра', '2026-11-25'],
    ['до 18:00', '2026-11-24'],
    ['пятнца', '2026-11-27'],
  ])('%s -> %s', (text, day) => {
    expect(parseDeadline(text, TODAY, rules)).toMatchObject({ ok: true, day });
  });

  it('takes a named weekday over the relative words next to it (issue 14)', () => {
    const text = 'Сегодня и завтра навёрстываю звонки, догоню до среды.';
    expect(parseDeadline(text, '2026-11-30', rules)).toMatchObject({ ok: true, day: '2026-12-02' });
  });

  it('never takes a start or a past day for the deadline', () => {
    expect(parseDeadline('с четверга по 50 звонков до конца недели', TODAY, rules)).toMatchObject({
      day: '2026-11-27',
    });
    expect(parseDeadline('в прошлую пятницу болел, догоню в среду', TODAY, rules)).toMatchObject({
      day: '2026-11-25',
    });
  });

  it('moves a day off to the next working day and says which day was named', () => {
    expect(parseDeadline('к субботе', TODAY, rules)).toEqual({
      ok: true,
      day: '2026-11-30',
      matched: 'субботе',
      movedFrom: '2026-11-28',
    });
    expect(parseDeadline('до 31 декабря', '2026-12-22', rules)).toMatchObject({
      day: '2027-01-01',
      movedFrom: '2026-12-31',
    });
  });

  it('moves the end of a period back to its last working day', () => {
    expect(parseDeadline('до конца года', '2026-12-22', rules)).toMatchObject({
      day: '2026-12-30',
    });
  });

  it.each([
    ['до 20.11', 'past'],
    ['к 25.12', 'too_far'],
    ['к 25.03', 'too_far'],
    ['как получится', 'none'],
    ['сделаю 50 звонков', 'none'],
    ['конверсия 2.5%', 'none'],
  ])('%s -> %s', (text, reason) => {
    expect(parseDeadline(text, TODAY, rules)).toMatchObject({ ok: false, reason });
  });

  it('respects how far the department allows', () => {
    expect(parseDeadline('к 10 декабря', TODAY, { ...rules, maxDays: 7 })).toMatchObject({
      ok: false,
      reason: 'too_far',
    });
  });
});

describe("a manager's free answer", () => {
  it.each([
    [
      'labelled, in one message',
      'Причина: клиенты в отпусках. План: добью базу холодными звонками. Срок: пятница',
      undefined,
      {
        reason: 'клиенты в отпусках',
        plan: 'добью базу холодными звонками',
        deadline: '2026-11-27',
      },
    ],
    [
      'numbered',
      '1) болел\n2) сделаю 60 звонков\n3) завтра',
      undefined,
      { reason: 'болел', plan: 'сделаю 60 звонков', deadline: '2026-11-25' },
    ],
    [
      'a run-on, voice-typed',
      'был на больничном поэтому звонков мало завтра наберу 60 и в пятницу добью',
      undefined,
      {
        reason: 'был на больничном поэтому звонков мало',
        plan: 'завтра наберу 60 и в пятницу добью',
        deadline: '2026-11-27',
      },
    ],
    [
      'a date in the reason is not the deadline',
      'Встречи перенесли на 10.12, поэтому звонками закрою разрыв до 27.11',
      undefined,
      {
        reason: 'Встречи перенесли на 10.12',
        plan: 'звонками закрою разрыв до 27.11',
        deadline: '2026-11-27',
      },
    ],
    ['step by step: the plan', 'Сделаю 50 звонков', 'plan', { plan: 'Сделаю 50 звонков' }],
    ['step by step: the deadline', 'к четвергу', 'deadline', { deadline: '2026-11-26' }],
    [
      'English, labelled',
      'Reason: CRM was down. Plan: call back all leads. Deadline: by Friday',
      undefined,
      { reason: 'CRM was down', plan: 'call back all leads', deadline: '2026-11-27' },
    ],
    ['a deadline in the past', '20.11', 'deadline', { deadlineProblem: 'past' }],
  ])('%s', (_name, text, awaiting, expected) => {
    const parsed = parseAnswer(
      text,
      awaiting as 'reason' | 'plan' | 'deadline' | undefined,
      TODAY,
      rules,
    );
    expect(parsed).toMatchObject({ kind: 'answer', ...expected });
  });

  it.each([
    ['Спасибо!', 'courtesy'],
    ['👍', 'courtesy'],
    ['ок', 'courtesy'],
    ['Спасибо, буду стараться', 'courtesy'],
    ['А какая норма по звонкам?', 'question'],
    ['а можно я завтра отвечу? сейчас на встрече', 'question'],
    ['не знаю', 'nonanswer'],
    ['Болел. Догоню к пятнице, ок?', 'answer'],
  ])('%s is %s', (text, kind) => {
    expect(parseAnswer(text, 'reason', TODAY, rules).kind).toBe(kind);
  });
});

describe('echoing user text', () => {
  it('defuses BB-codes that would impersonate or act', () => {
    const escaped = escapeBbCode('ok [user=1]Анна[/user] [send=/approve all]жми[/send]\u0007');
    expect(escaped).toBe('ok ［user=1］Анна［/user］ ［send=/approve all］жми［/send］');
    expect(escaped).not.toMatch(/\[/);
    expect(escapeBbCode('x'.repeat(5000))).toHaveLength(2000);
  });
});
