import cron, { type ScheduledTask } from 'node-cron';
import { DateTime } from 'luxon';
import { parseLocalTime } from '../domain/department/local-time.js';
import { rhythmOf } from '../domain/rhythm/rhythm-settings.js';
import { isMeetingDay, weekCardTime } from '../domain/rhythm/week-schedule.js';
import { weekIdOf } from '../domain/week/week-report.js';
import type { SchedulerOptions } from './scheduler.js';

/**
 * The weekly card's tick: on the meeting day (a working day, the meeting switched on) it
 * enqueues the week's job, whose id is fixed per department and day, so several instances
 * send one card. Returns the week id enqueued.
 */
export async function weekTick(options: SchedulerOptions, at: Date): Promise<string | undefined> {
  const { dept, calendar, queue, log } = options;
  const day = DateTime.fromJSDate(at, { zone: calendar.zone }).toISODate();
  if (day === null || queue.enqueueWeek === undefined || !isMeetingDay(dept, calendar, day)) {
    return undefined;
  }
  const weekId = weekIdOf(dept.id, day);
  const { added } = await queue.enqueueWeek({ weekId, day });
  log.info({ weekId, added }, 'weekly card enqueued');
  return weekId;
}

/** One cron task a day at the card's time; the tick decides whether it is the meeting day. */
export function weekSchedule(
  options: SchedulerOptions,
  tick: (at: Date) => Promise<string | undefined>,
): ScheduledTask | undefined {
  const { dept, calendar, log } = options;
  if (!rhythmOf(dept).weeklyMeeting.enabled || options.queue.enqueueWeek === undefined) {
    return undefined;
  }
  const time = parseLocalTime(weekCardTime(dept));
  return cron.schedule(
    `${time.minute} ${time.hour} * * *`,
    async () => {
      await tick(options.now()).catch((error: unknown) => {
        log.error({ err: error }, 'could not enqueue the weekly card');
      });
    },
    { timezone: calendar.zone, name: `week-${dept.id}`, noOverlap: true },
  );
}
