import type { Department } from '../domain/department/department.js';
import type { Figure, StandupReport } from '../domain/evaluation/report-schema.js';
import { metricCatalogue } from '../domain/metrics/catalogue.js';

const WINDOW_SHORT: Record<string, string> = {
  half_day: '½d',
  day: 'd',
  three_days: '3d',
  week: 'w',
  month: 'm',
  now: 'now',
};
const MARK = { ok: ' ', watch: '~', lag: '!' };

export function formatNumber(value: number, unit: Figure['unit']): string {
  const rounded = unit === 'rub' ? Math.round(value) : Math.round(value * 10) / 10;
  return unit === 'percent' ? `${rounded}%` : rounded.toLocaleString('ru-RU');
}

/**
 * The head's "report in three clicks" as text: one line per manager with every judged figure
 * as fact/norm, lagging ones marked "!", watched ones "~"; then team topics, plan pace and cost.
 */
export function formatReport(report: StandupReport, dept: Department): string {
  const catalogue = metricCatalogue(dept.customMetrics);
  const lines: string[] = [];
  lines.push(`Standup ${report.standupId}: judging ${report.judgedDay} (run ${report.runAt})`);
  lines.push('');
  for (const manager of report.managers) {
    const ask = report.laggards.includes(manager.managerId) ? '→ ask' : '';
    lines.push(`${manager.name} (${manager.managerId}, ${manager.mode}) ${ask}`.trimEnd());
    if (manager.notJudged !== undefined) {
      lines.push(`    not judged: ${manager.notJudged}`);
      continue;
    }
    for (const figure of manager.figures) {
      const title = catalogue.get(figure.metric)?.title.en ?? figure.metric;
      lines.push(
        `  ${MARK[figure.status]} ${title} [${WINDOW_SHORT[figure.window] ?? figure.window}]: ${formatNumber(figure.fact, figure.unit)} / ${formatNumber(figure.norm, figure.unit)}`,
      );
    }
  }
  lines.push('');
  lines.push(report.teamTopics.length === 0 ? 'Team topics: none' : 'Team topics:');
  for (const topic of report.teamTopics) {
    const title = catalogue.get(topic.metric)?.title.en ?? topic.metric;
    lines.push(
      `  ${title} [${WINDOW_SHORT[topic.window] ?? topic.window}]: ${topic.managerIds.length} of ${topic.judged} lag, team ${formatNumber(topic.teamFact, topic.unit)} / ${formatNumber(topic.teamNorm, topic.unit)}`,
    );
  }
  const team = report.plan.filter((p) => p.scope === 'team');
  if (team.length > 0) {
    lines.push('Plan pace (team, realistic):');
    for (const pace of team) {
      lines.push(
        `  ${pace.key} ${pace.target}: ${formatNumber(pace.fact, pace.target === 'amount' ? 'rub' : 'count')} of ${formatNumber(pace.plan.realistic, pace.target === 'amount' ? 'rub' : 'count')}, pace ${Math.round(pace.pace.realistic * 100)}% ${MARK[pace.status]}`,
      );
    }
  }
  if (report.away.length > 0) {
    lines.push(`Away today: ${report.away.map((a) => `${a.name} until ${a.until}`).join(', ')}`);
  }
  if (report.notActive.length > 0) {
    lines.push(
      `Not active on the portal (not measured): ${report.notActive.map((m) => `${m.name} (${m.userId}, ${m.reason})`).join(', ')}`,
    );
  }
  lines.push(`Laggards to ask: ${report.laggards.length}; HTTP requests: ${report.requests}`);
  return lines.join('\n');
}
