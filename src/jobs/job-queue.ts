import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { jobIds, type JobPayload } from './job-schemas.js';

export const QUEUE_NAME = 'standup-bot';

/** Producer side: what the scheduler, the conversation and the CLI put on the queue. */
export interface JobQueue {
  /** Enqueues a standup once per slot: a second call with the same id is ignored. */
  enqueueStandup(payload: JobPayload<'standup'>): Promise<{ jobId: string; added: boolean }>;
  /**
   * Runs a standup now: enqueues it, or runs a failed one again (everything already sent
   * stays sent: the job is idempotent). Says what it found.
   */
  runStandupNow(
    payload: JobPayload<'standup'>,
  ): Promise<{ jobId: string; outcome: 'added' | 'retried' | 'queued' | 'running' | 'done' }>;
  /** Enqueues the week's card once per week id: a second call with the same id is ignored. */
  enqueueWeek(payload: JobPayload<'week'>): Promise<{ jobId: string; added: boolean }>;
  /** A delayed job; the same conversation and timer kind is scheduled at most once. */
  scheduleTimer(
    payload: JobPayload<'timer'>,
    runAt: Date,
    now: Date,
  ): Promise<{ jobId: string; added: boolean }>;
  /** Enqueues a month job once per department, month and kind. */
  enqueueMonth(
    departmentId: string,
    payload: JobPayload<'month'>,
  ): Promise<{ jobId: string; added: boolean }>;
  counts(): Promise<Record<string, number>>;
  close(): Promise<void>;
  readonly queue: Queue;
}

export interface JobQueueOptions {
  /** A connection that fails fast (the producer must not hang when Redis is away). */
  connection: Redis;
  prefix: string;
  /** Retries of a failing job and the first backoff delay; tests shorten them. */
  attempts?: number;
  backoffMs?: number;
}

/** Jobs stay after completion long enough that their deterministic id keeps deduplicating. */
const KEEP_COMPLETED = { age: 14 * 24 * 3600 };
const KEEP_FAILED = { age: 30 * 24 * 3600 };

export function createJobQueue(options: JobQueueOptions): JobQueue {
  const queue = new Queue(QUEUE_NAME, {
    connection: options.connection,
    prefix: options.prefix,
    defaultJobOptions: {
      attempts: options.attempts ?? 8,
      backoff: { type: 'exponential', delay: options.backoffMs ?? 5_000 },
      removeOnComplete: KEEP_COMPLETED,
      removeOnFail: KEEP_FAILED,
    },
  });
  const add = async (name: string, data: object, jobId: string, delay = 0) => {
    const existing = await queue.getJob(jobId);
    if (existing !== undefined && existing !== null) {
      return { jobId, added: false };
    }
    // BullMQ ignores an add whose id exists, without saying so: a token in the data tells
    // whether this add is the one that landed when two processes race (the schema drops it).
    const token = randomUUID();
    await queue.add(name, { ...data, enqueueToken: token }, { jobId, delay });
    const stored = (await queue.getJob(jobId)) as { data?: { enqueueToken?: unknown } } | undefined;
    return { jobId, added: stored?.data?.enqueueToken === token };
  };
  return {
    queue,
    enqueueStandup: (payload) =>
      add('standup', payload, jobIds.standup(payload.standupId, payload.portal)),
    enqueueWeek: (payload) => add('week', payload, jobIds.week(payload.weekId, payload.portal)),
    async runStandupNow(payload) {
      const jobId = jobIds.standup(payload.standupId, payload.portal);
      const existing = await queue.getJob(jobId);
      const state =
        existing === undefined || existing === null ? 'missing' : await existing.getState();
      if (existing !== undefined && existing !== null && state === 'failed') {
        await existing.retry('failed');
        return { jobId, outcome: 'retried' };
      }
      if (state === 'completed') {
        return { jobId, outcome: 'done' };
      }
      if (state === 'active') {
        return { jobId, outcome: 'running' };
      }
      const { added } = await add('standup', payload, jobId);
      return { jobId, outcome: added ? 'added' : 'queued' };
    },
    scheduleTimer: (payload, runAt, now) =>
      add(
        'timer',
        payload,
        jobIds.timer(payload.targetId, payload.timer, payload.portal),
        Math.max(0, runAt.getTime() - now.getTime()),
      ),
    enqueueMonth: (departmentId, payload) =>
      add(
        'month',
        { ...payload, departmentId },
        jobIds.month(departmentId, payload.kind, payload.month, payload.portal),
      ),
    counts: () => queue.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed'),
    close: () => queue.close(),
  };
}
