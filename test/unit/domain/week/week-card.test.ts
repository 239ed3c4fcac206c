import { describe, expect, it } from 'vitest';
import { attachSchema } from '../../../../src/domain/standup/attach-schema.js';
import { weekCard, type WeekCardData } from '../../../../src/domain/week/week-card.js';
import { issuesOfWeek } from '../../../../src/domain/week/week-issues.js';
import { DAYS, entry, weekReport } from './week-fixtures.js';

const titleOf = (metric: string) => ({ calls_outgoing: 'Исходящие звонки' })[metric] ?? metric;

function data(): WeekCardData {
  const issues = issuesOfWeek({
    entries: [
      entry({
        day: DAYS[1]!,
        managerId: 11,
        decision: 'discuss',
        plan: 'Обзвонить базу',
        deadline: '2026-11-24',
      }),
    ],
    days: DAYS,
    listedBefore: new Set(),
  });
  return {
    report: weekReport(),
    meetingTime: '17:00',
    plans: {
      held: [{ managerName: 'Мария Смирнова' }],
      notHeld: [{ managerName: 'Иван Петров' }],
      open: [],
      meeting: [{ managerName: 'Иван Петров' }],
    },
    repeat: [
      { managerId: 11, name: 'Иван Петров', metric: 'calls_outgoing', days: 3, twoWeeks: true },
    ],
    issues: [
      ...issues,
      {
        ...issues[0]!,
        id: '2',
        conversationId: 'x',
        carriedFrom: 'sales-w20261113',
        state: 'solved',
      },
    ],
    oneOnOne: [{ managerId: 11, name: 'Иван Петров', done: 0 }],
    oneOnOnePerMonth: 2,
    training: [{ managerId: 12, name: 'Мария Смирнова', isNew: true }],
  };
}

describe("the week's card", () => {
  it('says every part in Russian text', () => {
    const card = weekCard(data(), titleOf, 'ru', 'head');
    expect(card.text.split('\n')).toEqual([
      '[b]Планёрка недели: пт 20.11, 17:00[/b] — неделя 16.11–20.11',
      '',
      '[b]План (пессимистичный / реалистичный / оптимистичный)[/b]',
      '🟡 неделя, сделки: 5 из 7 — темп 100% / 71% / 56%',
      '',
      '[b]Менеджеры за неделю[/b]',
      '🔴 Иван Петров: Исходящие звонки 120 из 200',
      '🟢 Мария Смирнова: Исходящие звонки 210 из 200',
      '',
      '[b]Планы недели:[/b] выполнено 1, не выполнено 1, в работе 0, на планёрку 1',
      'не выполнены: Иван Петров',
      'на планёрку: Иван Петров',
      '',
      '[b]Повторные отставания:[/b]',
      'Иван Петров — Исходящие звонки: 3 дн. из 5, вторую неделю подряд',
      '',
      '[b]Открытые вопросы:[/b]',
      '1. Иван Петров: «Обзвонить базу» — срок вт 24.11; отправлен на планёрку (стендап вт 17.11)',
      '2. [перенесено] Иван Петров: «Обзвонить базу» — срок вт 24.11; отправлен на планёрку (стендап вт 17.11) ✅ решено',
      '',
      '[b]Встречи 1:1 — пора:[/b] Иван Петров (0 из 2)',
      '',
      '[b]Обучение — пора:[/b] Мария Смирнова (новый менеджер, не отмечалось)',
    ]);
  });

  it('puts the managers and the pace in GRID rows of a valid attachment', () => {
    const card = weekCard(data(), titleOf, 'ru', 'head');
    expect(attachSchema.safeParse(card.attach).success).toBe(true);
    const grids = card.attach.BLOCKS.flatMap((b) => ('GRID' in b ? [b.GRID] : []));
    expect(grids[0]).toEqual([
      {
        DISPLAY: 'ROW',
        NAME: '🔴 Иван Петров',
        VALUE: 'Исходящие звонки 120 из 200',
        COLOR_TOKEN: 'alert',
      },
      {
        DISPLAY: 'ROW',
        NAME: '🟢 Мария Смирнова',
        VALUE: 'Исходящие звонки 210 из 200',
        COLOR_TOKEN: 'primary',
      },
    ]);
    expect(grids[1]?.[0]).toMatchObject({
      NAME: '🟡 неделя, сделки',
      VALUE: '5 из 7 — темп 100% / 71% / 56%',
    });
    // Each GRID keeps one display format, as the docs ask.
    for (const grid of grids) {
      expect(new Set(grid.map((g) => g.DISPLAY)).size).toBe(1);
    }
  });

  it('gives the head buttons for open issues only, and for who is due; the team chat none of the people matters', () => {
    const head = weekCard(data(), titleOf, 'ru', 'head');
    expect(head.keyboard).toEqual([
      [
        {
          text: '1: решено',
          command: '/issue',
          params: 'sales-w20261120 1 solved',
          tone: 'primary',
        },
        { text: '1: перенести', command: '/issue', params: 'sales-w20261120 1 carry' },
        { text: '1: снять', command: '/issue', params: 'sales-w20261120 1 drop' },
      ],
      [
        { text: '1:1 Иван ✓', command: '/1on1', params: '11 sales-w20261120' },
        { text: 'Обучение Мария ✓', command: '/training', params: '12 sales-w20261120' },
      ],
    ]);
    const team = weekCard(data(), titleOf, 'ru', 'team');
    expect(team.keyboard).toEqual([]);
    expect(team.text).not.toContain('1:1');
    expect(team.text).not.toContain('Обучение');
    expect(team.text).toContain('Открытые вопросы');
  });
});
