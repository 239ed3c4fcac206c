import { DateTime } from 'luxon';
import type { DepartmentConfig } from '../config/department-schema.js';
import { loadConfig } from '../config/load-config.js';
import { createCalendar } from '../domain/calendar.js';
import { resolveNorms } from '../domain/norms.js';
import { EXIT_OK, type Command } from './command.js';

export const checkConfigCommand: Command = {
  name: 'check-config',
  summary: 'Validate the environment and the department file, and print what the bot will do',
  usage: 'standup-bot check-config [--config <department.yaml>]',
  options: {
    config: { type: 'string', short: 'c' },
  },
  async run(values, io) {
    const config = loadConfig({ env: io.env, departmentFile: values.config as string | undefined });
    io.out(describeDepartment(config.department, new Date()));
    io.out(
      config.bitrix === undefined
        ? 'Portal: not configured (set BITRIX_WEBHOOK_URL or the OAuth variables to connect one)'
        : `Portal: ${config.bitrix.kind === 'webhook' ? config.bitrix.baseUrl : config.bitrix.portalUrl} (${config.bitrix.kind})`,
    );
    io.out('Configuration is valid.');
    return Promise.resolve(EXIT_OK);
  },
};

/** The human summary a head or an administrator reads to confirm the file says what they meant. */
export function describeDepartment(dept: DepartmentConfig, now: Date): string {
  const calendar = createCalendar(dept);
  const lines: string[] = [];
  lines.push(
    `Department: ${dept.department.name} (${dept.department.id}), language ${dept.department.language}`,
  );
  lines.push(
    `Time zone: ${dept.department.timezone}, now ${DateTime.fromJSDate(now, { zone: calendar.zone }).toFormat('yyyy-MM-dd HH:mm ZZ')}`,
  );
  lines.push(
    `Working days: ${dept.calendar.working_days.join(', ')}; holidays: ${dept.calendar.holidays_country ?? 'none'}` +
      `; extra days off: ${dept.calendar.extra_days_off.length}; moved working days: ${dept.calendar.extra_working_days.length}`,
  );
  lines.push(
    `Meeting at ${dept.standup.meeting_time}; the bot runs at ${dept.standup.times.join(', ')}; deadlines at most ${dept.standup.max_deadline_days} days ahead`,
  );
  lines.push('Next standups:');
  for (const run of calendar.nextStandups(now, 3)) {
    lines.push(`  ${run.toFormat('ccc yyyy-MM-dd HH:mm ZZ')}`);
  }
  const deputies =
    dept.head.deputies.length > 0 ? `, deputies ${dept.head.deputies.join(', ')}` : '';
  lines.push(`Head: ${dept.head.name} (user ${dept.head.user_id})${deputies}`);
  lines.push(`Team chat: ${dept.team_chat ?? 'none'}`);
  lines.push(`Managers (${dept.managers.length}):`);
  for (const manager of dept.managers) {
    const extra = [
      manager.hired ? `hired ${manager.hired}` : '',
      ...manager.absences.map((a) => `away ${a.from}..${a.to}${a.reason ? ` (${a.reason})` : ''}`),
    ].filter(Boolean);
    lines.push(
      `  ${manager.name} (user ${manager.user_id}), ${manager.mode}${extra.length ? `; ${extra.join('; ')}` : ''}`,
    );
    for (const [metric, windows] of Object.entries(resolveNorms(dept, manager))) {
      const parts = Object.entries(windows).map(([window, value]) => `${window} ${value}`);
      lines.push(`    ${metric}: ${parts.join(', ')}`);
    }
  }
  lines.push(`Plan (judged by the ${dept.plan.judge_by} version):`);
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
    `Thresholds: watch below ${dept.thresholds.watch}, lag below ${dept.thresholds.lag}, team topic when ${Math.round(dept.thresholds.team_topic_share * 100)}% lag`,
  );
  const r = dept.reminders;
  lines.push(
    `Reminders: ${r.reminder.enabled ? `after ${r.reminder.after_minutes} min` : 'off'}; escalation ${r.escalation.enabled ? `${r.escalation.minutes_before_meeting} min before the meeting` : 'off'}; deadline check ${r.deadline_check.enabled ? 'on' : 'off'}`,
  );
  if (dept.custom_metrics.length > 0) {
    lines.push(
      `Custom metrics: ${dept.custom_metrics.map((m) => `${m.id} (${m.source})`).join(', ')}`,
    );
  }
  return lines.join('\n');
}
