import type { Department, Manager } from '../department/department.js';
import { cellKey, type Cell } from '../collection/collection-plan.js';
import type { MetricDefinition } from '../metrics/catalogue.js';
import type { StandupWindows } from '../windows.js';
import { presentOn } from '../availability.js';
import { awayThrough } from '../people/away-through.js';
import { judge, severityOf } from './judge.js';
import { planLagFigures, planPaces } from './plan-pace.js';
import type { Figure, ManagerReport, StandupReport } from './report-schema.js';
import { normCellsOf, planCellsOf, type NormCell } from './standup-cells.js';
import { teamTopics } from './team-topics.js';

export interface StandupInput {
  dept: Department;
  catalogue: ReadonlyMap<string, MetricDefinition>;
  windows: StandupWindows;
  standupId: string;
  /** The standup's day and run time in the department's zone. */
  day: string;
  runAt: string;
}

/** Every cell the standup needs measured: the judged norms and the plan targets. */
export function cellsToMeasure(input: StandupInput): Cell[] {
  const norms = input.dept.managers.flatMap((m) =>
    normCellsOf(input.dept, m, input.catalogue, input.windows, input.day),
  );
  return [...norms, ...planCellsOf(input.dept, input.windows)];
}

/** A measured value for a cell; ratios are computed from their parts, undefined without a denominator. */
export function factOf(
  cell: Cell,
  catalogue: ReadonlyMap<string, MetricDefinition>,
  facts: ReadonlyMap<string, number>,
): number | undefined {
  const measure = catalogue.get(cell.metric)?.measure;
  if (measure?.kind !== 'ratio') {
    return facts.get(cellKey(cell.managerId, cell.metric, cell.window.id));
  }
  const part = (metric: string) => facts.get(cellKey(cell.managerId, metric, cell.window.id)) ?? 0;
  const denominator = measure.denominators.reduce((sum, metric) => sum + part(metric), 0);
  return denominator === 0 ? undefined : (measure.scale * part(measure.numerator)) / denominator;
}

/**
 * The whole evaluation, pure: each manager's figures against prorated norms, team topics
 * (a lag shared by much of the team is raised once, not asked of everyone), the plan pace,
 * and the laggards to ask, most severe first.
 */
export function buildStandupReport(
  input: StandupInput,
  facts: ReadonlyMap<string, number>,
  requests: number,
): StandupReport {
  const { dept, catalogue } = input;
  const thresholds = dept.thresholds;
  const managers = dept.managers.map((manager) => {
    const figures = normCellsOf(dept, manager, catalogue, input.windows, input.day)
      .map((cell) => toFigure(cell, catalogue, facts, thresholds))
      .filter((f): f is Figure => f !== undefined);
    return managerReport(manager, figures, input);
  });
  const topics = teamTopics(managers, thresholds.teamTopicShare);
  const inTopic = (f: Figure) => topics.some((t) => t.metric === f.metric && t.window === f.window);
  const plan = planPaces(dept, input.windows, facts, thresholds);
  const units = new Map([...catalogue].map(([id, metric]) => [id, metric.unit]));
  const planLags = dept.plan.askManagers ? planLagFigures(dept, input.windows, plan, units) : [];
  const withLags = managers.map((m) => {
    const lags = [
      ...m.figures.filter((f) => f.status === 'lag' && !inTopic(f)),
      ...planLags.filter((f) => f.managerId === m.managerId),
    ];
    return {
      ...m,
      lags,
      severity: lags.reduce((sum, f) => sum + severityOf(f.fact, f.norm, f.direction), 0),
    };
  });
  const windows: StandupReport['windows'] = Object.fromEntries(
    [...Object.values(input.windows.norm), input.windows.now].map((w) => [
      w.id,
      { from: w.from, to: w.to },
    ]),
  );
  return {
    departmentId: dept.id,
    standupId: input.standupId,
    day: input.day,
    judgedDay: input.windows.judgedDay,
    runAt: input.runAt,
    windows,
    managers: withLags,
    // Someone away today is not asked today: the lags stay in the table for the head.
    laggards: withLags
      .filter((m) => m.lags.length > 0 && presentToday(dept, m.managerId, input.day))
      .sort((a, b) => b.severity - a.severity || a.managerId - b.managerId)
      .map((m) => m.managerId),
    teamTopics: topics,
    plan,
    away: dept.managers.flatMap((m) => {
      const until = awayThrough(m, input.day);
      return until === undefined ? [] : [{ managerId: m.userId, name: m.name, until }];
    }),
    notActive: (dept.notActive ?? []).map((m) => ({ ...m })),
    largeDeals: [],
    requests,
  };
}

function toFigure(
  cell: NormCell,
  catalogue: ReadonlyMap<string, MetricDefinition>,
  facts: ReadonlyMap<string, number>,
  thresholds: { watch: number; lag: number },
): Figure | undefined {
  const metric = catalogue.get(cell.metric);
  const fact = factOf(cell, catalogue, facts);
  if (metric === undefined || fact === undefined) {
    return undefined;
  }
  const { ratio, status } = judge(fact, cell.norm, metric.direction, thresholds);
  return {
    managerId: cell.managerId,
    metric: cell.metric,
    window: cell.window.id,
    from: cell.window.from,
    to: cell.window.to,
    fact,
    norm: cell.norm,
    ratio,
    status,
    direction: metric.direction,
    unit: metric.unit,
  };
}

function managerReport(manager: Manager, figures: Figure[], input: StandupInput): ManagerReport {
  return {
    managerId: manager.userId,
    name: manager.name,
    ...(manager.gender === undefined ? {} : { gender: manager.gender }),
    mode: manager.mode,
    figures,
    lags: [],
    severity: 0,
    ...(figures.length === 0 ? { notJudged: notJudgedReason(manager, input.day) } : {}),
  };
}

function notJudgedReason(manager: Manager, day: string): string {
  if (manager.hired !== undefined && manager.hired > day) {
    return `starts on ${manager.hired}`;
  }
  const absence = manager.absences.find((a) => day >= a.from && day <= a.to);
  if (absence !== undefined) {
    return `away ${absence.from}..${absence.to}${absence.reason ? ` (${absence.reason})` : ''}`;
  }
  return 'no figure could be judged';
}

function presentToday(dept: Department, managerId: number, day: string): boolean {
  const manager = dept.managers.find((m) => m.userId === managerId);
  return manager !== undefined && presentOn(manager, day);
}
