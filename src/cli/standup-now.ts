import { DateTime } from 'luxon';
import { loadConfig } from '../config/load-config.js';
import { departmentOption, pickDepartment } from './pick-department.js';
import { createJobQueue } from '../jobs/job-queue.js';
import { closeRedis, connectRedis } from '../lib/connect-redis.js';
import { within } from '../lib/within.js';
import { jobIds } from '../jobs/job-schemas.js';
import { parseLocalTime } from '../domain/department/local-time.js';
import { standupSlot } from '../domain/standup-slot.js';
import { EXIT_OK, type Command } from './command.js';

const SAID = {
  added: 'enqueued: a running worker does it now',
  retried: 'had failed and runs again (nothing already sent is repeated)',
  queued: 'is already waiting for a worker',
  running: 'is being run by a worker right now',
  done: 'was already done today',
} as const;

export const standupCommand: Command = {
  name: 'standup',
  summary:
    "Run today's standup now (once per day, like the schedule; a failed one runs again); a running worker does it",
  usage: 'standup-bot standup --now [--retry] [--config <department.yaml>] [--department <id>]',
  options: {
    config: {
      type: 'string',
      short: 'c',
      description:
        'the department file, folder or comma-separated list (default: DEPARTMENT_FILE, config/department.yaml)',
    },
    department: departmentOption,
    now: { type: 'boolean', description: "run today's standup now" },
    retry: { type: 'boolean', description: 'only run a standup that failed today again' },
  },
  async run(values, io) {
    const config = loadConfig({ env: io.env, departmentFile: values.config as string | undefined });
    const dept = pickDepartment(config, values.department as string | undefined).department;
    const local = DateTime.now().setZone(dept.timeZone);
    const slot = standupSlot(
      dept,
      local.toISODate() ?? '',
      dept.standup.times[0] ?? parseLocalTime('09:00'),
    );
    const connection = await connectRedis(config.env.REDIS_URL, { maxRetriesPerRequest: 1 });
    const queue = createJobQueue({ connection, prefix: `${config.env.REDIS_PREFIX}:bull` });
    try {
      if (values.retry === true) {
        const state = await queue.queue.getJobState(jobIds.standup(slot.standupId));
        if (state !== 'failed') {
          io.out(`Standup ${slot.standupId} has not failed (${state}): nothing to run again.`);
          return EXIT_OK;
        }
      }
      const { outcome } = await queue.runStandupNow({ ...slot, reason: 'manual' });
      io.out(`Standup ${slot.standupId} ${SAID[outcome]}.`);
      return EXIT_OK;
    } finally {
      await within(queue.close(), 2_000);
      await closeRedis(connection);
    }
  },
};
