import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TranscriptEntry } from '../../../src/emulator/control.js';
import { privateConversation } from '../../../src/emulator/portal-state.js';
import type { HistoryEntry } from '../../../src/domain/standup/history-entry.js';
import { runWeek } from '../../../src/week/run-week.js';
import { startStandupLoop, type StandupLoop } from '../../helpers/standup-loop.js';

const HEAD = 1;
const FRIDAY = new Date('2026-11-27T16:00:00+03:00');
const NEXT_FRIDAY = new Date('2026-12-04T16:00:00+03:00');

let loop: StandupLoop;
const fromBot = (userId: number) =>
  loop.emulator.control
    .transcript(privateConversation(userId, loop.botId))
    .filter((m) => m.authorId === loop.botId);
const weekCards = () => fromBot(HEAD).filter((m) => m.attach !== undefined);
const press = async (userId: number, message: TranscriptEntry | undefined, button: string) => {
  loop.emulator.control.userPresses({ fromUserId: userId, messageId: message?.id ?? 0, button });
  await loop.poller.pollOnce();
};
const write = async (userId: number, text: string) => {
  loop.emulator.control.userWrites({ fromUserId: userId, to: loop.botId, text });
  await loop.poller.pollOnce();
};
const at = (date: Date) => {
  loop.clock.set(date);
  loop.emulator.control.setNow(date);
};

function entry(fields: Partial<HistoryEntry> & { day: string; managerId: number }): HistoryEntry {
  const manager = loop.generated.department.managers.find((m) => m.userId === fields.managerId)!;
  return {
    conversationId: `sales-demo-${fields.day.replaceAll('-', '')}-${fields.managerId}`,
    standupId: `sales-demo-${fields.day.replaceAll('-', '')}`,
    managerName: manager.name,
    lags: [{ metric: 'calls_outgoing', window: 'day', fact: 10, norm: 40 }],
    steps: [],
    outcome: 'open',
    late: false,
    reminded: false,
    ...fields,
  };
}

beforeAll(async () => {
  loop = await startStandupLoop({ seed: 9, managers: 8 });
  // The week's standups, as the history keeps them: a plan sent to the meeting, a plan that
  // did not hold, and one manager lagging on calls three days running.
  const entries = [
    entry({
      day: '2026-11-24',
      managerId: 14,
      decision: 'discuss',
      plan: 'Обзвонить базу',
      deadline: '2026-11-30',
    }),
    entry({
      day: '2026-11-25',
      managerId: 15,
      outcome: 'not_held',
      plan: 'Три встречи',
      deadline: '2026-11-26',
    }),
    entry({ day: '2026-11-26', managerId: 16, outcome: 'held', plan: 'Закрыть просрочки' }),
    ...['2026-11-23', '2026-11-24', '2026-11-25'].map((day) =>
      entry({ day, managerId: 12, conversationId: `c-${day}-12` }),
    ),
  ];
  for (const e of entries) {
    await loop.store.history.put(e.conversationId, e.day, e);
  }
  at(FRIDAY);
}, 60_000);
afterAll(async () => loop.close());

describe('the weekly card', () => {
  it('goes to the head once, with the week as a GRID attachment, the same as text, and buttons', async () => {
    const first = await runWeek(loop.deps);
    const again = await runWeek(loop.deps);
    expect(first).toMatchObject({ weekId: 'sales-demo-w20261127', resumed: false, issues: 2 });
    expect(again.resumed).toBe(true);
    const cards = weekCards();
    expect(cards).toHaveLength(1);
    const card = cards[0]!;
    const blocks = (card.attach as { BLOCKS: Record<string, unknown>[] }).BLOCKS;
    const grid = blocks.find((b) => 'GRID' in b)?.GRID as { NAME: string; VALUE: string }[];
    expect(grid.length).toBe(loop.generated.department.managers.length);
    for (const row of grid) {
      expect(card.text).toContain(`${row.NAME}: ${row.VALUE}`);
    }
    expect(card.text).toContain(
      'Планы недели:[/b] выполнено 1, не выполнено 1, в работе 3, на планёрку 1',
    );
    expect(card.text).toMatch(/Повторные отставания:\[\/b\]\n.*Исходящие звонки: 3 дн\. из 5/);
    expect(card.text).toContain('1. ');
    expect(card.text).toContain('«Обзвонить базу» — срок пн 30.11; отправлен на планёрку');
    expect(card.text).toContain('«Три встречи» — срок чт 26.11; план не выполнен');
    expect(card.buttons.map((b) => b.text)).toEqual(
      expect.arrayContaining(['1: решено', '1: перенести', '1: снять', '2: решено']),
    );
  });

  it('refuses a manager and changes nothing', async () => {
    await write(14, '/issue sales-demo-w20261127 1 solved');
    expect(fromBot(14).at(-1)?.text).toBe('Это решает руководитель отдела.');
    const record = (await loop.store.week.weeks.get('sales-demo-w20261127'))?.value;
    expect(record?.card.issues.map((i) => i.state)).toEqual(['open', 'open']);
  });

  it("records the head's buttons and redraws the card", async () => {
    await press(HEAD, weekCards()[0], '1: перенести');
    await press(HEAD, weekCards()[0], '2: решено');
    const record = (await loop.store.week.weeks.get('sales-demo-w20261127'))?.value;
    expect(record?.card.issues.map((i) => i.state)).toEqual(['carried', 'solved']);
    const card = weekCards()[0]!;
    expect(card.edited).toBe(true);
    expect(card.text).toContain('➡️ перенесено на следующую неделю');
    expect(card.text).toContain('✅ решено');
    expect(card.buttons).not.toContainEqual(expect.objectContaining({ text: '1: решено' }));
  });

  it('marks a one-to-one by a button and by /1on1 Имя', async () => {
    const due = weekCards()[0]!.buttons.find((b) => b.command === '/1on1')!;
    const managerId = Number(due.params.split(' ')[0]);
    const name = loop.generated.department.managers.find((m) => m.userId === managerId)!.name;
    await press(HEAD, weekCards()[0], due.text);
    expect(fromBot(HEAD).at(-1)?.text).toBe(
      `Встреча 1:1 с ${name} отмечена (1 из 2 в этом месяце).`,
    );
    await write(HEAD, `/1on1 ${name.split(' ')[0]}`);
    expect(fromBot(HEAD).at(-1)?.text).toBe(
      `Встреча 1:1 с ${name} отмечена (2 из 2 в этом месяце).`,
    );
    // The month's count is met: no longer due, its button gone (the training one stays).
    expect(
      weekCards()[0]!.buttons.some((b) => b.command === '/1on1' && b.params === due.params),
    ).toBe(false);
    await write(HEAD, '/training Нетакого');
    expect(fromBot(HEAD).at(-1)?.text).toBe('Кого отметить? Напишите так: /1on1 Имя');
  });

  it('brings the carried issue back next week, marked, and not the solved one', async () => {
    at(NEXT_FRIDAY);
    await runWeek(loop.deps);
    const next = (await loop.store.week.weeks.get('sales-demo-w20261204'))?.value;
    expect(next?.card.issues.map((i) => [i.text, i.carriedFrom, i.state])).toEqual([
      ['Обзвонить базу', 'sales-demo-w20261127', 'open'],
    ]);
    expect(weekCards().at(-1)?.text).toContain('1. [перенесено]');
  });
});
