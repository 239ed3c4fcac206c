import { describe, expect, it } from 'vitest';
import { route } from '../../../../src/domain/standup/route.js';
import { startConversation } from '../../../../src/domain/standup/start-conversation.js';
import { transition } from '../../../../src/domain/standup/transition.js';
import {
  HEAD,
  IVAN,
  MARIA,
  ctx,
  dept,
  lag,
  play,
  press,
  sends,
  start,
  text,
} from '../../../helpers/conversation.js';

describe('starting a conversation', () => {
  it('asks the manager once, naming the figure, and sets a reminder', () => {
    const step = startConversation(
      {
        standupId: 'sales-20261124',
        day: '2026-11-24',
        departmentId: 'sales',
        manager: {
          managerId: IVAN,
          name: 'Иван Петров',
          mode: 'active',
          figures: [lag],
          lags: [lag],
          severity: 0.7,
        },
      },
      ctx(),
    );
    expect(step.state).toMatchObject({
      id: 'sales-20261124-11',
      phase: 'asked',
      awaiting: 'reason',
    });
    expect(step.effects).toEqual([
      {
        type: 'send',
        id: 'sales-20261124-11-e1',
        dialogId: '11',
        text: expect.stringContaining('Исходящие звонки за 23.11: 12 из 40') as string,
      },
      {
        type: 'schedule',
        id: 'sales-20261124-11-e2',
        timer: 'reminder',
        at: '2026-11-24T09:15:00.000+03:00',
      },
    ]);
    expect(step.state.outbox).toEqual(step.effects);
  });
});

describe('the manager answers', () => {
  it('in one message: the plan goes to the head with three buttons', () => {
    const { state, effects } = play(
      start(),
      text(IVAN, 'Причина: был на выезде. План: сделаю 60 звонков. Срок: завтра'),
    );
    expect(state).toMatchObject({
      phase: 'answered',
      answer: { reason: 'был на выезде', plan: 'сделаю 60 звонков', deadline: '2026-11-25' },
    });
    const [card] = sends(effects, HEAD);
    expect(card?.text).toContain('Иван Петров');
    expect(card?.keyboard?.[0]?.map((b) => b.command)).toEqual([
      '/approve',
      '/correct',
      '/discuss',
    ]);
    expect(card?.keyboard?.[0]?.[0]?.params).toBe('sales-20261124-11');
    expect(sends(effects, IVAN)[0]?.text).toContain('Ваш план отправлен руководителю');
  });

  it('step by step, with the deadline button', () => {
    const s = start();
    const { state, effects } = play(
      s,
      text(IVAN, 'Весь день на встрече у клиента'),
      text(IVAN, 'Наверстаю звонки'),
      press(IVAN, 'deadline', `${s.id} eow`),
    );
    const texts = sends(effects, IVAN).map((e) => e.text);
    expect(texts[0]).toContain('Что сделаете');
    expect(texts[1]).toContain('К какому сроку?');
    expect(texts[2]).toContain('Ваш план отправлен руководителю');
    expect(sends(effects, IVAN)[1]?.keyboard?.[0]?.map((b) => b.params)).toEqual([
      `${s.id} today`,
      `${s.id} tomorrow`,
      `${s.id} eow`,
    ]);
    expect(state.answer.deadline).toBe('2026-11-27');
    expect(state.phase).toBe('answered');
  });

  it('asks again, politely, after nonsense and refuses a past deadline', () => {
    const { state, effects } = play(
      start(),
      text(IVAN, '👍'),
      text(IVAN, 'Болел'),
      text(IVAN, 'Обзвоню базу'),
      text(IVAN, '20.11'),
    );
    const texts = sends(effects, IVAN).map((e) => e.text);
    expect(texts).toHaveLength(4);
    expect(texts[0]).toContain('Не понял ответ');
    expect(texts[1]).toContain('Что сделаете');
    expect(texts[2]).toContain('К какому сроку?');
    expect(texts[3]).toContain('20.11 уже прошла');
    expect(state.phase).toBe('asked');
  });

  it('changes the plan before the head decides only when asked to, and the card follows', () => {
    const first = text(IVAN, 'Причина: болел. План: 60 звонков. Срок: завтра');
    const s = play(start(), first).state;
    const asked = play(s, text(IVAN, 'Срок: пятница'));
    expect(asked.state.answer.deadline).toBe('2026-11-25');
    expect(sends(asked.effects, IVAN)[0]?.text).toContain('Заменить план');
    const { state, effects } = play(asked.state, press(IVAN, 'replace', s.id));
    expect(state.answer.deadline).toBe('2026-11-27');
    expect(effects.find((e) => e.type === 'update')).toMatchObject({
      ref: s.refs.headCard,
      text: expect.stringContaining('пт 27.11') as string,
    });
    // Editing the message that carried the plan is meant: it changes the plan at once.
    const edit = {
      ...first,
      eventId: 900,
      text: 'Причина: болел. План: 60 звонков. Срок: пятница',
      edited: true,
    };
    expect(play(s, edit).state.answer.deadline).toBe('2026-11-27');
  });
});

describe('the head decides', () => {
  const answered = () =>
    play(start(), text(IVAN, 'Причина: болел. План: 60 звонков. Срок: завтра')).state;

  it('approves with one tap: the card loses its buttons, the manager is told, the check is set', () => {
    const s = answered();
    const { state, effects } = play(s, press(HEAD, 'approve', s.id));
    expect(state).toMatchObject({ phase: 'approved', decision: { kind: 'approved', by: HEAD } });
    expect(effects).toContainEqual(
      expect.objectContaining({ type: 'update', ref: s.refs.headCard, keyboard: null }),
    );
    expect(sends(effects, IVAN)[0]?.text).toContain('Руководитель утвердил ваш план');
    expect(effects).toContainEqual(
      expect.objectContaining({
        type: 'schedule',
        timer: 'deadline',
        at: '2026-11-25T18:00:00+03:00',
      }),
    );
  });

  it("corrects: the head's words reach the manager, who accepts", () => {
    const s = answered();
    const { state, effects } = play(
      s,
      press(HEAD, 'correct', s.id),
      text(HEAD, 'Добавь 5 встреч'),
      text(IVAN, 'ок'),
    );
    expect(sends(effects, HEAD)[0]?.text).toContain('что поправить');
    expect(sends(effects, IVAN)[0]?.text).toContain('«Добавь 5 встреч»');
    expect(state).toMatchObject({
      phase: 'approved',
      correction: 'Добавь 5 встреч',
      decision: { kind: 'approved_with_correction' },
    });
    expect(sends(effects, HEAD).at(-1)?.text).toBe(
      'Иван Петров: правка принята. План утверждён с правкой.',
    );
  });

  it.each([
    ['male', 'Иван Петров принял вашу правку. План утверждён с правкой.'],
    ['female', 'Иван Петров приняла вашу правку. План утверждён с правкой.'],
    [undefined, 'Иван Петров: правка принята. План утверждён с правкой.'],
  ] as const)('tells the head in words that agree with the gender (%s)', (gender, told) => {
    const s = { ...answered(), ...(gender === undefined ? {} : { managerGender: gender }) };
    const { effects } = play(
      s,
      press(HEAD, 'correct', s.id),
      text(HEAD, 'Добавь 5 встреч'),
      text(IVAN, 'ок'),
    );
    expect(sends(effects, HEAD).at(-1)?.text).toBe(told);
  });

  it('corrects: the manager sends a revised plan, which goes back to the head', () => {
    const s = answered();
    const { state, effects } = play(
      s,
      press(HEAD, 'correct', s.id),
      text(HEAD, 'Мало'),
      text(IVAN, '80 звонков и 2 встречи'),
    );
    expect(state).toMatchObject({
      phase: 'answered',
      revisions: 1,
      answer: { plan: '80 звонков и 2 встречи' },
    });
    expect(sends(effects, HEAD).at(-1)?.text).toContain('Исправленный план');
  });

  it('sends to the meeting, and may approve after it', () => {
    const s = answered();
    const discussed = play(s, press(HEAD, 'discuss', s.id));
    expect(discussed.state.phase).toBe('discuss');
    expect(sends(discussed.effects, IVAN)[0]?.text).toContain('на планёрку');
    expect(play(discussed.state, press(HEAD, 'approve', s.id)).state.phase).toBe('approved');
  });

  it('lets a deputy decide', () => {
    const s = answered();
    expect(play(s, press(5, 'approve', s.id)).state.phase).toBe('approved');
  });
});

describe('authorization and idempotency', () => {
  it.each([
    [
      'a manager pressing Approve',
      () => press(IVAN, 'approve', 'sales-20261124-11'),
      IVAN,
      'Утверждать и править планы может только руководитель',
    ],
    [
      'another manager answering',
      () => text(MARIA, 'Причина: я за Ивана'),
      MARIA,
      'адресован другому сотруднику',
    ],
    [
      'another manager pressing a deadline',
      () => press(MARIA, 'deadline', 'sales-20261124-11 today'),
      MARIA,
      'адресован другому сотруднику',
    ],
  ])('%s is refused politely and changes nothing', (_name, input, dialog, refusal) => {
    const s = play(start(), text(IVAN, 'Причина: болел. План: 60 звонков. Срок: завтра')).state;
    const step = transition(s, input(), ctx());
    expect(step.state).toEqual(s);
    expect(sends(step.effects, dialog)[0]?.text).toContain(refusal);
  });

  it('ignores an event delivered twice', () => {
    const s = start();
    const input = text(IVAN, 'Причина: болел. План: 60 звонков. Срок: завтра');
    const once = play(s, input);
    const twice = transition(once.state, input, ctx());
    expect(twice).toEqual({ state: once.state, effects: [] });
  });

  it('reminds once, only while nothing came back', () => {
    const reminder = {
      kind: 'timer' as const,
      timer: 'reminder' as const,
      conversationId: 'x',
      at: '2026-11-24T09:15:00+03:00',
    };
    const { state, effects } = play(start(), reminder, reminder);
    expect(sends(effects, IVAN)).toHaveLength(1);
    expect(state.reminded).toBe(true);
    const answered = play(
      start(),
      text(IVAN, 'Причина: болел. План: 60 звонков. Срок: завтра'),
    ).state;
    expect(transition(answered, reminder, ctx()).effects).toEqual([]);
  });

  it('accepts a late answer and marks it late on the head card', () => {
    const s = { ...start(), escalated: true };
    const { state, effects } = play(
      s,
      text(IVAN, 'Причина: болел. План: 60 звонков. Срок: завтра'),
    );
    expect(state.late).toBe(true);
    expect(sends(effects, HEAD)[0]?.text).toContain('(ответ после срока)');
  });
});

describe('the check at the deadline', () => {
  const check = (status: 'ok' | 'lag') => ({
    kind: 'check' as const,
    conversationId: 'x',
    at: '2026-11-25T18:00:00+03:00',
    figures: [
      {
        metric: 'calls_outgoing',
        window: 'plan_days',
        from: '2026-11-24T00:00:00+03:00',
        to: '2026-11-26T00:00:00+03:00',
        direction: 'more' as const,
        fact: status === 'ok' ? 90 : 30,
        norm: 80,
        status,
        unit: 'count' as const,
      },
    ],
  });
  it.each([
    ['held', 'ok', 'held', 'Цифры в норме'],
    ['not held', 'lag', 'not_held', 'ниже нормы'],
  ])('%s', (_name, status, phase, words) => {
    const s = play(start(), text(IVAN, 'Причина: болел. План: 60 звонков. Срок: завтра')).state;
    const approved = play(s, press(HEAD, 'approve', s.id)).state;
    const { state, effects } = play(approved, check(status as 'ok' | 'lag'));
    expect(state.phase).toBe(phase);
    expect(sends(effects, IVAN)[0]?.text).toContain(words);
    expect(sends(effects, HEAD)[0]?.text).toContain(
      'Исходящие звонки за дни плана (24.11–25.11): ',
    );
  });
});

describe('routing', () => {
  const open = [
    {
      id: 'sales-20261124-11',
      managerId: IVAN,
      managerName: 'Иван Петров',
      phase: 'answered' as const,
      createdAt: '2026-11-24T08:45:00+03:00',
    },
    {
      id: 'sales-20261124-12',
      managerId: MARIA,
      managerName: 'Мария Смирнова',
      phase: 'correcting' as const,
      createdAt: '2026-11-24T08:45:00+03:00',
      correctionRequestedAt: '2026-11-24T10:00:00+03:00',
    },
  ];
  it.each([
    [
      "a manager's text to his own conversation",
      text(IVAN, 'новый план'),
      { to: 'conversations', ids: ['sales-20261124-11'], bulk: false },
    ],
    [
      "the head's words to the plan awaiting them",
      text(HEAD, 'добавь встречи'),
      { to: 'conversations', ids: ['sales-20261124-12'], bulk: false },
    ],
    [
      '"ок все" to every plan awaiting a decision',
      text(HEAD, 'Ок, все'),
      { to: 'conversations', ids: ['sales-20261124-11'], bulk: true },
    ],
    [
      'a button to the conversation it names',
      press(MARIA, 'approve', 'sales-20261124-11'),
      { to: 'conversations', ids: ['sales-20261124-11'], bulk: false },
    ],
    ['a stranger to help', text(99, 'привет'), { to: 'help', audience: 'stranger' }],
    [
      '/status from a manager to help',
      press(IVAN, 'status', ''),
      { to: 'help', audience: 'manager' },
    ],
    ['/mine', press(MARIA, 'mine', ''), { to: 'mine', managerId: MARIA }],
  ])('%s', (_name, input, expected) => {
    expect(route(input, dept, open)).toEqual(expected);
  });
  it('tells a manager without an open question', () => {
    expect(route(text(MARIA, 'привет'), dept, [])).toEqual({ to: 'no_open_question' });
  });
});
