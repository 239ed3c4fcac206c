import type { ManagerReport, TeamTopic } from './report-schema.js';

/** Fewer judged managers than this and a shared lag is still asked one to one. */
const MIN_TEAM = 3;

/**
 * A metric and window on which at least `share` of the judged managers lag is a team topic:
 * it concerns everyone, so it goes to the meeting once instead of to each one privately.
 */
export function teamTopics(managers: readonly ManagerReport[], share: number): TeamTopic[] {
  const groups = new Map<string, { figures: ManagerReport['figures'] }>();
  for (const manager of managers) {
    for (const figure of manager.figures) {
      const key = `${figure.metric}|${figure.window}`;
      const group = groups.get(key) ?? { figures: [] };
      group.figures.push(figure);
      groups.set(key, group);
    }
  }
  const topics: TeamTopic[] = [];
  for (const { figures } of groups.values()) {
    const lagging = figures.filter((f) => f.status === 'lag');
    const first = figures[0];
    if (
      first === undefined ||
      figures.length < MIN_TEAM ||
      lagging.length / figures.length < share
    ) {
      continue;
    }
    topics.push({
      metric: first.metric,
      window: first.window,
      managerIds: lagging.map((f) => f.managerId),
      judged: figures.length,
      teamFact: figures.reduce((sum, f) => sum + f.fact, 0),
      teamNorm: figures.reduce((sum, f) => sum + f.norm, 0),
      direction: first.direction,
      unit: first.unit,
    });
  }
  return topics;
}
