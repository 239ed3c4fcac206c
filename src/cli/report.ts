import { DateTime } from 'luxon';
import { loadConfig } from '../config/load-config.js';
import { departmentOption, pickDepartment } from './pick-department.js';
import { createContext } from '../context.js';
import { createCalendar } from '../domain/calendar.js';
import { bitrixCrmReader } from '../report/crm-reader.js';
import { redisSettledDayStore } from '../report/settled-day-store.js';
import { formatReport } from '../report/format-report.js';
import { measureStandup } from '../report/measure-standup.js';
import { EXIT_CONFIG, EXIT_OK, type Command } from './command.js';

export const reportCommand: Command = {
  name: 'report',
  summary: 'Measure everyone now and print who lags, on what (sends nothing)',
  usage:
    'standup-bot report [--date YYYY-MM-DD] [--time HH:MM] [--json] [--config <department.yaml>] [--department <id>]',
  options: {
    config: {
      type: 'string',
      short: 'c',
      description:
        'the department file, folder or comma-separated list (default: DEPARTMENT_FILE, config/department.yaml)',
    },
    department: departmentOption,
    date: { type: 'string', description: 'measure as of this day, YYYY-MM-DD (default: now)' },
    time: {
      type: 'string',
      description:
        'measure as of this time, HH:MM (default: the first standup time; with no --date, today)',
    },
    json: { type: 'boolean', description: 'print the report as JSON' },
  },
  async run(values, io) {
    const config = loadConfig({ env: io.env, departmentFile: values.config as string | undefined });
    const dept = pickDepartment(config, values.department as string | undefined).department;
    const zone = dept.timeZone;
    const givenTime = values.time as string | undefined;
    // --time alone means that time today; --date alone, that day at the first standup time.
    const date =
      (values.date as string | undefined) ??
      (givenTime === undefined ? undefined : DateTime.now().setZone(zone).toISODate());
    const time = givenTime ?? dept.standup.times[0]?.text ?? '09:00';
    const at =
      date === undefined || date === null
        ? DateTime.now().setZone(zone)
        : DateTime.fromISO(`${date}T${time}`, { zone });
    if (!at.isValid) {
      io.err(`--date/--time: expected YYYY-MM-DD and HH:MM, got ${date ?? ''} ${time}`);
      return EXIT_CONFIG;
    }
    const ctx = await createContext(config);
    try {
      const progress =
        values.json === true
          ? undefined
          : (done: number, total: number) =>
              process.stderr.write(`\rcollecting figures: ${done}/${total}`);
      const report = await measureStandup({
        dept,
        calendar: createCalendar(dept),
        reader: bitrixCrmReader(ctx.bitrix, {
          settled: redisSettledDayStore(ctx.redis, ctx.keyPrefix),
        }),
        at: at.toJSDate(),
        onProgress: progress,
        log: ctx.log,
      });
      if (progress !== undefined) {
        process.stderr.write('\n');
      }
      io.out(values.json === true ? JSON.stringify(report, null, 2) : formatReport(report, dept));
      return EXIT_OK;
    } finally {
      await ctx.close();
    }
  },
};
