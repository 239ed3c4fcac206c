import { writeFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import { stringify } from 'yaml';
import { generateDepartment } from '../emulator/generator/generate-department.js';
import { startEmulator } from '../emulator/start-emulator.js';
import { EXIT_CONFIG, type Command } from './command.js';

export const emulatorCommand: Command = {
  name: 'emulator',
  summary: 'Run the built-in Bitrix24 portal emulator with a seeded sales department',
  usage:
    'standup-bot emulator [--port N] [--managers N] [--seed N] [--write-config <department.yaml>] [--no-limit] [--portal-people] [--today YYYY-MM-DD] [--metrics a,b,c]',
  options: {
    port: {
      type: 'string',
      description: 'the port to listen on, on 127.0.0.1 (default: a free one)',
    },
    managers: {
      type: 'string',
      description: 'how many managers the seeded department has (default 8)',
    },
    seed: {
      type: 'string',
      description: 'the seed of the generated data: the same seed, the same portal',
    },
    'write-config': {
      type: 'string',
      description: 'write the matching department file here, for a real `run` against the emulator',
    },
    'no-limit': {
      type: 'boolean',
      description: "turn the portal's request limit (50 burst, 2/s) off",
    },
    filler: {
      type: 'string',
      description: 'add this many unrelated activities, to try the bot on a big portal',
    },
    'portal-people': {
      type: 'boolean',
      description: 'plant a vacationer known only to the portal and a dismissed manager',
    },
    today: {
      type: 'string',
      description:
        "the standup's day, YYYY-MM-DD: history up to the day before, the clock at 08:45",
    },
    metrics: {
      type: 'string',
      description:
        'norms on exactly these metrics (a,b,c) in the day, 3-day, week and month windows',
    },
  },
  async run(values, io) {
    const port = Number(values.port ?? 0);
    const managers = Number(values.managers ?? 8);
    const seed = Number(values.seed ?? 42);
    if (![port, managers, seed].every(Number.isInteger) || managers < 4) {
      io.err('--port, --managers (at least 4) and --seed must be whole numbers');
      return EXIT_CONFIG;
    }
    const now =
      values.today === undefined
        ? DateTime.now().setZone('Europe/Moscow')
        : DateTime.fromISO(`${String(values.today)}T08:45`, { zone: 'Europe/Moscow' });
    if (!now.isValid) {
      io.err('--today must be a date, YYYY-MM-DD');
      return EXIT_CONFIG;
    }
    const gridMetrics =
      values.metrics === undefined ? undefined : String(values.metrics).split(',').filter(Boolean);
    const generated = generateDepartment({
      seed,
      managers,
      today: now.toISODate() ?? '',
      fillerActivities: Number(values.filler ?? 0),
      // A vacationer only the portal knows of, and a dismissed manager the file still lists.
      portalPeople: values['portal-people'] === true,
      ...(gridMetrics === undefined ? {} : { gridMetrics }),
    });
    const emulator = await startEmulator({
      port,
      populate: generated.populate,
      rateLimit: values['no-limit'] === true ? false : { burst: 50, perSecond: 2 },
      ...(values.today === undefined ? {} : { now: now.toJSDate() }),
    });
    const file = values['write-config'] as string | undefined;
    if (file !== undefined) {
      writeFileSync(file, stringify(generated.file));
    }
    const state = emulator.control.state;
    io.out(
      [
        `Bitrix24 emulator on ${emulator.url} (not Bitrix24: a portal for the demo and tests)`,
        `  ${generated.profiles.length} managers, ${state.crm.activities.size} activities, ${state.crm.calls.size} calls, ${state.crm.items.get(2)?.size ?? 0} deals`,
        '',
        'Put this into .env:',
        `  BITRIX_WEBHOOK_URL=${emulator.webhookUrl}`,
        file === undefined
          ? '  (add --write-config config/department.yaml for the matching department file)'
          : `  DEPARTMENT_FILE=${file}`,
        '',
        'Try it:',
        `  curl -s -X POST -H 'content-type: application/json' -d '{"select":["ID"]}' ${emulator.webhookUrl}crm.activity.list | head -c 300`,
        `  curl -s ${emulator.url}/_emulator/stats`,
        'The control surface is under /_emulator/ (write, press, edit, transcript, fault, clock, stats). Ctrl-C stops it.',
      ].join('\n'),
    );
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await emulator.close();
    return 0;
  },
};
