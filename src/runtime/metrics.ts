import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { CallStats } from '../bitrix/call.js';
import type { Phase } from '../domain/standup/conversation-schema.js';
import type { Metrics } from '../standup/standup-metrics.js';

export interface MetricsSources {
  /** The portal client's running counts. */
  bitrix: () => CallStats;
  queue: () => Promise<Record<string, number>>;
  pendingEvents: () => Promise<number>;
}

const DECISIONS: Partial<Record<Phase, string>> = {
  approved: 'approved',
  correcting: 'corrected',
  discuss: 'discuss',
  held: 'held',
  not_held: 'not_held',
};

/**
 * The Prometheus side of Metrics: a registry of its own (no global state), one per process,
 * scraped at `/metrics`. The portal client's counts, the queue and the inbox are read when
 * scraped; the rest is counted as it happens.
 */
export function createMetrics(sources: MetricsSources): {
  metrics: Metrics;
  registry: Registry;
} {
  const registry = new Registry();
  const standups = new Counter({
    name: 'standup_runs_total',
    help: 'Standups run to the end',
    registers: [registry],
  });
  const questions = new Counter({
    name: 'standup_questions_total',
    help: 'Questions sent to managers who lag',
    registers: [registry],
  });
  const laggards = new Gauge({
    name: 'standup_last_laggards',
    help: 'Managers who lagged at the last standup',
    registers: [registry],
  });
  const failedJobs = new Counter({
    name: 'standup_jobs_failed_total',
    help: 'Jobs that failed for good, by job',
    labelNames: ['job'],
    registers: [registry],
  });
  const answers = new Counter({
    name: 'standup_answers_total',
    help: 'Plans managers gave (reason, plan and deadline complete)',
    registers: [registry],
  });
  const outcomes = new Counter({
    name: 'standup_outcomes_total',
    help: "The head's decisions and the deadline checks, by outcome",
    labelNames: ['outcome'],
    registers: [registry],
  });
  const lag = new Histogram({
    name: 'standup_event_lag_seconds',
    help: 'From a chat event on the portal to its processing',
    buckets: [0.5, 1, 2, 5, 10, 30, 60, 300],
    registers: [registry],
  });
  const deadLetters = new Counter({
    name: 'standup_dead_letters_total',
    help: 'Events set aside after failing every try',
    registers: [registry],
  });
  new Counter({
    name: 'bitrix_requests_total',
    help: 'HTTP requests to the portal, by method',
    labelNames: ['method'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [method, count] of Object.entries(sources.bitrix().byMethod)) {
        this.inc({ method }, count);
      }
    },
  });
  new Counter({
    name: 'bitrix_refusals_total',
    help: 'Requests the portal refused for its limits, by kind',
    labelNames: ['kind'],
    registers: [registry],
    collect() {
      this.reset();
      const stats = sources.bitrix();
      this.inc({ kind: 'QUERY_LIMIT_EXCEEDED' }, stats.queryLimitRefusals);
      this.inc({ kind: 'OPERATION_TIME_LIMIT' }, stats.operationLimitRefusals);
    },
  });
  new Gauge({
    name: 'standup_queue_jobs',
    help: 'Jobs in the queue, by state',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const [state, count] of Object.entries(await sources.queue())) {
        this.set({ state }, count);
      }
    },
  });
  new Gauge({
    name: 'standup_events_pending',
    help: 'Chat events stored and not yet processed',
    registers: [registry],
    async collect() {
      this.set(await sources.pendingEvents());
    },
  });
  return {
    registry,
    metrics: {
      standupDone(count, sent) {
        standups.inc();
        questions.inc(sent);
        laggards.set(count);
      },
      jobFailed: (job) => failedJobs.inc({ job }),
      conversationStep(before, after) {
        if (before === after) {
          return;
        }
        if (after === 'answered' && (before === 'asked' || before === 'revising')) {
          answers.inc();
        }
        const outcome = DECISIONS[after];
        if (outcome !== undefined) {
          outcomes.inc({ outcome });
        }
      },
      eventProcessed: (lagMs) => lag.observe(Math.max(0, lagMs) / 1000),
      deadLetter: () => deadLetters.inc(),
    },
  };
}
