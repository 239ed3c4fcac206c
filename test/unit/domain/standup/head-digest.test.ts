import { describe, expect, it } from 'vitest';
import { standupReportSchema } from '../../../../src/domain/evaluation/report-schema.js';
import { headDigest } from '../../../../src/domain/standup/texts/board-texts.js';
import { callsLag } from '../../../helpers/department.js';

const manager = (managerId: number, name: string, lags = 0) => ({
  managerId,
  name,
  mode: 'active',
  figures: [callsLag({ managerId, status: lags > 0 ? 'lag' : 'ok' })],
  lags: lags > 0 ? [callsLag({ managerId })] : [],
  severity: lags,
});

const report = standupReportSchema.parse({
  departmentId: 'sales',
  standupId: 'sales-20261124',
  day: '2026-11-24',
  judgedDay: '2026-11-23',
  runAt: '2026-11-24T09:00:00+03:00',
  windows: {},
  // Волков lags on Monday's calls but is on vacation from today: not asked, not "on norm".
  managers: [
    manager(11, 'Иван Петров', 1),
    manager(12, 'Ольга Смирнова'),
    manager(14, 'Андрей Волков', 1),
  ],
  laggards: [11],
  teamTopics: [],
  plan: [],
  away: [{ managerId: 14, name: 'Андрей Волков', until: '2026-11-27' }],
  notActive: [{ userId: 13, name: 'Пётр Сидоров', reason: 'dismissed' }],
  requests: 3,
});

describe("the head's digest", () => {
  it('shows who is away on one line, leaves them out of "on norm", and names the dismissed once', () => {
    const text = headDigest(report, () => 'Звонки', 'ru');
    expect(text).toContain('В норме: 1 из 2.');
    expect(text).toContain('В отпуске: Андрей Волков до 27.11.');
    expect(text.match(/Пётр Сидоров/g)).toHaveLength(1);
    expect(text).toContain('Пётр Сидоров (id 13, уволен)');
    expect(text).not.toContain('• Андрей Волков');
  });

  it('says the same in English', () => {
    const text = headDigest(report, () => 'Calls', 'en');
    expect(text).toContain('On norm: 1 of 2.');
    expect(text).toContain('On leave: Андрей Волков until 27 Nov.');
    expect(text).toContain('Пётр Сидоров (id 13, dismissed)');
  });

  it('reads a stored report from before people were read (no away, no notActive)', () => {
    const { away: _away, notActive: _notActive, ...old } = report;
    const parsed = standupReportSchema.parse(old);
    expect(parsed.away).toEqual([]);
    expect(headDigest(parsed, () => 'Звонки', 'ru')).toContain('В норме: 1 из 3.');
  });
});
