import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../lib/logger.js';
import { RetryLaterError } from '../lib/retry-later.js';
import { QUEUE_NAME } from './job-queue.js';
import { jobSchemas, type JobName, type JobPayload } from './job-schemas.js';

export type JobHandlers = {
  [N in JobName]: (
    payload: JobPayload<N>,
    context: { log: Logger; jobId: string; attempt: number },
  ) => Promise<unknown>;
};

export interface JobWorkerOptions {
  /** A dedicated connection with `maxRetriesPerRequest: null`, as BullMQ requires for workers. */
  connection: Redis;
  prefix: string;
  handlers: JobHandlers;
  log: Logger;
  concurrency?: number;
  /**
   * A job's lock lives this long unless its process renews it; a killed process's job is run
   * again once the lock is gone (every handler is idempotent).
   */
  leaseMs?: number;
  /** Errors no retry can fix (configuration, authorization): the job fails at once. */
  isPermanent: (error: unknown) => boolean;
  /** Called once when a job has failed for good, e.g. to tell the head in chat. */
  onFailed?: (
    job: { name: string; data: unknown; attempts: number },
    error: unknown,
  ) => Promise<void>;
}

/**
 * The one place where jobs meet handlers: parses the payload (a bad one fails without retry),
 * gives the handler a child logger, and maps errors to BullMQ's protocol: permanent ones become
 * `UnrecoverableError`, a `RetryLaterError` delays the job to its time (no attempt spent), the
 * rest are rethrown so BullMQ retries them with backoff.
 */
export function createJobWorker(options: JobWorkerOptions): Worker {
  const { log, handlers } = options;
  const worker = new Worker(
    QUEUE_NAME,
    async (job: Job, token?: string) => {
      const name = job.name as JobName;
      const schema = jobSchemas[name] as (typeof jobSchemas)[JobName] | undefined;
      const jobLog = log.child({ jobId: job.id, job: job.name, attempt: job.attemptsMade + 1 });
      if (schema === undefined) {
        throw new UnrecoverableError(`unknown job "${job.name}"`);
      }
      const parsed = schema.safeParse(job.data);
      if (!parsed.success) {
        throw new UnrecoverableError(`invalid payload for "${job.name}": ${parsed.error.message}`);
      }
      try {
        const handler = handlers[name] as (
          payload: unknown,
          context: { log: Logger; jobId: string; attempt: number },
        ) => Promise<unknown>;
        return await handler(parsed.data, {
          log: jobLog,
          jobId: job.id ?? '',
          attempt: job.attemptsMade + 1,
        });
      } catch (error) {
        if (error instanceof RetryLaterError && token !== undefined) {
          // Not a failure: run again at that time, without spending an attempt.
          jobLog.info({ retryAt: new Date(error.retryAt).toISOString() }, error.message);
          await job.moveToDelayed(error.retryAt, token);
          throw new DelayedError();
        }
        if (options.isPermanent(error)) {
          // The original stays the cause: onFailed decides by it (who must be told what).
          const permanent = new UnrecoverableError(
            error instanceof Error ? error.message : String(error),
          );
          permanent.cause = error;
          throw permanent;
        }
        jobLog.warn({ err: error }, 'job attempt failed, will retry');
        throw error;
      }
    },
    {
      connection: options.connection,
      prefix: options.prefix,
      concurrency: options.concurrency ?? 4,
      lockDuration: options.leaseMs ?? 30_000,
      stalledInterval: options.leaseMs ?? 30_000,
      // A job interrupted by a crash is safe to run again, however often that happens.
      maxStalledCount: 10,
      autorun: true,
    },
  );
  worker.on('error', (error) => log.error({ err: error }, 'job worker error'));
  worker.on('failed', (job, error) => {
    if (job === undefined) {
      return;
    }
    const final =
      error instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
    if (!final) {
      return;
    }
    log.error({ jobId: job.id, job: job.name, err: error }, 'job failed for good');
    const cause =
      error instanceof UnrecoverableError && error.cause !== undefined ? error.cause : error;
    const attempts = job.attemptsMade;
    options
      .onFailed?.({ name: job.name, data: job.data, attempts }, cause)
      .catch((notifyError: unknown) => {
        log.error({ err: notifyError }, 'could not report a failed job');
      });
  });
  return worker;
}
