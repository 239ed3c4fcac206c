import type { MonthReport, MonthTarget } from '../domain/month/month-report.js';
import { formatNumber } from './format-report.js';

const MARK = { ok: ' ', watch: '~', lag: '!' };
const unitOf = (t: MonthTarget) => (t.target === 'amount' ? 'rub' : 'count');
const percent = (value: number) => `${Math.round(value * 100)}%`;

/** `report --month` as text: the team, managers ranked by plan fulfilment, laggards, next month. */
export function formatMonth(report: MonthReport): string {
  const v = report.judgeBy;
  const line = (t: MonthTarget) =>
    `${MARK[t.status]} ${t.target}: ${formatNumber(t.fact, unitOf(t))} of ${formatNumber(t.plan[v], unitOf(t))} (${percent(t.fulfilment[v])}; pessimistic ${percent(t.fulfilment.pessimistic)}, optimistic ${percent(t.fulfilment.optimistic)})`;
  const lines = [
    `Month ${report.month} as of ${report.day} (${percent(report.elapsed)} of its working days), judged by the ${v} plan`,
    '',
    'Team:',
    ...(report.team.length === 0 ? ['  no plan'] : report.team.map((t) => `  ${line(t)}`)),
    '',
    `Managers by plan fulfilment${report.rankedBy === undefined ? '' : ` (${report.rankedBy})`}:`,
  ];
  for (const m of report.managers) {
    const best = report.best.includes(m.managerId) ? ' ★' : '';
    lines.push(`${m.rank}. ${m.name} (${m.managerId}) ${percent(m.fulfilment)}${best}`);
    lines.push(...m.targets.map((t) => `    ${line(t)}`));
  }
  lines.push('', report.laggards.length === 0 ? 'Behind the plan: nobody' : 'Behind the plan:');
  for (const l of report.laggards) {
    const r = l.record;
    lines.push(
      `  ${l.name}: asked on ${r.daysLagging} days, ${r.plansMade} plans, ${r.plansHeld} held, ${r.plansNotHeld} not held`,
    );
  }
  const next = report.nextMonth;
  lines.push('');
  if (next.missing) {
    lines.push(`Next month ${next.key}: the file has no plan`);
  } else {
    lines.push(`Next month ${next.key} (${v}):`);
    for (const m of next.managers) {
      const parts = Object.entries(m.plan).map(
        ([target, plan]) =>
          `${target} ${formatNumber(plan[v], target === 'amount' ? 'rub' : 'count')}`,
      );
      lines.push(`  ${m.name}: ${parts.join(', ')}${m.personal ? '' : ' (shared)'}`);
    }
  }
  lines.push(`HTTP requests: ${report.requests}`);
  return lines.join('\n');
}
