import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import type { Worker } from 'bullmq';
import { parseDepartment } from '../../../src/config/load-config.js';
import { createCalendar } from '../../../src/domain/calendar.js';
import { createJobQueue } from '../../../src/jobs/job-queue.js';
import {
  createJobWorker,
  type JobHandlers,
  type JobWorkerOptions,
} from '../../../src/jobs/job-worker.js';
import { RetryLaterError } from '../../../src/lib/retry-later.js';
import type { JobPayload } from '../../../src/jobs/job-schemas.js';
import { parseLocalTime } from '../../../src/domain/department/local-time.js';
import { createScheduler } from '../../../src/jobs/scheduler.js';
import { createLogger } from '../../../src/lib/logger.js';
import { createSecrets } from '../../../src/lib/secrets.js';
import { captureLogs } from '../../helpers/capture-logs.js';
import { deleteByPrefix, testRedisUrl, uniquePrefix } from '../../helpers/redis.js';

const minimal = parse(readFileSync('test/fixtures/config/minimal.yaml', 'utf8')) as Record<
  string,
  unknown
>;
const dept = parseDepartment(stringify({ ...minimal, calendar: { holidays_country: 'HU' } }));
const calendar = createCalendar(dept);
const redis = new Redis(testRedisUrl());
const prefixes: string[] = [];
const closers: (() => Promise<unknown>)[] = [];
const logs = captureLogs();
const log = createLogger({
  level: 'debug',
  format: 'json',
  secrets: createSecrets(),
  destination: logs.stream,
});

function setup(options: { attempts?: number } = {}) {
  const prefix = uniquePrefix('jobs');
  prefixes.push(prefix);
  const queue = createJobQueue({
    connection: new Redis(testRedisUrl()),
    prefix,
    attempts: options.attempts ?? 3,
    backoffMs: 50,
  });
  closers.push(() => queue.close());
  return { prefix, queue };
}

function startWorker(
  prefix: string,
  handlers: Partial<JobHandlers>,
  isPermanent = (_e: unknown) => false,
  onFailed?: JobWorkerOptions['onFailed'],
) {
  const worker: Worker = createJobWorker({
    connection: new Redis(testRedisUrl(), { maxRetriesPerRequest: null }),
    prefix,
    handlers: {
      standup: async () => undefined,
      timer: async () => undefined,
      month: async () => undefined,
      week: async () => undefined,
      ...handlers,
    },
    log,
    isPermanent,
    onFailed,
  });
  closers.push(() => worker.close());
  return worker;
}

afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});
afterAll(async () => {
  for (const prefix of prefixes) {
    await deleteByPrefix(redis, prefix);
  }
  await redis.quit();
});

describe('scheduler', () => {
  it('enqueues one standup per day even when two instances tick at once', async () => {
    const { queue } = setup();
    const at = new Date('2026-11-24T08:30:00+01:00');
    const a = createScheduler({ dept, calendar, queue, log, now: () => at, graceMinutes: 60 });
    const b = createScheduler({ dept, calendar, queue, log, now: () => at, graceMinutes: 60 });
    const [slotA, slotB] = await Promise.all([
      a.tick(parseLocalTime('08:30'), at),
      b.tick(parseLocalTime('08:30'), at),
    ]);
    expect(slotA?.standupId).toBe('mini-20261124');
    expect(slotB?.standupId).toBe('mini-20261124');
    await a.tick(parseLocalTime('08:30'), at); // a restart ticking again
    const jobs = await queue.queue.getJobs(['waiting', 'delayed', 'active', 'completed']);
    expect(jobs.map((j) => j.id)).toEqual(['standup-mini-20261124']);
    expect(jobs[0]?.data).toMatchObject({ day: '2026-11-24', runAt: '2026-11-24T08:30:00+01:00' });
  });

  it('tells exactly one of two racing enqueuers that it added the job', async () => {
    const { queue } = setup();
    const payload = {
      standupId: 'mini-20261125',
      day: '2026-11-25',
      time: '08:30',
      runAt: '2026-11-25T08:30:00+01:00',
      reason: 'manual' as const,
    };
    for (let round = 0; round < 5; round++) {
      const id = { ...payload, standupId: `mini-2026112${round}` };
      const results = await Promise.all([queue.enqueueStandup(id), queue.enqueueStandup(id)]);
      expect(results.filter((r) => r.added)).toHaveLength(1);
    }
  });

  it('skips weekends and public holidays', async () => {
    const { queue } = setup();
    const scheduler = createScheduler({
      dept,
      calendar,
      queue,
      log,
      now: () => new Date(),
      graceMinutes: 60,
    });
    expect(
      await scheduler.tick(parseLocalTime('08:30'), new Date('2026-11-22T08:30:00+01:00')),
    ).toBeUndefined(); // Sunday
    expect(
      await scheduler.tick(parseLocalTime('08:30'), new Date('2026-10-23T08:30:00+02:00')),
    ).toBeUndefined(); // HU national day
    expect(await queue.counts()).toMatchObject({ waiting: 0 });
  });

  it.each([
    ['20 minutes late: caught up once', '2026-11-24T08:50:00+01:00', ['mini-20261124']],
    ['before the standup time: the cron tick will do it', '2026-11-24T08:00:00+01:00', []],
    ['past the grace window', '2026-11-24T10:31:00+01:00', []],
    ['on a Sunday', '2026-11-22T08:50:00+01:00', []],
  ])('a process starting %s', async (_name, startAt, expected) => {
    const { queue } = setup();
    const scheduler = createScheduler({
      dept,
      calendar,
      queue,
      log,
      now: () => new Date(startAt),
      graceMinutes: 120,
    });
    const missed = await scheduler.start();
    await scheduler.stop();
    expect(missed.map((slot) => slot.standupId)).toEqual(expected);
    const again = createScheduler({
      dept,
      calendar,
      queue,
      log,
      now: () => new Date(startAt),
      graceMinutes: 120,
    });
    await again.start(); // a second instance starting at the same moment adds nothing
    await again.stop();
    const jobs = await queue.queue.getJobs(['waiting']);
    expect(
      jobs.map((job) => job.data as JobPayload<'standup'>).map((d) => [d.standupId, d.reason]),
    ).toEqual(expected.map((id) => [id, 'catch-up']));
  });
});

describe('job worker', () => {
  const slot = {
    standupId: 'mini-20261124',
    day: '2026-11-24',
    time: '08:30',
    runAt: '2026-11-24T08:30:00+01:00',
    reason: 'manual' as const,
  };

  it('runs the handler with the parsed payload and retries transient failures', async () => {
    const { prefix, queue } = setup({ attempts: 3 });
    let calls = 0;
    const done = new Promise<JobPayload<'standup'>>((resolve) => {
      startWorker(prefix, {
        standup: async (payload) => {
          calls++;
          if (calls < 3) {
            throw new Error('portal timeout');
          }
          resolve(payload);
        },
      });
    });
    await queue.enqueueStandup(slot);
    expect(await done).toEqual(slot);
    expect(calls).toBe(3);
  });

  it('fails a permanent error at once, without retries', async () => {
    const { prefix, queue } = setup({ attempts: 5 });
    let calls = 0;
    class AuthError extends Error {}
    const worker = startWorker(
      prefix,
      {
        standup: async () => {
          calls++;
          throw new AuthError('NO_AUTH_FOUND');
        },
      },
      (error) => error instanceof AuthError,
    );
    const failed = new Promise((resolve) => worker.on('failed', resolve));
    await queue.enqueueStandup(slot);
    await failed;
    await new Promise((r) => setTimeout(r, 200));
    expect(calls).toBe(1);
    expect(await queue.counts()).toMatchObject({ failed: 1, delayed: 0, waiting: 0 });
  });

  it('reports a job that spent every attempt once, with how many it spent', async () => {
    const { prefix, queue } = setup({ attempts: 2 });
    const reports: { name: string; attempts: number; error: unknown }[] = [];
    const reported = new Promise<void>((resolve) => {
      startWorker(
        prefix,
        {
          standup: async () => {
            throw new Error('portal timeout');
          },
        },
        undefined,
        async (job, error) => {
          reports.push({ name: job.name, attempts: job.attempts, error });
          resolve();
        },
      );
    });
    await queue.enqueueStandup(slot);
    await reported;
    expect(reports).toEqual([{ name: 'standup', attempts: 2, error: new Error('portal timeout') }]);
  });

  it('runs a job that must wait again at its time, without spending an attempt', async () => {
    const { prefix, queue } = setup({ attempts: 1 });
    const calls: number[] = [];
    const done = new Promise<void>((resolve) => {
      startWorker(prefix, {
        standup: async () => {
          calls.push(Date.now());
          if (calls.length === 1) {
            throw new RetryLaterError(Date.now() + 300, 'a send has not settled');
          }
          resolve();
        },
      });
    });
    await queue.enqueueStandup(slot);
    await done;
    expect(calls).toHaveLength(2);
    expect(calls[1]! - calls[0]!).toBeGreaterThanOrEqual(250);
    expect(await queue.counts()).toMatchObject({ failed: 0 });
  });

  it('runs a failed standup again on demand, and says what it found otherwise', async () => {
    const { prefix, queue } = setup({ attempts: 1 });
    let calls = 0;
    const worker = startWorker(prefix, {
      standup: async () => {
        calls++;
        if (calls === 1) {
          throw new Error('portal timeout');
        }
      },
    });
    const failed = new Promise((resolve) => worker.once('failed', resolve));
    expect((await queue.runStandupNow(slot)).outcome).toBe('added');
    await failed;
    const completed = new Promise((resolve) => worker.once('completed', resolve));
    expect((await queue.runStandupNow(slot)).outcome).toBe('retried');
    await completed;
    expect(calls).toBe(2);
    expect((await queue.runStandupNow(slot)).outcome).toBe('done');
  });

  it('fails a job whose payload does not parse without calling the handler', async () => {
    const { prefix, queue } = setup();
    let called = false;
    const worker = startWorker(prefix, {
      standup: async () => {
        called = true;
      },
    });
    const failed = new Promise<Error>((resolve) =>
      worker.on('failed', (_job, error) => resolve(error)),
    );
    await queue.queue.add('standup', { standupId: 'bad:id' }, { jobId: 'standup-bad' });
    expect((await failed).message).toMatch(/invalid payload for "standup"/);
    expect(called).toBe(false);
  });

  it('runs a delayed timer once, at its time', async () => {
    const { prefix, queue } = setup();
    const now = new Date();
    const payload = {
      targetId: 'mini-20261124-2',
      timer: 'reminder' as const,
      at: new Date(now.getTime() + 300).toISOString(),
    };
    expect((await queue.scheduleTimer(payload, new Date(now.getTime() + 300), now)).added).toBe(
      true,
    );
    expect((await queue.scheduleTimer(payload, new Date(now.getTime() + 300), now)).added).toBe(
      false,
    );
    const ran: number[] = [];
    const done = new Promise<void>((resolve) => {
      startWorker(prefix, {
        timer: async () => {
          ran.push(Date.now());
          resolve();
        },
      });
    });
    await done;
    expect(ran).toHaveLength(1);
    expect(ran[0]! - now.getTime()).toBeGreaterThanOrEqual(250);
  });
});
