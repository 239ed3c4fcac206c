import { describe, expect, it } from 'vitest';
import { escapeBbCode } from '../../../../src/domain/standup/bbcode.js';
import { parseAnswer } from '../../../../src/domain/standup/parse-answer.js';
import { parseDeadline } from '../../../../src/domain/standup/parse-deadline.js';

const TODAY = '2026-11-24'; // a Tuesday
const ZONE = 'Europe/Moscow';

describe('deadlines in Russian and English', () => {
  it.each([
    ['сегодня', '2026-11-24'],
    ['Сделаю завтра', '2026-11-25'],
    ['послезавтра', '2026-11-26'],
    ['до пятницы', '2026-11-27'],
    ['к среде', '2026-11-25'],
    ['в понедельник', '2026-11-30'],
    ['к концу недели', '2026-11-27'],
    ['до конца месяца', '2026-11-30'],
    ['через 3 дня', '2026-11-27'],
    ['25.11', '2026-11-25'],
    ['до 1.12', '2026-12-01'],
    ['30/11/2026', '2026-11-30'],
    ['2026-12-04', '2026-12-04'],
    ['к 2 декабря', '2026-12-02'],
    ['by Friday', '2026-11-27'],
    ['tomorrow', '2026-11-25'],
    ['end of week', '2026-11-27'],
    ['Dec 3', '2026-12-03'],
    ['in 2 days', '2026-11-26'],
  ])('%s -> %s', (text, day) => {
    expect(parseDeadline(text, TODAY, ZONE)).toMatchObject({ ok: true, day });
  });

  it.each([
    ['вчера было 20.11', 'past'],
    ['к 25.03', 'too_far'],
    ['как получится', 'none'],
    ['сделаю 50 звонков', 'none'],
  ])('%s -> %s', (text, reason) => {
    expect(parseDeadline(text, TODAY, ZONE)).toEqual({ ok: false, reason });
  });
});

describe("a manager's free answer", () => {
  it.each([
    [
      'labelled, in one message',
      'Причина: клиенты в отпусках. План: добью базу холодными звонками. Срок: пятница',
      undefined,
      {
        reason: 'клиенты в отпусках.',
        plan: 'добью базу холодными звонками.',
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
      'two sentences and a date',
      'Был на выезде у клиента. Завтра наверстаю звонки до обеда.',
      'reason',
      {
        reason: 'Был на выезде у клиента.',
        plan: 'Завтра наверстаю звонки до обеда.',
        deadline: '2026-11-25',
      },
    ],
    [
      'step by step: the reason',
      'Весь день был на встрече',
      'reason',
      { reason: 'Весь день был на встрече' },
    ],
    ['step by step: the plan', 'Сделаю 50 звонков', 'plan', { plan: 'Сделаю 50 звонков' }],
    ['step by step: the deadline', 'к четвергу', 'deadline', { deadline: '2026-11-26' }],
    [
      'English, labelled',
      'Reason: CRM was down. Plan: call back all leads. Deadline: by Friday',
      undefined,
      { reason: 'CRM was down.', plan: 'call back all leads.', deadline: '2026-11-27' },
    ],
    ['nonsense', '👍', 'reason', {}],
    ['a deadline in the past', '20.11', 'deadline', { deadlineProblem: 'past' }],
  ])('%s', (_name, text, awaiting, expected) => {
    expect(
      parseAnswer(text, awaiting as 'reason' | 'plan' | 'deadline' | undefined, TODAY, ZONE),
    ).toEqual(expected);
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
