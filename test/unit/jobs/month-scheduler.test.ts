import { describe, expect, it } from 'vitest';
import pino from 'pino';
import { createCalendar } from '../../../src/domain/calendar.js';
import { createMonthScheduler } from '../../../src/jobs/month-scheduler.js';
import type { JobPayload } from '../../../src/jobs/job-schemas.js';
import { departmentWith } from '../../helpers/department.js';

function scheduler(enabled = true) {
  const dept = departmentWith({
    department: { id: 'sales', name: 'Sales', timezone: 'Europe/Moscow', language: 'ru' },
    standup: { times: ['09:00'], meeting_time: '09:30' },
    calendar: { holidays_country: 'RU' },
    managers: [{ user_id: 11, name: 'Иван', mode: 'active' }],
    rhythm: { monthly_results: { enabled, time: '17:00' } },
  });
  const enqueued: { id: string; job: JobPayload<'month'> }[] = [];
  return {
    enqueued,
    make: (now: string) =>
      createMonthScheduler({
        dept,
        calendar: createCalendar(dept),
        queue: {
          enqueueMonth: async (departmentId, job) => {
            enqueued.push({ id: `${departmentId}-${job.kind}-${job.month}`, job });
            return { jobId: '', added: true };
          },
        },
        log: pino({ level: 'silent' }),
        now: () => new Date(now),
        graceMinutes: 120,
      }),
  };
}

describe('the month scheduler', () => {
  it('enqueues the results on the last working day and the warning a week before', async () => {
    const s = scheduler();
    const m = s.make('2026-11-30T17:00:00+03:00');
    expect(await m.tick(new Date('2026-11-27T17:00:00+03:00'))).toEqual([]);
    expect((await m.tick(new Date('2026-11-30T17:00:00+03:00'))).map((j) => j.kind)).toEqual([
      'results',
    ]);
    expect((await m.tick(new Date('2026-11-23T17:00:00+03:00'))).map((j) => j.kind)).toEqual([
      'plan_warning',
    ]);
    expect(s.enqueued.map((e) => e.id)).toEqual([
      'sales-results-2026-11',
      'sales-plan_warning-2026-11',
    ]);
  });

  it('catches up a missed run within the grace, and does nothing when switched off', async () => {
    const on = scheduler();
    const late = on.make('2026-11-30T18:30:00+03:00');
    expect((await late.start()).map((j) => j.kind)).toEqual(['results']);
    await late.stop();
    const off = scheduler(false);
    const none = off.make('2026-11-30T17:30:00+03:00');
    expect(await none.start()).toEqual([]);
    await none.stop();
    expect(off.enqueued).toEqual([]);
  });
});
