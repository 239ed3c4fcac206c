import { DateTime } from 'luxon';
import type { Department } from '../domain/department/department.js';
import { formatProblem } from '../config/config-error.js';
import { loadConfig, type Config } from '../config/load-config.js';
import { createContext } from '../context.js';
import { metricCatalogue } from '../domain/metrics/catalogue.js';
import { neededScopes } from '../setup/needed-scopes.js';
import { portalProblems, type PortalCheck } from '../setup/portal-problems.js';
import { readPortalFacts } from '../setup/read-portal-facts.js';
import { createStandupStore } from '../standup/standup-store.js';
import { rhythmLine } from './rhythm-line.js';
import { createCalendar } from '../domain/calendar.js';
import { resolveNorms } from '../domain/norms.js';
import { EXIT_CONFIG, EXIT_OK, type Command } from './command.js';

export const checkConfigCommand: Command = {
  name: 'check-config',
  summary:
    'Validate the environment and the department file (--portal: against the portal too), and print what the bot will do',
  usage: 'standup-bot check-config [--config <department.yaml|folder|a.yaml,b.yaml>] [--portal]',
  options: {
    config: {
      type: 'string',
      short: 'c',
      description:
        'the department file, folder or comma-separated list (default: DEPARTMENT_FILE, config/department.yaml)',
    },
    portal: {
      type: 'boolean',
      description: 'also check the file against the portal: people, head, scopes, the bot',
    },
  },
  async run(values, io) {
    const config = loadConfig({ env: io.env, departmentFile: values.config as string | undefined });
    if (config.departments.length > 1) {
      io.out(
        `Departments (${config.departments.length}): ${config.departments.map((d) => `${d.department.id} (${d.file})`).join(', ')}; every user is a manager in one of them at most.`,
      );
    }
    io.out(
      config.departments
        .map((d) =>
          config.departments.length > 1
            ? `--- ${d.file}\n${describeDepartment(d.department, new Date())}`
            : describeDepartment(d.department, new Date()),
        )
        .join('\n'),
    );
    io.out(
      config.bitrix === undefined
        ? 'Portal: not configured (set BITRIX_WEBHOOK_URL or the OAuth variables to connect one)'
        : `Portal: ${config.bitrix.kind === 'webhook' ? config.bitrix.baseUrl : config.bitrix.portalUrl} (${config.bitrix.kind})`,
    );
    if (values.portal === true) {
      const check = await checkPortal(config);
      check.notes.forEach((note) => io.out(`Note: ${note}`));
      if (check.problems.length > 0) {
        io.err(
          `The portal disagrees with ${config.departments.map((d) => d.file).join(', ')}: ${check.problems.length} problem(s)\n${check.problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`,
        );
        return EXIT_CONFIG;
      }
      io.out(
        'The portal agrees: every user is active and in place, the scopes and the bot are there.',
      );
    }
    io.out('Configuration is valid.');
    return EXIT_OK;
  },
};

/** The file against the portal (user ids, head, scopes, bot); every problem at once. */
async function checkPortal(config: Config): Promise<PortalCheck> {
  if (config.bitrix === undefined) {
    return {
      problems: [
        {
          path: 'BITRIX_WEBHOOK_URL',
          message: 'no portal is configured to check the file against',
        },
      ],
      notes: [],
    };
  }
  const ctx = await createContext(config);
  try {
    const kept = await createStandupStore(ctx.redis, ctx.keyPrefix).bot();
    const token = config.env.BOT_TOKEN ?? kept?.token;
    const checks: PortalCheck[] = [];
    for (const { department: dept, file } of config.departments) {
      const facts = await readPortalFacts(
        ctx.bitrix,
        dept,
        kept === undefined || token === undefined ? undefined : { id: kept.id, token },
      );
      const check = portalProblems(
        dept,
        facts,
        neededScopes(dept, metricCatalogue(dept.customMetrics)),
        config.bitrix.kind === 'webhook' ? 'BITRIX_WEBHOOK_URL' : 'BITRIX_CLIENT_ID',
      );
      const named = (path: string) => (config.departments.length > 1 ? `${file}: ${path}` : path);
      checks.push({
        problems: check.problems.map((p) => ({ ...p, path: named(p.path) })),
        notes: check.notes.map((note) =>
          config.departments.length > 1 ? `${file}: ${note}` : note,
        ),
      });
    }
    // A problem of the portal itself (a scope, the bot) is said once, not per department.
    const seen = new Set<string>();
    return {
      problems: checks
        .flatMap((c) => c.problems)
        .filter((p) => {
          const key = `${p.path.replace(/^[^:]*: (?=BITRIX|bot)/, '')}|${p.message}`;
          if (seen.has(key)) {
            return false;
          }
          seen.add(key);
          return true;
        }),
      notes: [...new Set(checks.flatMap((c) => c.notes))],
    };
  } finally {
    await ctx.close();
  }
}

/** The human summary a head or an administrator reads to confirm the file says what they meant. */
export function describeDepartment(dept: Department, now: Date): string {
  const calendar = createCalendar(dept);
  const lines: string[] = [];
  lines.push(`Department: ${dept.name} (${dept.id}), language ${dept.language}`);
  lines.push(
    `Time zone: ${dept.timeZone}, now ${DateTime.fromJSDate(now, { zone: calendar.zone }).toFormat('yyyy-MM-dd HH:mm ZZ')}`,
  );
  lines.push(
    `Working days: ${dept.calendar.workingDays.join(', ')}; holidays: ${dept.calendar.holidaysCountry ?? 'none'}` +
      `; extra days off: ${dept.calendar.extraDaysOff.length}; moved working days: ${dept.calendar.extraWorkingDays.length}`,
  );
  lines.push(
    `Meeting at ${dept.standup.meetingTime.text}; the bot runs at ${dept.standup.times.map((t) => t.text).join(', ')}; deadlines at most ${dept.standup.maxDeadlineDays} days ahead`,
  );
  lines.push('Next standups:');
  for (const run of calendar.nextStandups(now, 3)) {
    lines.push(`  ${run.toFormat('ccc yyyy-MM-dd HH:mm ZZ')}`);
  }
  const deputies =
    dept.head.deputies.length > 0 ? `, deputies ${dept.head.deputies.join(', ')}` : '';
  lines.push(`Head: ${dept.head.name} (user ${dept.head.userId})${deputies}`);
  lines.push(`Team chat: ${dept.teamChat ?? 'none'}`);
  lines.push(`Managers (${dept.managers.length}):`);
  for (const manager of dept.managers) {
    const extra = [
      manager.hired ? `hired ${manager.hired}` : '',
      ...manager.absences.map((a) => `away ${a.from}..${a.to}${a.reason ? ` (${a.reason})` : ''}`),
    ].filter(Boolean);
    lines.push(
      `  ${manager.name} (user ${manager.userId}), ${manager.mode}${extra.length ? `; ${extra.join('; ')}` : ''}`,
    );
    for (const [metric, windows] of Object.entries(resolveNorms(dept, manager))) {
      const parts = Object.entries(windows).map(([window, value]) => `${window} ${value}`);
      lines.push(`    ${metric}: ${parts.join(', ')}`);
    }
  }
  lines.push(`Plan (judged by the ${dept.plan.judgeBy} version):`);
  if (dept.plan.periods.length === 0) {
    lines.push('  none');
  }
  for (const entry of dept.plan.periods) {
    const parts = (['amount', 'units', 'new_clients'] as const)
      .filter((target) => entry[target] !== undefined)
      .map((target) => {
        const v = entry[target]!;
        return `${target} ${v.pessimistic} / ${v.realistic} / ${v.optimistic}`;
      });
    lines.push(`  ${entry.period}: ${parts.join('; ')}`);
  }
  lines.push(
    `Thresholds: watch below ${dept.thresholds.watch}, lag below ${dept.thresholds.lag}, team topic when ${Math.round(dept.thresholds.teamTopicShare * 100)}% lag`,
  );
  const r = dept.reminders;
  lines.push(
    `Reminders: ${r.reminder.enabled ? `after ${r.reminder.afterMinutes} min` : 'off'}; escalation ${r.escalation.enabled ? `${r.escalation.minutesBeforeMeeting} min before the meeting` : 'off'}; deadline check ${r.deadlineCheck.enabled ? 'on' : 'off'}`,
  );
  const monthly = dept.rhythm?.monthlyResults;
  lines.push(
    `Month's results: ${monthly === undefined || monthly.enabled ? `the month's last working day at ${monthly?.time.text ?? '17:00'}` : 'off'}`,
  );
  const large = dept.rhythm?.largeDeals;
  lines.push(
    `Large deals in the digest: ${large === undefined || !large.enabled ? 'off' : `from ${large.minAmount} with no activity for ${large.idleDays} days, at most ${large.maxLines} lines`}`,
  );
  lines.push(rhythmLine(dept));
  if (dept.customMetrics.length > 0) {
    lines.push(
      `Custom metrics: ${dept.customMetrics.map((m) => `${m.id} (${m.source})`).join(', ')}`,
    );
  }
  return lines.join('\n');
}
