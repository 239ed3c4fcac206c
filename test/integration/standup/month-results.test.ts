import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { historyCommand } from '../../../src/cli/history.js';
import { reportCommand } from '../../../src/cli/report.js';
import type { TranscriptEntry } from '../../../src/emulator/control.js';
import { privateConversation } from '../../../src/emulator/portal-state.js';
import { monthReportSchema, type MonthReport } from '../../../src/domain/month/month-report.js';
import { monthCardId } from '../../../src/standup/month-store.js';
import { runMonthJob } from '../../../src/standup/run-month.js';
import { createStandupStore } from '../../../src/standup/standup-store.js';
import { testRedisUrl } from '../../helpers/redis.js';
import { startStandupLoop, type StandupLoop } from '../../helpers/standup-loop.js';
import { truthFigure } from '../../helpers/truth-figures.js';

const HEAD = 1;
const AT = '2026-11-30T17:00:00+03:00';
let loop: StandupLoop;
let file: string;

const fromBot = (userId: number) =>
  loop.emulator.control
    .transcript(privateConversation(userId, loop.botId))
    .filter((m) => m.authorId === loop.botId);
const press = async (userId: number, message: TranscriptEntry | undefined, button: string) => {
  loop.emulator.control.userPresses({ fromUserId: userId, messageId: message?.id ?? 0, button });
  await loop.poller.pollOnce();
};

async function cli(
  command: typeof reportCommand,
  values: Record<string, string | boolean>,
): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  const code = await command.run(values, {
    out: (text) => out.push(text),
    err: () => undefined,
    env: {
      BITRIX_WEBHOOK_URL: loop.emulator.webhookUrl,
      REDIS_URL: testRedisUrl(),
      REDIS_PREFIX: loop.keyPrefix.slice(0, -1),
      LOG_LEVEL: 'silent',
    },
  });
  return { code, out: out.join('\n') };
}

beforeAll(async () => {
  loop = await startStandupLoop({ seed: 7, managers: 6, at: AT });
  // The department's own keys, as the runtime keeps them (and the history command reads them).
  loop.deps.store = createStandupStore(loop.redis, loop.keyPrefix, {
    departmentId: loop.generated.department.id,
  });
  const dir = mkdtempSync(join(tmpdir(), 'month-'));
  file = join(dir, 'department.yaml');
  writeFileSync(file, stringify(loop.generated.file));
}, 60_000);
afterAll(async () => loop.close());

describe("the month's results against the emulator", () => {
  let report: MonthReport;

  it('report --month --json ranks managers by plan fulfilment with the CRM truth', async () => {
    const { code, out } = await cli(reportCommand, {
      month: true,
      json: true,
      date: '2026-11-30',
      config: file,
    });
    expect(code).toBe(0);
    report = monthReportSchema.parse(JSON.parse(out));
    expect(report.month).toBe('2026-11');
    expect(report.elapsed).toBe(1);
    expect(report.rankedBy).toBe('amount');
    expect(report.managers.length).toBe(loop.generated.department.managers.length);
    const state = loop.emulator.control.state;
    const metric = { amount: 'won_amount', units: 'deals_won', new_clients: 'new_clients' };
    for (const m of report.managers) {
      for (const t of m.targets) {
        const truth = truthFigure(state, {
          managerId: m.managerId,
          metric: metric[t.target],
          from: report.from,
          to: report.to,
          now: AT,
        });
        expect([m.managerId, t.target, t.fact]).toEqual([m.managerId, t.target, truth]);
        expect(t.fulfilment.realistic).toBeCloseTo(t.fact / t.plan.realistic, 9);
      }
    }
    const amounts = report.managers.map((m) => m.fulfilment);
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    expect(amounts.some((a) => a > 0)).toBe(true);
    expect(report.team.map((t) => t.target).sort()).toEqual(['amount', 'new_clients', 'units']);
  });

  it('sends the scheduled card once, and says when next month has no plan', async () => {
    const job = { kind: 'results' as const, month: '2026-11', day: '2026-11-30', runAt: AT };
    await runMonthJob(loop.deps, job);
    await runMonthJob(loop.deps, job);
    const cards = fromBot(HEAD).filter((m) => m.text.includes('Итоги месяца'));
    expect(cards).toHaveLength(1);
    const card = cards[0];
    // The generated file plans only November: the card says there is no December plan.
    expect(card?.text).toContain('Плана на декабрь 2026 в файле нет');
    expect(card?.buttons).toEqual([]);
  });

  it('warns the head once a week before the end when next month has no plan; /month on demand', async () => {
    const warning = {
      kind: 'plan_warning' as const,
      month: '2026-11',
      day: '2026-11-23',
      runAt: AT,
    };
    await runMonthJob(loop.deps, warning);
    await runMonthJob(loop.deps, warning);
    const warnings = fromBot(HEAD).filter((m) => m.text.includes('нет плана на декабрь 2026'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.text).toContain('пн 30.11');

    const before = fromBot(HEAD).length;
    loop.emulator.control.userWrites({ fromUserId: HEAD, to: loop.botId, text: '/month' });
    await loop.poller.pollOnce();
    expect(fromBot(HEAD)).toHaveLength(before + 1);
    expect(fromBot(HEAD).at(-1)?.text).toContain('Итоги месяца: ноябрь 2026');
  });

  it('approves next month’s plan with one tap, only for the head, into the history', async () => {
    // Add a December plan, as a head would after the warning.
    const periods = [
      ...loop.generated.department.plan.periods,
      {
        period: '2026-12',
        amount: { pessimistic: 8_000_000, realistic: 10_000_000, optimistic: 12_000_000 },
      },
    ];
    loop.deps.dept = {
      ...loop.generated.department,
      plan: { ...loop.generated.department.plan, periods },
    };
    const cardId = `${monthCardId(loop.deps.dept.id, '2026-11')}-again`;
    const { monthCard } = await import('../../../src/standup/run-month.js');
    await monthCard(loop.deps, { cardId, at: new Date(AT), dialogId: String(HEAD) });
    const card = fromBot(HEAD).at(-1);
    expect(card?.text).toContain('План на декабрь 2026');
    expect(card?.buttons.map((b) => b.text)).toEqual(['Утвердить план']);

    // A manager sends the button's command himself (he cannot see the head's card).
    const manager = loop.generated.department.managers[0]!.userId;
    loop.emulator.control.userWrites({
      fromUserId: manager,
      to: loop.botId,
      text: `/month_approve ${cardId}`,
    });
    await loop.poller.pollOnce();
    expect(fromBot(manager).at(-1)?.text).toBe(
      'Утверждать план месяца может только руководитель отдела.',
    );
    expect((await loop.deps.store.month.cards.get(cardId))?.value.approved).toBeUndefined();

    await press(HEAD, card, 'Утвердить план');
    const stored = (await loop.deps.store.month.cards.get(cardId))?.value;
    expect(stored?.approved?.by).toBe(HEAD);
    const updated = fromBot(HEAD).find((m) => m.id === card?.id);
    expect(updated?.text).toContain('✅ План утверждён');
    expect(updated?.buttons).toEqual([]);
    expect(fromBot(HEAD).at(-1)?.text).toBe('План на декабрь 2026 утверждён и записан в историю.');

    const { code, out } = await cli(historyCommand, {
      from: '2026-11-01',
      to: '2026-11-30',
      config: file,
    });
    expect(code).toBe(0);
    expect(out).toMatch(
      /plan for 2026-12 approved by Анна Соколова \(month's results of 2026-11\): amount 10000000/,
    );
  });
});
