import type { Phase } from '../domain/standup/conversation-schema.js';

/**
 * What the standup tells the outside about what happened (the runtime turns it into
 * Prometheus metrics at `/metrics`).
 */
export interface Metrics {
  standupDone(laggards: number, questions: number): void;
  jobFailed(job: string): void;
  /** A conversation moved from one phase to another (an answer, a decision, a check). */
  conversationStep(before: Phase, after: Phase): void;
  /** An event was processed `lagMs` after the portal stamped it. */
  eventProcessed(lagMs: number): void;
  deadLetter(): void;
}

export const noMetrics: Metrics = {
  standupDone: () => undefined,
  jobFailed: () => undefined,
  conversationStep: () => undefined,
  eventProcessed: () => undefined,
  deadLetter: () => undefined,
};
