import cron, { type ScheduledTask } from 'node-cron';
import { DateTime } from 'luxon';
import type { Department } from '../domain/department/department.js';
import type { DepartmentCalendar } from '../domain/calendar.js';
import { atLocalTime } from '../domain/department/local-time.js';
import { lastWorkingDayOfMonth, monthKeyOf, planWarningDay } from '../domain/month/month-days.js';
import type { Logger } from '../lib/logger.js';
import type { JobQueue } from './job-queue.js';
import type { JobPayload } from './job-schemas.js';

export interface MonthSchedulerOptions {
  dept: Department;
  calendar: DepartmentCalendar;
  queue: Pick<JobQueue, 'enqueueMonth'>;
  log: Logger;
  now: () => Date;
  /** A process starting this long after the month's time still runs it (once). */
  graceMinutes: number;
}

export interface MonthScheduler {
  start(): Promise<JobPayload<'month'>[]>;
  stop(): Promise<void>;
  /** What the daily tick at `at` enqueues: the results, the warning, or nothing. */
  tick(at: Date): Promise<JobPayload<'month'>[]>;
}

/**
 * The month's jobs, the standup scheduler's way: node-cron fires every day at the month's time
 * in the department's zone; the calendar decides whether the day is the month's last working
 * day (the results) or a week before the month's end (the warning about a missing plan); the
 * job id is fixed per department, month and kind, so several instances enqueue one job.
 */
export function createMonthScheduler(options: MonthSchedulerOptions): MonthScheduler {
  const { dept, calendar, queue, log } = options;
  const settings = dept.rhythm?.monthlyResults;
  const tasks: ScheduledTask[] = [];

  const due = (at: Date): JobPayload<'month'>[] => {
    const local = DateTime.fromJSDate(at, { zone: calendar.zone });
    const day = local.toISODate() ?? '';
    const runAt = local.toISO({ suppressMilliseconds: true }) ?? '';
    const month = monthKeyOf(day);
    const jobs: JobPayload<'month'>[] = [];
    if (day === lastWorkingDayOfMonth(calendar, day)) {
      jobs.push({ kind: 'results', month, day, runAt });
    }
    if (day === planWarningDay(calendar, day)) {
      jobs.push({ kind: 'plan_warning', month, day, runAt });
    }
    return jobs;
  };

  const tick = async (at: Date) => {
    const jobs = due(at);
    for (const job of jobs) {
      const { added } = await queue.enqueueMonth(dept.id, job);
      log.info({ kind: job.kind, month: job.month, added }, 'month job enqueued');
    }
    return jobs;
  };

  return {
    tick,
    async start() {
      if (settings === undefined || !settings.enabled) {
        return [];
      }
      // A process starting after today's time (within the grace) runs today's job once.
      const now = options.now();
      const local = DateTime.fromJSDate(now, { zone: calendar.zone });
      const slot = atLocalTime(local, settings.time);
      const late = local.diff(slot, 'minutes').minutes;
      const missed = late >= 0 && late <= options.graceMinutes ? await tick(slot.toJSDate()) : [];
      tasks.push(
        cron.schedule(
          `${settings.time.minute} ${settings.time.hour} * * *`,
          async () => {
            await tick(options.now()).catch((error: unknown) => {
              log.error({ err: error }, 'could not enqueue the month job');
            });
          },
          { timezone: calendar.zone, name: `month-${dept.id}`, noOverlap: true },
        ),
      );
      return missed;
    },
    async stop() {
      for (const task of tasks.splice(0)) {
        await task.destroy();
      }
    },
  };
}
