import { describe, expect, it } from 'vitest';
import type { Effect } from '../../../../src/domain/standup/conversation-schema.js';
import { historyEntry } from '../../../../src/domain/standup/history-entry.js';
import { startConversation } from '../../../../src/domain/standup/start-conversation.js';
import {
  HEAD,
  IVAN,
  ctx,
  lag,
  play,
  playAt,
  press,
  sends,
  start,
  text,
} from '../../../helpers/conversation.js';

const FULL = 'Причина: болел. План: 60 звонков. Срок: завтра';
const answered = () => play(start(), text(IVAN, FULL)).state;
const updates = (effects: Effect[]) =>
  effects.filter((e): e is Extract<Effect, { type: 'update' }> => e.type === 'update');

describe('courtesy is not an amendment', () => {
  it.each(['Спасибо!', 'ок', '👍', 'Thanks!', 'Спасибо, буду стараться', 'понял, принял'])(
    '"%s" after the plan changes nothing and needs no answer',
    (words) => {
      const s = answered();
      const { state, effects } = play(s, text(IVAN, words));
      expect(state.answer).toEqual(s.answer);
      expect(state.proposal).toBeUndefined();
      expect(effects).toEqual([]);
    },
  );

  it('a question back is answered and changes nothing', () => {
    const s = answered();
    const { state, effects } = play(s, text(IVAN, 'А во сколько планёрка?'));
    expect(state.answer).toEqual(s.answer);
    expect(sends(effects, IVAN)[0]?.text).toContain('На вопросы я не отвечаю');
  });

  it('a new plan is asked about once, with [Заменить] [Оставить], and kept or replaced', () => {
    const s = answered();
    const asked = play(s, text(IVAN, 'План: 80 звонков и 2 встречи. Срок: пятница'));
    const [question] = sends(asked.effects, IVAN);
    expect(question?.text).toContain('Заменить план');
    expect(question?.text).toContain('80 звонков и 2 встречи');
    expect(question?.keyboard?.[0]?.map((b) => [b.text, b.command])).toEqual([
      ['Заменить', '/replace'],
      ['Оставить', '/keep'],
    ]);
    expect(asked.state.answer).toEqual(s.answer);
    expect(sends(asked.effects, HEAD)).toEqual([]);

    const kept = play(asked.state, press(IVAN, 'keep', s.id));
    expect(kept.state.answer).toEqual(s.answer);
    expect(kept.state.proposal).toBeUndefined();
    expect(sends(kept.effects, IVAN)[0]?.text).toContain('план у руководителя прежний');

    const replaced = play(asked.state, text(IVAN, 'да'));
    expect(replaced.state.answer).toMatchObject({
      reason: 'болел',
      plan: '80 звонков и 2 встречи',
      deadline: '2026-11-27',
    });
    expect(updates(replaced.effects)[0]?.text).toContain('80 звонков и 2 встречи');
    expect(replaced.state.steps.map((step) => step.kind)).toEqual(['submitted', 'revised']);
  });

  it('a remark with no plan in it leaves the plan and says how to replace it', () => {
    const s = answered();
    const { state, effects } = play(s, text(IVAN, 'клиенты всё ещё в отпусках'));
    expect(state.answer).toEqual(s.answer);
    expect(sends(effects, IVAN)[0]?.text).toContain('остаётся прежним');
  });

  it('thanks after the head approved change nothing and get no answer', () => {
    const approved = play(answered(), press(HEAD, 'approve', answered().id)).state;
    expect(play(approved, text(IVAN, 'Спасибо!')).effects).toEqual([]);
    expect(sends(play(approved, text(IVAN, 'План: 90 звонков')).effects, IVAN)[0]?.text).toContain(
      'руководитель уже решил',
    );
  });
});

describe('deadlines in the conversation', () => {
  it('reads the weekday over "сегодня и завтра" (issue 14)', () => {
    const s = play(
      start(),
      text(IVAN, 'Болел'),
      text(IVAN, 'Сегодня и завтра навёрстываю звонки, догоню до четверга.'),
    ).state;
    expect(s.answer.deadline).toBe('2026-11-26');
    expect(s.phase).toBe('answered');
  });

  it('asks back a deadline past the department limit, naming the limit', () => {
    const { state, effects } = play(
      start(),
      text(IVAN, 'Причина: болел. План: звонки. Срок: 20.01'),
    );
    expect(state.phase).toBe('asked');
    expect(state.awaiting).toBe('deadline');
    expect(sends(effects, IVAN)[0]?.text).toContain('не дальше чем через 30 дн.');
  });

  it('moves a day off to the next working day and says so', () => {
    const { state, effects } = play(
      start(),
      text(IVAN, 'Причина: болел. План: звонки. Срок: суббота'),
    );
    expect(state.answer).toMatchObject({ deadline: '2026-11-30', deadlineMovedFrom: '2026-11-28' });
    expect(sends(effects, IVAN)[0]?.text).toContain('сб 28.11 — выходной');
    expect(sends(effects, HEAD)[0]?.text).toContain('Срок: пн 30.11');
  });
});

describe('cards the head reads in seconds', () => {
  const long = (words: string) => `${words} `.repeat(200).trim();
  const huge = `Причина: ${long('клиенты в отпусках и на праздниках')}\nПлан: ${long('обзвоню всю базу')}\nСрок: пятница`;

  it('cuts reason and plan at about 300 characters and offers the whole text', () => {
    expect(huge.length).toBeGreaterThan(2_800);
    const { state, effects } = play(start(), text(IVAN, huge));
    const [card] = sends(effects, HEAD);
    expect(card?.text.length).toBeLessThan(900);
    expect(card?.keyboard?.at(-1)).toEqual([
      { text: 'Показать полностью', command: '/full', params: state.id },
    ]);
    const full = play(state, press(HEAD, 'full', state.id));
    expect(sends(full.effects, HEAD)[0]?.text.length).toBeGreaterThan(2_800);
    expect(full.state).toEqual(state);
    expect(historyEntry(state).plan).toBe(state.answer.plan);
    expect(state.answer.plan?.length).toBeGreaterThan(1_000);
  });

  it('keeps every question to the manager within 600 characters', () => {
    const many = Array.from({ length: 14 }, (_, i) => ({
      ...lag,
      metric: `исходящие звонки по холодной базе ${i}`,
    }));
    const opened = startConversation(
      {
        standupId: 'sales-20261124',
        day: '2026-11-24',
        departmentId: 'sales',
        manager: {
          managerId: IVAN,
          name: 'Иван Петров',
          mode: 'active',
          figures: many,
          lags: many,
          severity: 1,
        },
      },
      ctx(),
    );
    const s = answered();
    const flows = [
      opened.effects,
      play(s, text(IVAN, huge)).effects,
      play(s, press(HEAD, 'correct', s.id), text(HEAD, long('добавь встречи'))).effects,
      play(start(), text(IVAN, '??'), text(IVAN, '...'), text(IVAN, 'болел'), text(IVAN, 'звоню'))
        .effects,
    ];
    for (const effect of flows.flat()) {
      if (
        effect.type === 'send' &&
        effect.dialogId === String(IVAN) &&
        !effect.text.includes('Ваш план')
      ) {
        expect(effect.text.length, effect.text).toBeLessThanOrEqual(600);
      }
    }
    expect(sends(opened.effects, IVAN)[0]?.text).toContain('…и ещё');
  });
});

describe('cards tell the current state; the history tells the decisions apart', () => {
  it('after the manager accepts the correction the card reads "Утверждено с правкой"', () => {
    const s = answered();
    const { state, effects } = play(
      s,
      press(HEAD, 'correct', s.id),
      text(HEAD, 'Добавь 5 встреч'),
      text(IVAN, 'ок'),
    );
    const cards = updates(effects).map((u) => u.text);
    expect(cards[0]).toContain('Правка у менеджера');
    expect(cards.at(-1)).toContain('Утверждено с правкой');
    expect(cards.at(-1)).toContain('Правка: Добавь 5 встреч');
    expect(historyEntry(state)).toMatchObject({ decision: 'approved_with_correction' });
    expect(state.steps.map((step) => step.kind)).toEqual([
      'submitted',
      'correction_requested',
      'correction_accepted',
    ]);
  });

  it('a revised plan is told apart from an accepted correction', () => {
    const s = answered();
    const { state } = play(
      s,
      press(HEAD, 'correct', s.id),
      text(HEAD, 'Мало'),
      text(IVAN, '80 звонков и 2 встречи'),
    );
    expect(state.steps.map((step) => step.kind)).toEqual([
      'submitted',
      'correction_requested',
      'revised',
    ]);
    expect(historyEntry(state).decision).toBe('correction_requested');
  });
});

describe('the head talks naturally', () => {
  const addressed = (body: string) => text(HEAD, body, { addressed: true });

  it.each([
    ['ок', 'approved'],
    ['👍', 'approved'],
    ['на планёрку', 'discuss'],
    ['Добавь 5 встреч', 'revising'],
    ['спасибо', 'answered'],
  ])('"%s" about a waiting plan -> %s', (words, phase) => {
    expect(play(answered(), addressed(words)).state.phase).toBe(phase);
  });

  it('a correction without the button reaches the manager', () => {
    const { state, effects } = play(answered(), addressed('Добавь 5 встреч'));
    expect(state.correction).toBe('Добавь 5 встреч');
    expect(sends(effects, IVAN)[0]?.text).toContain('«Добавь 5 встреч»');
  });

  it('words not addressed to a plan are not taken for a correction', () => {
    const s = answered();
    const step = play(s, text(HEAD, 'Добавь 5 встреч'));
    expect(step.state.phase).toBe('answered');
    expect(sends(step.effects, HEAD)[0]?.text).toContain('нет плана');
  });
});

describe('texts that fit the moment', () => {
  it('greets by the local time of day', () => {
    const at = (now: string) => {
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
            severity: 1,
          },
        },
        ctx(now),
      );
      return sends(step.effects, IVAN)[0]?.text ?? '';
    };
    expect(at('2026-11-24T08:45:00+03:00')).toContain('доброе утро');
    expect(at('2026-11-24T17:27:00+03:00')).toContain('добрый день');
    expect(at('2026-11-24T19:10:00+03:00')).toContain('добрый вечер');
  });

  it('reminds with the figures\' day, not "yesterday"', () => {
    const reminder = {
      kind: 'timer' as const,
      timer: 'reminder' as const,
      conversationId: 'x',
      at: '2026-11-24T09:15:00+03:00',
    };
    const [sent] = sends(play(start(), reminder).effects, IVAN);
    expect(sent?.text).toContain('по цифрам за понедельник 23.11');
    expect(sent?.text).not.toContain('вчера');
    const week = { ...lag, window: 'week', from: '2026-11-17T00:00:00+03:00' };
    const both = { ...start(), lags: [lag, week] };
    expect(sends(play(both, reminder).effects, IVAN)[0]?.text).toContain(
      'за понедельник 23.11 и за неделю',
    );
  });

  it('a second unreadable message in a row gets an example answer', () => {
    const { effects } = play(start(), text(IVAN, '...'), text(IVAN, '🤔'));
    const [first, second] = sends(effects, IVAN).map((e) => e.text);
    expect(first).toContain('Не понял ответ');
    expect(second).toContain('Например');
    expect(second).not.toEqual(first);
  });

  it('the English texts follow the same rules', () => {
    const en = { ...ctx('2026-11-24T14:00:00+03:00'), language: 'en' as const };
    const { effects } = playAt(en, answered(), text(IVAN, 'Thanks!'));
    expect(effects).toEqual([]);
  });
});

describe('a proposal overtaken by the decision', () => {
  it('"Заменить" pressed after the head approved changes nothing', () => {
    const s = answered();
    const asked = play(s, text(IVAN, 'План: 80 звонков'));
    const approved = play(asked.state, press(HEAD, 'approve', s.id)).state;
    const late = play(approved, press(IVAN, 'replace', s.id));
    expect(late.state.answer).toEqual(s.answer);
    expect(late.state.phase).toBe('approved');
    expect(sends(late.effects, IVAN)[0]?.text).toContain('решение уже принято');
  });
});
