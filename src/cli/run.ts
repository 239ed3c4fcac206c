import { loadConfig } from '../config/load-config.js';
import { createContext } from '../context.js';
import { ROLES, startRuntime, type Role } from '../runtime/start-runtime.js';
import { EXIT_CONFIG, EXIT_FAILURE, EXIT_OK, type Command } from './command.js';

export const runCommand: Command = {
  name: 'run',
  summary:
    'Run the service: schedule, job worker, event poller and health endpoint (all by default)',
  usage:
    'standup-bot run [--roles scheduler,worker,poller,health] [--concurrency N] [--config <department.yaml>]',
  options: {
    config: {
      type: 'string',
      short: 'c',
      description: 'the department file (default: DEPARTMENT_FILE, config/department.yaml)',
    },
    roles: {
      type: 'string',
      description:
        'comma-separated roles of this process: scheduler, worker, poller, health (default: all)',
    },
    concurrency: { type: 'string', description: 'jobs a worker runs side by side (default 4)' },
  },
  async run(values, io) {
    const roles = ((values.roles as string | undefined) ?? ROLES.join(','))
      .split(',')
      .map((r) => r.trim());
    const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
    const concurrency = Number(values.concurrency ?? 4);
    if (unknown.length > 0 || !Number.isInteger(concurrency) || concurrency < 1) {
      io.err(
        `--roles takes ${ROLES.join(', ')}; --concurrency a positive number (got ${unknown.join(', ') || String(values.concurrency)})`,
      );
      return EXIT_CONFIG;
    }
    const config = loadConfig({ env: io.env, departmentFile: values.config as string | undefined });
    const ctx = await createContext(config, { retryWhenThrottled: true });
    const runtime = await startRuntime(ctx, { roles: roles as Role[], concurrency }).catch(
      async (error: unknown) => {
        await ctx.close();
        throw error;
      },
    );
    const signal = await new Promise<string>((resolve) => {
      process.once('SIGTERM', () => resolve('SIGTERM'));
      process.once('SIGINT', () => resolve('SIGINT'));
    });
    // A second signal means "now": whatever runs is idempotent and is taken over later.
    const now = () => {
      ctx.log.warn('second signal: exiting at once');
      process.exit(EXIT_FAILURE);
    };
    process.once('SIGTERM', now);
    process.once('SIGINT', now);
    ctx.log.info({ signal }, 'shutting down');
    const clean = await runtime.stop();
    await ctx.close();
    ctx.log.info({ clean }, 'stopped');
    return clean ? EXIT_OK : EXIT_FAILURE;
  },
};
