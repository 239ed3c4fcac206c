import { closeRedis, connectRedis } from '../lib/connect-redis.js';
import { loadConfig } from '../config/load-config.js';
import type { MonthHistoryEntry } from '../standup/month-store.js';
import { departmentOption, pickDepartment } from './pick-department.js';
import { createStandupStore } from '../standup/standup-store.js';
import { adoptLegacyKeys } from '../store/adopt-legacy-keys.js';
import { EXIT_CONFIG, EXIT_OK, type Command } from './command.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export const historyCommand: Command = {
  name: 'history',
  summary:
    "Export the standup history: who lagged, on what, the plan, the decision, whether it held; next month's plans approved",
  usage: 'standup-bot history --from YYYY-MM-DD --to YYYY-MM-DD [--json] [--department <id>]',
  options: {
    config: {
      type: 'string',
      short: 'c',
      description:
        'the department file, folder or comma-separated list (default: DEPARTMENT_FILE, config/department.yaml)',
    },
    department: departmentOption,
    from: { type: 'string', description: 'first standup day, YYYY-MM-DD' },
    to: { type: 'string', description: 'last standup day, YYYY-MM-DD' },
    json: { type: 'boolean', description: 'print JSON instead of lines' },
  },
  async run(values, io) {
    const from = values.from as string | undefined;
    const to = values.to as string | undefined;
    if (from === undefined || to === undefined || !DAY.test(from) || !DAY.test(to)) {
      io.err('--from and --to take dates as YYYY-MM-DD');
      return EXIT_CONFIG;
    }
    const config = loadConfig({ env: io.env, departmentFile: values.config as string | undefined });
    const dept = pickDepartment(config, values.department as string | undefined).department;
    const redis = await connectRedis(config.env.REDIS_URL, { maxRetriesPerRequest: 1 });
    try {
      const keyPrefix = `${config.env.REDIS_PREFIX}:`;
      await adoptLegacyKeys(
        redis,
        keyPrefix,
        config.departments.map((d) => d.department.id),
      );
      const store = createStandupStore(redis, keyPrefix, { departmentId: dept.id });
      const entries = await store.history.range(from, to);
      // Next month's plans the head approved on the monthly card (kind "month_plan").
      const approvals = await store.month.history.range(from, to);
      if (values.json === true) {
        io.out(JSON.stringify([...entries, ...approvals], null, 2));
      } else {
        for (const e of entries) {
          const lags = e.lags
            .map((l) => `${l.metric} ${l.fact}/${Math.round(l.norm * 10) / 10}`)
            .join(', ');
          io.out(
            `${e.day} ${e.managerName}: ${lags} | plan: ${e.plan ?? '—'} by ${e.deadline ?? '—'} | ${e.decision ?? 'undecided'}${steps(e.steps)} | ${e.outcome}${e.late ? ' (late)' : ''}`,
          );
        }
        for (const a of approvals) {
          io.out(
            `${a.approvedAt.slice(0, 10)} plan for ${a.planMonth} approved by ${a.approvedByName} (month's results of ${a.month}): ${planSummary(a.plan)}`,
          );
        }
        io.out(`${entries.length + approvals.length} entries`);
        // The weekly meetings' issues and their fate (solved, carried over, dropped, open).
        const weeks = await store.week.weeks.getMany(await store.week.weekIds(from, to));
        for (const week of weeks.flatMap((w) => (w === undefined ? [] : [w.value]))) {
          for (const i of week.card.issues) {
            io.out(
              `${week.day} week issue ${i.id} ${i.managerName}: ${i.text} by ${i.deadline ?? '—'} | ${i.origin}${i.carriedFrom === undefined ? '' : ' (carried over)'} | ${i.state}`,
            );
          }
        }
      }
      return EXIT_OK;
    } finally {
      await closeRedis(redis);
    }
  },
};

/** " (submitted → correction requested → correction accepted)": how the decision came about. */
function steps(list: readonly { kind: string }[]): string {
  return list.length === 0 ? '' : ` (${list.map((s) => s.kind.replace(/_/g, ' ')).join(' → ')})`;
}

/** "amount 10 000 000, units 30": the department's realistic plan as approved. */
function planSummary(plan: MonthHistoryEntry['plan']): string {
  const team = Object.entries(plan.team).map(([target, v]) => `${target} ${v.realistic}`);
  return team.length > 0 ? team.join(', ') : `${plan.managers.length} personal plans`;
}
