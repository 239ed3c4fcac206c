import type { Department } from '../domain/department/department.js';
import { metricCatalogue } from '../domain/metrics/catalogue.js';
import type { WeekReport } from '../domain/week/week-report.js';
import { formatNumber } from './format-report.js';

const MARK = { ok: ' ', watch: '~', lag: '!' };

/** `report --week` as text: each manager's week as fact/norm, then the team's plan pace. */
export function formatWeekReport(report: WeekReport, dept: Department): string {
  const catalogue = metricCatalogue(dept.customMetrics);
  const lines = [
    `Week ${report.weekId}: ${report.workingDays.join(', ')} (run ${report.runAt})`,
    '',
  ];
  for (const manager of report.managers) {
    lines.push(`${MARK[manager.status]} ${manager.name} (${manager.managerId})`);
    if (manager.notJudged !== undefined) {
      lines.push(`    not judged: ${manager.notJudged}`);
    }
    for (const f of manager.figures) {
      const title = catalogue.get(f.metric)?.title.en ?? f.metric;
      lines.push(
        `  ${MARK[f.status]} ${title}: ${formatNumber(f.fact, f.unit)} / ${formatNumber(f.norm, f.unit)}`,
      );
    }
  }
  if (report.plan.length > 0) {
    lines.push('', 'Plan pace (team; pessimistic / realistic / optimistic):');
    for (const p of report.plan) {
      const unit = p.target === 'amount' ? 'rub' : 'count';
      const pct = (v: number) => `${Math.round(v * 100)}%`;
      lines.push(
        `  ${MARK[p.status]} ${p.period} ${p.key} ${p.target}: ${formatNumber(p.fact, unit)}; plan ${formatNumber(p.plan.realistic, unit)}; pace ${pct(p.pace.pessimistic)} / ${pct(p.pace.realistic)} / ${pct(p.pace.optimistic)}`,
      );
    }
  }
  lines.push(`HTTP requests: ${report.requests}`);
  return lines.join('\n');
}
