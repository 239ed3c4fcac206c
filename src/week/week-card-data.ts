import { DateTime } from 'luxon';
import { oneOnOnesDue, trainingDue } from '../domain/rhythm/due.js';
import { rhythmOf } from '../domain/rhythm/rhythm-settings.js';
import type { HistoryEntry } from '../domain/standup/history-entry.js';
import type { WeekCardData } from '../domain/week/week-card.js';
import { issuesOfWeek } from '../domain/week/week-issues.js';
import { weekPlans } from '../domain/week/week-plans.js';
import type { WeekReport } from '../domain/week/week-report.js';
import { repeatLaggards } from '../domain/week/repeat-laggards.js';
import type { StandupDeps } from '../standup/service-deps.js';

/** How far back the history is read for plans checked this week and issues listed before. */
const LOOK_BACK_DAYS = 60;

/**
 * Everything the week's card shows, from the week as measured and what Redis keeps: the
 * week's plans and their fate (the standups' history), repeat laggards (the history and last
 * week's card), the open issues (last week's carried over, new ones once), and who is due a
 * one-to-one or training (the head's marks).
 */
export async function weekCardData(deps: StandupDeps, report: WeekReport): Promise<WeekCardData> {
  const rhythm = rhythmOf(deps.dept);
  const day = DateTime.fromISO(report.day);
  const since = day.minus({ days: LOOK_BACK_DAYS }).toISODate() ?? report.day;
  const entries = await deps.store.history.range(since, report.day);
  const store = deps.store.week;
  const lastId = await store.weekBefore(report.day);
  const last = lastId === undefined ? undefined : (await store.weeks.get(lastId))?.value;
  const earlierIds = await store.weekIds(since, day.minus({ days: 1 }).toISODate() ?? since);
  const earlier = await store.weeks.getMany(earlierIds);
  const listedBefore = new Set(
    earlier.flatMap((w) => w?.value.card.issues.map((i) => i.conversationId) ?? []),
  );
  const plans = weekPlans(entries, report.workingDays);
  const repeat = repeatLaggards(entries, report, last?.card.report);
  const active = new Set(report.managers.map((m) => m.managerId));
  const managers = deps.dept.managers.filter((m) => active.has(m.userId));
  const ref = (e: HistoryEntry) => ({
    managerName: e.managerName,
    ...(e.plan === undefined ? {} : { plan: e.plan }),
  });
  return {
    report,
    meetingTime: rhythm.weeklyMeeting.time.text,
    plans: {
      held: plans.held.map(ref),
      notHeld: plans.notHeld.map(ref),
      open: plans.open.map(ref),
      meeting: plans.meeting.map(ref),
    },
    repeat,
    issues: issuesOfWeek({
      entries,
      days: report.workingDays,
      ...(last === undefined ? {} : { previous: { weekId: last.id, issues: last.card.issues } }),
      listedBefore,
    }),
    oneOnOne: oneOnOnesDue(
      managers,
      await store.oneOnOnes(day.toFormat('yyyy-MM')),
      rhythm.oneOnOne,
      new Set(repeat.map((r) => r.managerId)),
    ),
    oneOnOnePerMonth: rhythm.oneOnOne.perMonth,
    training: trainingDue(managers, await store.trainings(), rhythm.training, report.day),
  };
}
