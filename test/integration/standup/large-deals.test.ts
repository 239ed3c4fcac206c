import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RHYTHM } from '../../../src/domain/rhythm/rhythm-settings.js';
import { parseLocalTime } from '../../../src/domain/department/local-time.js';
import type { Department } from '../../../src/domain/department/department.js';
import { standupSlot } from '../../../src/domain/standup-slot.js';
import { privateConversation } from '../../../src/emulator/portal-state.js';
import { measureStandup } from '../../../src/report/measure-standup.js';
import { runStandup } from '../../../src/standup/run-standup.js';
import { startStandupLoop, type StandupLoop } from '../../helpers/standup-loop.js';

const HEAD = 1;
const DAY = '2026-11-24';
const AT = new Date('2026-11-24T08:45:00+03:00');
let loop: StandupLoop;
let withDeals: Department;
const ids: Record<string, number> = {};

const deal = (title: string, opportunity: number, lastActivity: string, stage = 'P') => {
  const managerId = loop.generated.department.managers[0]!.userId;
  const created = Date.parse('2026-10-01T10:00:00+03:00');
  return loop.emulator.control.addItem(2, {
    title,
    assignedById: managerId,
    createdBy: managerId,
    createdTime: created,
    updatedTime: created,
    movedTime: created,
    stageId: stage === 'P' ? 'EXECUTING' : 'WON',
    stageSemanticId: stage,
    closed: stage !== 'P',
    opportunity,
    currencyId: 'RUB',
    categoryId: 0,
    lastActivityTime: Date.parse(lastActivity),
  });
};

beforeAll(async () => {
  loop = await startStandupLoop({ seed: 7, managers: 6, at: AT.toISOString() });
  ids.stale = deal('Поставка станков', 4_800_000, '2026-11-10T12:00:00+03:00');
  ids.staleSmaller = deal('Склад под ключ', 2_100_000, '2026-11-16T12:00:00+03:00');
  ids.fresh = deal('Свежая большая', 9_000_000, '2026-11-23T15:00:00+03:00');
  ids.won = deal('Уже выиграна', 7_000_000, '2026-11-02T12:00:00+03:00', 'S');
  ids.small = deal('Маленькая', 300_000, '2026-11-01T12:00:00+03:00');
  withDeals = {
    ...loop.generated.department,
    rhythm: {
      ...DEFAULT_RHYTHM,
      monthlyResults: { enabled: true, time: parseLocalTime('17:00') },
      largeDeals: { enabled: true, minAmount: 1_000_000, idleDays: 5, maxLines: 3 },
    },
  };
}, 60_000);
afterAll(async () => loop.close());

describe('large deals in the head’s digest', () => {
  it('reads them in the opening batch: no request of their own', async () => {
    const measure = (dept: Department) =>
      measureStandup({ dept, calendar: loop.deps.calendar, reader: loop.deps.reader, at: AT });
    const without = await measure(loop.generated.department);
    const withThem = await measure(withDeals);
    expect(without.largeDeals).toEqual([]);
    expect(withThem.requests).toBe(without.requests);
    expect(withThem.largeDeals.map((d) => d.id)).toEqual([ids.stale, ids.staleSmaller]);
    expect(withThem.largeDeals[0]).toMatchObject({
      title: 'Поставка станков',
      amount: 4_800_000,
      url: `https://${new URL(loop.emulator.webhookUrl).host}/crm/deal/details/${ids.stale}/`,
    });
  });

  it('shows a large stale deal in the digest with its link, and not a fresh one', async () => {
    loop.deps.dept = withDeals;
    await runStandup(loop.deps, standupSlot(withDeals, DAY, parseLocalTime('08:45')));
    const digest = loop.emulator.control
      .transcript(privateConversation(HEAD, loop.botId))
      .find((m) => m.authorId === loop.botId && m.text.includes('Крупные сделки без движения'));
    expect(digest?.text).toContain(
      `[URL=https://${new URL(loop.emulator.webhookUrl).host}/crm/deal/details/${ids.stale}/]Поставка станков[/URL] — 4,8 млн ₽`,
    );
    expect(digest?.text).toContain('без активности с 10.11');
    expect(digest?.text).toContain('Склад под ключ');
    expect(digest?.text).not.toContain('Свежая большая');
    expect(digest?.text).not.toContain('Уже выиграна');
    expect(digest?.text).not.toContain('Маленькая');
  });
});
