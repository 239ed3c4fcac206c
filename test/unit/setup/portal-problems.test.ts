import { describe, expect, it } from 'vitest';
import { metricCatalogue } from '../../../src/domain/metrics/catalogue.js';
import { neededScopes } from '../../../src/setup/needed-scopes.js';
import type { PortalUser } from '../../../src/setup/portal-directory.js';
import { portalProblems, type PortalFacts } from '../../../src/setup/portal-problems.js';
import { departmentWith } from '../../helpers/department.js';

const dept = departmentWith({
  department: { id: 'sales', name: 'Sales', portal_id: 3, timezone: 'Europe/Moscow' },
  head: { user_id: 1, name: 'Анна', deputies: [5] },
  managers: [
    { user_id: 11, name: 'Иван', mode: 'active' },
    { user_id: 12, name: 'Ольга', mode: 'passive' },
  ],
  norms: { active: { calls_outgoing: { day: 40 }, talk_minutes: { day: 60 } } },
});
const needed = neededScopes(dept, metricCatalogue(dept.customMetrics));
const user = (id: number, fields: Partial<PortalUser> = {}): PortalUser => ({
  id,
  active: true,
  firstName: `u${id}`,
  lastName: '',
  gender: undefined,
  departments: [3],
  timeZone: '',
  ...fields,
});
const ALL = new Set(['crm', 'user_brief', 'im', 'imbot', 'telephony', 'department', 'calendar']);
const facts = (overrides: Partial<PortalFacts> = {}): PortalFacts => ({
  scopes: ALL,
  users: new Map([1, 5, 11, 12].map((id) => [id, user(id)])),
  departments: [
    { id: 1, name: 'Компания', parent: undefined, head: 1 },
    { id: 3, name: 'Продажи', parent: 1, head: 1 },
    { id: 4, name: 'Продажи, регион', parent: 3, head: undefined },
  ],
  bot: { state: 'registered', id: 500 },
  ...overrides,
});
const check = (overrides: Partial<PortalFacts> = {}) =>
  portalProblems(dept, facts(overrides), needed, 'BITRIX_WEBHOOK_URL');

describe('the department file against the portal', () => {
  it('finds nothing wrong when they agree (user_brief does for user; a sub-department is in)', () => {
    const users = new Map([1, 5, 11].map((id) => [id, user(id)]));
    users.set(12, user(12, { departments: [4] }));
    expect(check({ users })).toEqual({ problems: [], notes: [] });
  });

  it('names every problem at once, each with its path', () => {
    const users = new Map([
      [1, user(1, { active: false })],
      [11, user(11, { departments: [1] })],
      [12, user(12, { active: false })],
    ]);
    expect(
      check({
        users,
        scopes: new Set(['crm', 'user', 'im', 'imbot']),
        bot: { state: 'not_registered' },
      }).problems,
    ).toEqual([
      {
        path: 'BITRIX_WEBHOOK_URL',
        message: 'the webhook lacks the scope "telephony", needed for the metrics talk_minutes',
      },
      { path: 'managers[0].user_id', message: 'user 11 (u11) is not in department 3 "Продажи"' },
      {
        path: 'managers[1].user_id',
        message: 'user 12 (u12) was dismissed: remove this manager from the file',
      },
      { path: 'head.user_id', message: 'user 1 (u1) was dismissed: name the new head' },
      { path: 'head.deputies[0]', message: 'user 5 is not on the portal' },
      { path: 'bot', message: 'not registered: run "standup-bot register-bot"' },
    ]);
  });

  it('says what it could not check instead of calling it wrong', () => {
    const result = check({
      scopes: undefined,
      users: undefined,
      bot: { state: 'unknown', id: 500, reason: 'imbot.v2.Bot.list: HTTP 502' },
    });
    expect(result.problems).toEqual([]);
    expect(result.notes).toEqual([
      'the portal did not list the webhook\'s scopes ("scope"): they were not checked',
      'the portal did not list its users (user.get): the user ids were not checked',
      'bot 500 could not be checked on the portal: imbot.v2.Bot.list: HTTP 502',
    ]);
  });

  it("notes a missing optional scope and a head other than the portal's", () => {
    const scopes = new Set([...ALL].filter((s) => s !== 'calendar'));
    const departments = facts().departments?.map((d) => (d.id === 3 ? { ...d, head: 5 } : d));
    const result = check({ scopes, departments });
    expect(result.problems).toEqual([]);
    expect(result.notes).toEqual([
      'the webhook lacks the scope "calendar", needed for days away from the portal\'s calendar (optional)',
      'the portal\'s head of "Продажи" is user 5 (u5), the file\'s is user 1',
    ]);
  });
});
