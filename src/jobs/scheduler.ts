import cron, { type ScheduledTask } from 'node-cron';
import { DateTime } from 'luxon';
import type { Department } from '../domain/department/department.js';
import type { DepartmentCalendar } from '../domain/calendar.js';
import type { LocalTime } from '../domain/department/local-time.js';
import { missedSlots, standupSlot, type StandupSlot } from '../domain/standup-slot.js';
import type { Logger } from '../lib/logger.js';
import type { JobQueue } from './job-queue.js';
import { weekSchedule, weekTick } from './week-schedule.js';

export interface SchedulerOptions {
  dept: Department;
  calendar: DepartmentCalendar;
  queue: Pick<JobQueue, 'enqueueStandup'> & Partial<Pick<JobQueue, 'enqueueWeek'>>;
  log: Logger;
  now: () => Date;
  /** A process starting this long after a standup time still runs it (once). */
  graceMinutes: number;
}

export interface Scheduler {
  /** Catches up a missed run of today, then arms one cron task per standup time. */
  start(): Promise<StandupSlot[]>;
  stop(): Promise<void>;
  /** What a cron tick does at `at`: enqueue today's slot for `time` if today is a working day. */
  tick(time: LocalTime, at: Date): Promise<StandupSlot | undefined>;
  /** What the weekly tick does at `at`: enqueue the week's card on the meeting day. */
  weekTick(at: Date): Promise<string | undefined>;
}

/**
 * node-cron decides *when*, in the department's time zone; BullMQ does the work. A tick only
 * enqueues a job whose id is fixed per department and day, so two instances, or a restart,
 * produce exactly one standup. Holidays and moved days are the calendar's call, not cron's:
 * the cron pattern fires every day and the tick skips days off.
 */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const { dept, calendar, queue, log } = options;
  const tasks: ScheduledTask[] = [];

  const tick = async (time: LocalTime, at: Date) => {
    const day = DateTime.fromJSDate(at, { zone: calendar.zone }).toISODate();
    if (day === null) {
      return undefined;
    }
    if (!calendar.isWorkingDay(day)) {
      log.info({ day, reason: calendar.dayOffReason(day) }, 'no standup on a day off');
      return undefined;
    }
    const slot = standupSlot(dept, day, time);
    const { added } = await queue.enqueueStandup({ ...slot, reason: 'schedule' });
    log.info({ standupId: slot.standupId, added }, 'standup enqueued');
    return slot;
  };

  return {
    tick,
    weekTick: (at) => weekTick(options, at),
    async start() {
      const missed = missedSlots(dept, calendar, options.now(), options.graceMinutes);
      for (const slot of missed) {
        const { added } = await queue.enqueueStandup({ ...slot, reason: 'catch-up' });
        log.info({ standupId: slot.standupId, added }, 'missed standup caught up');
      }
      const weekTask = weekSchedule(options, (at) => weekTick(options, at));
      if (weekTask !== undefined) {
        tasks.push(weekTask);
      }
      for (const time of dept.standup.times) {
        const task = cron.schedule(
          `${time.minute} ${time.hour} * * *`,
          async () => {
            await tick(time, options.now()).catch((error: unknown) => {
              log.error({ err: error, time: time.text }, 'could not enqueue the standup');
            });
          },
          {
            timezone: calendar.zone,
            name: `standup-${dept.id}-${time.text}`,
            noOverlap: true,
          },
        );
        tasks.push(task);
      }
      return missed;
    },
    async stop() {
      for (const task of tasks.splice(0)) {
        await task.destroy();
      }
    },
  };
}
