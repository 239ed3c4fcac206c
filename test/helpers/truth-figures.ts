import type { PortalState } from '../../src/emulator/portal-state.js';
import type { Table } from '../../src/emulator/table.js';

/**
 * The figures as docs/contracts.md section 2 defines them, computed by walking the emulator's
 * tables row by row: no filter engine, no catalogue, no batching, no bucketing. What the bot
 * reports must equal this, whichever way it chose to read.
 */
export interface TruthQuery {
  managerId: number;
  metric: string;
  /** The window (`to` exclusive); ignored by the snapshot metrics. */
  from: string;
  to: string;
  /** The run time, for the snapshot metrics. */
  now: string;
}

interface Rule {
  table: (s: PortalState) => Table;
  manager: string;
  date: string;
  where: (t: Table, i: number) => boolean;
  value?: (t: Table, i: number) => number;
}

const activities = (s: PortalState) => s.crm.activities;
const calls = (s: PortalState) => s.crm.calls;
const items = (type: number) => (s: PortalState) => s.crm.items.get(type) as Table;
const v = (t: Table, i: number, field: string) => t.value(i, field);

const RULES: Record<string, Rule> = {
  calls_outgoing: {
    table: activities,
    manager: 'RESPONSIBLE_ID',
    date: 'START_TIME',
    where: (t, i) =>
      v(t, i, 'TYPE_ID') === 2 && v(t, i, 'DIRECTION') === 2 && v(t, i, 'COMPLETED') === true,
  },
  calls_connected: {
    table: calls,
    manager: 'PORTAL_USER_ID',
    date: 'CALL_START_DATE',
    where: (t, i) =>
      v(t, i, 'CALL_TYPE') === 1 &&
      v(t, i, 'CALL_FAILED_CODE') === '200' &&
      Number(v(t, i, 'CALL_DURATION')) > 0,
  },
  talk_minutes: {
    table: calls,
    manager: 'PORTAL_USER_ID',
    date: 'CALL_START_DATE',
    where: (t, i) => v(t, i, 'CALL_FAILED_CODE') === '200',
    value: (t, i) => Number(v(t, i, 'CALL_DURATION')) / 60,
  },
  meetings: {
    table: activities,
    manager: 'RESPONSIBLE_ID',
    date: 'START_TIME',
    where: (t, i) => v(t, i, 'TYPE_ID') === 1 && v(t, i, 'COMPLETED') === true,
  },
  emails: {
    table: activities,
    manager: 'RESPONSIBLE_ID',
    date: 'CREATED',
    where: (t, i) => v(t, i, 'TYPE_ID') === 4 && v(t, i, 'DIRECTION') === 2,
  },
  deals_created: {
    table: items(2),
    manager: 'assignedById',
    date: 'createdTime',
    where: () => true,
  },
  quotes_sent: { table: items(7), manager: 'assignedById', date: 'createdTime', where: () => true },
  invoices_issued: {
    table: items(31),
    manager: 'assignedById',
    date: 'createdTime',
    where: () => true,
  },
  deals_won: {
    table: items(2),
    manager: 'assignedById',
    date: 'movedTime',
    where: (t, i) => v(t, i, 'stageSemanticId') === 'S',
  },
  deals_lost: {
    table: items(2),
    manager: 'assignedById',
    date: 'movedTime',
    where: (t, i) => v(t, i, 'stageSemanticId') === 'F',
  },
  won_amount: {
    table: items(2),
    manager: 'assignedById',
    date: 'movedTime',
    where: (t, i) => v(t, i, 'stageSemanticId') === 'S',
    value: (t, i) => Number(v(t, i, 'opportunity')),
  },
  new_clients: {
    table: items(2),
    manager: 'assignedById',
    date: 'movedTime',
    where: (t, i) => v(t, i, 'stageSemanticId') === 'S' && v(t, i, 'isReturnCustomer') === false,
  },
  // The generated department's custom metric: to-dos whose subject has "Замер".
  site_measurements: {
    table: activities,
    manager: 'RESPONSIBLE_ID',
    date: 'CREATED',
    where: (t, i) =>
      v(t, i, 'PROVIDER_ID') === 'CRM_TODO' &&
      String(v(t, i, 'SUBJECT'))
        .toLowerCase()
        .includes('замер'),
  },
};

function total(state: PortalState, rule: Rule, q: TruthQuery): number {
  const t = rule.table(state);
  const from = Date.parse(q.from);
  const to = Date.parse(q.to);
  let sum = 0;
  for (let i = 0; i < t.size; i++) {
    const at = Number(v(t, i, rule.date));
    if (v(t, i, rule.manager) === q.managerId && at >= from && at < to && rule.where(t, i)) {
      sum += rule.value?.(t, i) ?? 1;
    }
  }
  return sum;
}

/** The contract's figure for one manager, metric and window; undefined where it has none. */
export function truthFigure(state: PortalState, q: TruthQuery): number | undefined {
  const rule = RULES[q.metric];
  if (rule !== undefined) {
    return total(state, rule, q);
  }
  const of = (metric: string) => total(state, RULES[metric] as Rule, q);
  switch (q.metric) {
    case 'avg_deal': {
      const won = of('deals_won');
      return won === 0 ? undefined : of('won_amount') / won;
    }
    case 'conversion': {
      const closed = of('deals_won') + of('deals_lost');
      return closed === 0 ? undefined : (100 * of('deals_won')) / closed;
    }
    case 'overdue_activities':
      return overdue(state, q);
    case 'deals_without_next_step':
      return withoutNextStep(state, q.managerId);
    default:
      throw new Error(`no contract rule for ${q.metric}`);
  }
}

function overdue(state: PortalState, q: TruthQuery): number {
  const t = state.crm.activities;
  const now = Date.parse(q.now);
  let n = 0;
  for (let i = 0; i < t.size; i++) {
    if (
      v(t, i, 'RESPONSIBLE_ID') === q.managerId &&
      v(t, i, 'COMPLETED') === false &&
      Number(v(t, i, 'DEADLINE')) < now
    ) {
      n++;
    }
  }
  return n;
}

function withoutNextStep(state: PortalState, managerId: number): number {
  const deals = items(2)(state);
  const acts = state.crm.activities;
  const withStep = new Set<number>();
  for (let i = 0; i < acts.size; i++) {
    if (v(acts, i, 'OWNER_TYPE_ID') === 2 && v(acts, i, 'COMPLETED') === false) {
      withStep.add(Number(v(acts, i, 'OWNER_ID')));
    }
  }
  let n = 0;
  for (let i = 0; i < deals.size; i++) {
    if (
      v(deals, i, 'assignedById') === managerId &&
      v(deals, i, 'stageSemanticId') === 'P' &&
      !withStep.has(Number(v(deals, i, 'id')))
    ) {
      n++;
    }
  }
  return n;
}
