import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TranscriptEntry } from '../../../src/emulator/control.js';
import { privateConversation } from '../../../src/emulator/portal-state.js';
import { parseLocalTime } from '../../../src/domain/department/local-time.js';
import { standupSlot } from '../../../src/domain/standup-slot.js';
import { runStandup } from '../../../src/standup/run-standup.js';
import { startStandupLoop, type StandupLoop } from '../../helpers/standup-loop.js';

/**
 * The chat as people use it (issue 14): a manager thanks the bot after the plan, sends a new
 * one, asks a question; the head replies to a card, names a manager, writes "ок все".
 */
const HEAD = 1;
const [CALLS, MEETINGS, SILENT] = [14, 15, 16];
const DAY = '2026-11-24';

let loop: StandupLoop;
const fromBot = (userId: number) =>
  loop.emulator.control
    .transcript(privateConversation(userId, loop.botId))
    .filter((m) => m.authorId === loop.botId);
const last = (userId: number): TranscriptEntry | undefined => fromBot(userId).at(-1);
const write = async (userId: number, text: string, replyTo?: number) => {
  loop.emulator.control.userWrites({
    fromUserId: userId,
    to: loop.botId,
    text,
    ...(replyTo === undefined ? {} : { replyTo }),
  });
  await loop.poller.pollOnce();
};
const press = async (userId: number, message: TranscriptEntry | undefined, button: string) => {
  loop.emulator.control.userPresses({ fromUserId: userId, messageId: message?.id ?? 0, button });
  await loop.poller.pollOnce();
};
const conv = async (id: number) =>
  (await loop.store.conversations.get(`sales-demo-20261124-${id}`))?.value;
const nameOf = (id: number) =>
  loop.generated.department.managers.find((m) => m.userId === id)?.name ?? '?';
const cardOf = (id: number) =>
  fromBot(HEAD).find((m) => m.text.includes(nameOf(id)) && m.text.includes('Причина'));

beforeAll(async () => {
  loop = await startStandupLoop({ seed: 9, managers: 8 });
  await runStandup(loop.deps, standupSlot(loop.generated.department, DAY, parseLocalTime('08:45')));
}, 60_000);
afterAll(async () => loop.close());

describe('talking to the bot as people do', () => {
  it('thanks after the plan change nothing; a new plan is asked about first', async () => {
    await write(CALLS, 'Причина: весь день на выезде. План: 25 звонков в день. Срок: завтра');
    const plan = (await conv(CALLS))?.answer;
    const sent = fromBot(CALLS).length;
    await write(CALLS, 'Спасибо!');
    await write(CALLS, '👍');
    expect(fromBot(CALLS)).toHaveLength(sent);
    expect((await conv(CALLS))?.answer).toEqual(plan);

    await write(CALLS, 'План: 40 звонков в день и 2 встречи');
    expect(last(CALLS)?.text).toContain('Заменить план');
    expect((await conv(CALLS))?.answer).toEqual(plan);
    await press(CALLS, last(CALLS), 'Заменить');
    expect((await conv(CALLS))?.answer.plan).toBe('40 звонков в день и 2 встречи');
    expect(cardOf(CALLS)?.text).toContain('40 звонков в день и 2 встречи');
  });

  it('the head corrects by replying to a card, without the button', async () => {
    const card = cardOf(CALLS);
    await write(HEAD, 'Добавь ещё 2 встречи', card?.id);
    expect(await conv(CALLS)).toMatchObject({
      phase: 'revising',
      correction: 'Добавь ещё 2 встречи',
    });
    expect(last(CALLS)?.text).toContain('«Добавь ещё 2 встречи»');
    expect(cardOf(CALLS)?.text).toContain('Правка у менеджера');
    await write(CALLS, 'ок');
    expect(cardOf(CALLS)?.text).toContain('Утверждено с правкой');
  });

  it('"Имя: ок" approves that plan; several waiting and no name: the bot asks whose', async () => {
    await write(MEETINGS, 'Клиенты перенесли встречи, назначу 4 новые до пятницы');
    await write(SILENT, 'Причина: не успел. План: закрою просроченные дела. Срок: сегодня');
    await write(HEAD, 'мало');
    expect(last(HEAD)?.text).toContain('О чьём плане речь?');
    const first = nameOf(MEETINGS).split(' ')[0] ?? '';
    await write(HEAD, `${first}: ок`);
    expect((await conv(MEETINGS))?.phase).toBe('approved');
    await write(HEAD, 'ок все');
    expect(last(HEAD)?.text).toBe(`Утверждены планы: ${nameOf(SILENT)}.`);
    await write(HEAD, 'ок все');
    expect(last(HEAD)?.text).toBe('Планов, ждущих решения, нет.');
  });

  it('the history tells the steps apart', async () => {
    const history = await loop.store.history.range(DAY, DAY);
    expect(history.find((h) => h.managerId === CALLS)?.steps.map((s) => s.kind)).toEqual([
      'submitted',
      'revised',
      'correction_requested',
      'correction_accepted',
    ]);
    expect(history.find((h) => h.managerId === CALLS)?.decision).toBe('approved_with_correction');
  });
});
