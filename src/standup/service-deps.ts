import { DateTime } from 'luxon';
import type { ChatPort } from '../chat/chat-port.js';
import type { Department } from '../domain/department/department.js';
import type { DepartmentCalendar } from '../domain/calendar.js';
import { metricCatalogue } from '../domain/metrics/catalogue.js';
import type { ConversationInput } from '../domain/standup/chat-input.js';
import {
  conversationContext,
  type ConversationContext,
} from '../domain/standup/conversation-context.js';
import { OPEN_PHASES, type Conversation } from '../domain/standup/conversation-schema.js';
import { historyEntry } from '../domain/standup/history-entry.js';
import type { Language } from '../domain/standup/texts/format.js';
import { transition } from '../domain/standup/transition.js';
import type { Logger } from '../lib/logger.js';
import type { Metrics } from './standup-metrics.js';
import type { CrmReader } from '../report/crm-reader.js';
import { updateWithRetry } from '../store/versioned-docs.js';
import { doOutbox, runEffects, type EffectDeps } from './run-effects.js';
import type { StandupStore } from './standup-store.js';
import { atLocalTime } from '../domain/department/local-time.js';

/** What the standup's handlers need; built once by the composition root. */
export interface StandupDeps {
  dept: Department;
  calendar: DepartmentCalendar;
  store: StandupStore;
  reader: CrmReader;
  chat: ChatPort;
  scheduleTimer: EffectDeps['scheduleTimer'];
  now: () => Date;
  log: Logger;
  /** See EffectDeps.settleMs; 75 s when not given (the cloud cuts a request at 60 s). */
  settleMs?: number;
  /** Days of history kept (HISTORY_KEEP_DAYS); 400 when not given. */
  historyKeepDays?: number;
  language?: Language;
  /** Told how figure collection advances (the demo shows a progress line). */
  progress?: (done: number, total: number) => void;
  /** Told when a standup finished (readiness reports the time). */
  onStandupDone?: (standupId: string) => void;
  /** Counts what happened, for /metrics. */
  metrics?: Metrics;
}

/** The cloud cuts a request at 60 s; a quarter minute more covers the queue in front of it. */
export const DEFAULT_SETTLE_MS = 75_000;

export function effectDeps(deps: StandupDeps): EffectDeps {
  return {
    chat: deps.chat,
    sent: deps.store.sent,
    scheduleTimer: deps.scheduleTimer,
    now: deps.now,
    settleMs: deps.settleMs ?? DEFAULT_SETTLE_MS,
    log: deps.log,
  };
}

export function titleOf(deps: StandupDeps): (metric: string) => string {
  const catalogue = metricCatalogue(deps.dept.customMetrics);
  const lang = deps.language ?? deps.dept.language;
  return (metric) => catalogue.get(metric)?.title[lang] ?? metric;
}

export function languageOf(deps: StandupDeps): Language {
  return deps.language ?? deps.dept.language;
}

export function nowIso(deps: StandupDeps): string {
  return (
    DateTime.fromJSDate(deps.now(), { zone: deps.dept.timeZone }).toISO({
      suppressMilliseconds: true,
    }) ?? deps.now().toISOString()
  );
}

export function contextFor(deps: StandupDeps): ConversationContext {
  const zone = deps.dept.timeZone;
  const end = deps.dept.calendar.workHours.end;
  const checkAt = (day: string) =>
    atLocalTime(DateTime.fromISO(day, { zone }), end).toISO({ suppressMilliseconds: true }) ?? day;
  return conversationContext(
    deps.dept,
    nowIso(deps),
    titleOf(deps),
    checkAt,
    deps.language,
    deps.calendar,
  );
}

/**
 * Applies one input to one conversation: transition under compare-and-set, then the effects,
 * then the outbox is emptied of them; the history and the open index follow the new phase.
 * Returns the conversation as stored afterwards, or undefined when there is no such one.
 */
export async function applyToConversation(
  deps: StandupDeps,
  id: string,
  input: ConversationInput,
): Promise<Conversation | undefined> {
  const context = contextFor(deps);
  const step = await updateWithRetry(deps.store.conversations, id, (current) => {
    if (current === undefined) {
      return undefined;
    }
    const next = transition(current.value, input, context);
    return { value: next.state, result: { ...next, before: current.value.phase } };
  });
  if (step === undefined) {
    return undefined;
  }
  deps.metrics?.conversationStep(step.before, step.state.phase);
  // The new state's outbox holds this step's effects and any an earlier crash left undone.
  const state =
    (await doOutbox(effectDeps(deps), deps.store.conversations, id, step.state.outbox)) ??
    step.state;
  // Refusals are not in the outbox (they change nothing): they are done here, once, by id.
  await runEffects(
    effectDeps(deps),
    id,
    step.effects.filter((e) => !step.state.outbox.some((o) => o.id === e.id)),
  );
  await deps.store.history.put(state.id, state.day, historyEntry(state));
  await deps.store.setOpen(state, OPEN_PHASES.includes(state.phase));
  return state;
}
