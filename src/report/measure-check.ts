import { DateTime } from 'luxon';
import type { Department } from '../domain/department/department.js';
import type { DepartmentCalendar } from '../domain/calendar.js';
import { planCollection } from '../domain/collection/collection-plan.js';
import { factOf } from '../domain/evaluation/build-report.js';
import { checkCells } from '../domain/evaluation/check-cells.js';
import { judge } from '../domain/evaluation/judge.js';
import type { CheckFigure } from '../domain/standup/chat-input.js';
import type { Conversation } from '../domain/standup/conversation-schema.js';
import { metricCatalogue } from '../domain/metrics/catalogue.js';
import { collectFacts } from './collect-facts.js';
import type { CrmReader } from './crm-reader.js';
import { withPortalPeople } from './with-portal-people.js';
import type { Logger } from '../lib/logger.js';

/**
 * Measures a conversation's lagging metrics again over the plan's days, at its deadline.
 * Undefined when the portal says the manager is no longer an active employee: nothing to check.
 */
export async function measureCheck(
  fileDept: Department,
  calendar: DepartmentCalendar,
  reader: CrmReader,
  conversation: Conversation,
  at: Date,
  log?: Logger,
): Promise<CheckFigure[] | undefined> {
  const deadline = conversation.answer.deadline ?? conversation.day;
  const range = {
    from: conversation.day,
    to: deadline < conversation.day ? conversation.day : deadline,
  };
  // Days away during the plan's days shorten what the plan is held to.
  const today = DateTime.fromJSDate(at, { zone: calendar.zone }).toISODate() ?? range.to;
  const dept = await withPortalPeople(
    reader,
    fileDept,
    { userIds: [conversation.managerId], ...range, today, zone: calendar.zone },
    log,
  );
  const manager = dept.managers.find((m) => m.userId === conversation.managerId);
  if (manager === undefined) {
    return dept.notActive?.some((m) => m.userId === conversation.managerId) ? undefined : [];
  }
  const catalogue = metricCatalogue(dept.customMetrics);
  const nowIso =
    DateTime.fromJSDate(at, { zone: calendar.zone }).toISO({ suppressMilliseconds: true }) ??
    at.toISOString();
  const cells = checkCells(dept, manager, catalogue, calendar, conversation.lags, {
    ...range,
    nowIso,
  });
  const facts = await collectFacts(reader, planCollection(cells, catalogue, nowIso));
  return cells.flatMap((cell) => {
    const fact = factOf(cell, catalogue, facts);
    if (fact === undefined) {
      return [];
    }
    const { status } = judge(fact, cell.norm, cell.direction, dept.thresholds);
    return [
      {
        metric: cell.metric,
        window: cell.window.id,
        from: cell.window.from,
        to: cell.window.to,
        direction: cell.direction,
        fact,
        norm: cell.norm,
        status,
        unit: cell.unit,
      },
    ];
  });
}
