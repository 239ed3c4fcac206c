import { describe, expect, it } from 'vitest';
import { route, type ConversationSummary } from '../../../../src/domain/standup/route.js';
import { HEAD, IVAN, MARIA, dept, text } from '../../../helpers/conversation.js';

const summary = (
  managerId: number,
  managerName: string,
  phase: ConversationSummary['phase'],
  headCardMessageId?: number,
): ConversationSummary => ({
  id: `sales-20261124-${managerId}`,
  managerId,
  managerName,
  phase,
  createdAt: '2026-11-24T08:45:00+03:00',
  ...(headCardMessageId === undefined ? {} : { headCardMessageId }),
});
const ivan = summary(IVAN, 'Иван Петров', 'answered', 701);
const maria = summary(MARIA, 'Мария Смирнова', 'answered', 702);
const to = (id: number, words: string) => ({
  to: 'conversations',
  ids: [`sales-20261124-${id}`],
  bulk: false,
  addressed: { text: words },
});

describe("where the head's words go", () => {
  it('a reply to a card is about that plan', () => {
    const reply = text(HEAD, 'добавь 2 встречи', { replyTo: 702 });
    expect(route(reply, dept, [ivan, maria])).toEqual(to(MARIA, 'добавь 2 встречи'));
  });

  it.each([
    ['Иван: добавь 10 звонков', IVAN, 'добавь 10 звонков'],
    ['Смирнова — ок', MARIA, 'ок'],
    ['мария, на планёрку', MARIA, 'на планёрку'],
    ['Иван Петров: 👍', IVAN, '👍'],
  ])('"%s" is about that manager\'s plan', (words, id, rest) => {
    expect(route(text(HEAD, words), dept, [ivan, maria])).toEqual(to(id, rest));
  });

  it('a quote of a card is about that plan', () => {
    const quoted =
      '------------------------------------------------------\nБот планёрки [24.11.2026 09:01]\nМария Смирнова\nПричина: болела\n------------------------------------------------------\nдобавь встречи';
    expect(route(text(HEAD, quoted), dept, [ivan, maria])).toEqual(to(MARIA, 'добавь встречи'));
  });

  it('with one plan waiting, plain words are about it', () => {
    expect(route(text(HEAD, 'мало звонков'), dept, [ivan])).toEqual(to(IVAN, 'мало звонков'));
  });

  it('with several waiting and no address, the bot asks whose', () => {
    expect(route(text(HEAD, 'мало звонков'), dept, [ivan, maria])).toEqual({
      to: 'which_plan',
      names: ['Иван Петров', 'Мария Смирнова'],
    });
  });

  it('"ок все" stays the bulk approval', () => {
    expect(route(text(HEAD, 'ок все'), dept, [ivan, maria])).toMatchObject({ bulk: true });
  });

  it('a name shared by two managers needs the full name', () => {
    const other = summary(13, 'Иван Сидоров', 'answered');
    expect(route(text(HEAD, 'Иван: ок'), dept, [ivan, other])).toMatchObject({
      to: 'which_plan',
    });
    expect(route(text(HEAD, 'Иван Сидоров: ок'), dept, [ivan, other])).toEqual(to(13, 'ок'));
  });
});
