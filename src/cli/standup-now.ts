import { DateTime } from 'luxon';
import { Redis } from 'ioredis';
import { loadConfig } from '../config/load-config.js';
import { createJobQueue } from '../jobs/job-queue.js';
import { parseLocalTime } from '../domain/department/local-time.js';
import { standupSlot } from '../domain/standup-slot.js';
import { EXIT_OK, type Command } from './command.js';

export const standupCommand: Command = {
  name: 'standup',
  summary:
    "Enqueue today's standup now (once per day, like the schedule); a running worker does it",
  usage: 'standup-bot standup --now [--config <department.yaml>]',
  options: { config: { type: 'string', short: 'c' }, now: { type: 'boolean' } },
  async run(values, io) {
    const config = loadConfig({ env: io.env, departmentFile: values.config as string | undefined });
    const dept = config.department;
    const local = DateTime.now().setZone(dept.timeZone);
    const slot = standupSlot(
      dept,
      local.toISODate() ?? '',
      dept.standup.times[0] ?? parseLocalTime('09:00'),
    );
    const connection = new Redis(config.env.REDIS_URL, { maxRetriesPerRequest: 1 });
    const queue = createJobQueue({ connection, prefix: `${config.env.REDIS_PREFIX}:bull` });
    try {
      const { added } = await queue.enqueueStandup({ ...slot, reason: 'manual' });
      io.out(
        added
          ? `Standup ${slot.standupId} enqueued.`
          : `Standup ${slot.standupId} was already enqueued or done today.`,
      );
      return EXIT_OK;
    } finally {
      await queue.close();
      await connection.quit();
    }
  },
};
