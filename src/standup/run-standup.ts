import { DateTime } from 'luxon';
import type { StandupReport } from '../domain/evaluation/report-schema.js';
import type { NewEffect } from '../domain/standup/effects.js';
import { historyEntry } from '../domain/standup/history-entry.js';
import { startConversation, conversationIdOf } from '../domain/standup/start-conversation.js';
import { headDigest, teamTopicsMessage } from '../domain/standup/texts/board-texts.js';
import type { StandupSlot } from '../domain/standup-slot.js';
import { measureStandup } from '../report/measure-standup.js';
import { flushOutbox } from './run-effects.js';
import { tidyUp } from './tidy-up.js';
import {
  contextFor,
  effectDeps,
  languageOf,
  nowIso,
  titleOf,
  type StandupDeps,
} from './service-deps.js';
import type { StandupRecord } from './standup-record.js';
import { atLocalTime } from '../domain/department/local-time.js';

export interface StandupOutcome {
  standupId: string;
  laggards: number;
  questionsSent: number;
  requests: number;
  /** True when this run found the standup already done (a retry, a second instance). */
  resumed: boolean;
}

/**
 * The standup job, idempotent end to end: the report is measured once and kept (a retry reuses
 * it, so figures never shift under a retried job), each laggard's conversation is created once
 * (create-if-absent), and every message goes through the outbox with its id marked when sent.
 */
export async function runStandup(deps: StandupDeps, slot: StandupSlot): Promise<StandupOutcome> {
  const log = deps.log.child({ standupId: slot.standupId });
  let record = (await deps.store.standups.get(slot.standupId))?.value;
  const resumed = record !== undefined;
  if (record === undefined) {
    const report = await measureStandup({
      dept: deps.dept,
      calendar: deps.calendar,
      reader: deps.reader,
      at: deps.now(),
      standupId: slot.standupId,
      onProgress: deps.progress,
      log,
    });
    const created = newRecord(deps, slot, report);
    await deps.store.standups.create(slot.standupId, created);
    record = (await deps.store.standups.get(slot.standupId))?.value ?? created;
    log.info({ laggards: report.laggards.length, requests: report.requests }, 'standup measured');
  }
  let questionsSent = 0;
  const context = contextFor(deps);
  for (const manager of record.report.managers.filter((m) =>
    record.report.laggards.includes(m.managerId),
  )) {
    const id = conversationIdOf(slot.standupId, manager.managerId);
    const step = startConversation(
      { standupId: slot.standupId, day: slot.day, departmentId: deps.dept.id, manager },
      context,
    );
    if (await deps.store.conversations.create(id, step.state)) {
      questionsSent++;
    }
    const state =
      (await flushOutbox(effectDeps(deps), deps.store.conversations, id))?.value ?? step.state;
    await deps.store.setOpen(state, true);
    await deps.store.history.put(id, slot.day, historyEntry(state));
  }
  await flushOutbox(effectDeps(deps), deps.store.standups, slot.standupId);
  await deps.store.setLatestStandupId(slot.standupId);
  const tidied = await tidyUp(deps, slot);
  if (tidied.closed + tidied.pruned > 0) {
    log.info(tidied, 'closed earlier conversations and forgot old history');
  }
  deps.onStandupDone?.(slot.standupId);
  deps.metrics?.standupDone(record.report.laggards.length, questionsSent);
  return {
    standupId: slot.standupId,
    laggards: record.report.laggards.length,
    questionsSent,
    requests: record.report.requests,
    resumed,
  };
}

function newRecord(deps: StandupDeps, slot: StandupSlot, report: StandupReport): StandupRecord {
  const lang = languageOf(deps);
  const titles = titleOf(deps);
  const effects: NewEffect[] = [
    {
      type: 'send',
      dialogId: String(deps.dept.head.userId),
      text: headDigest(report, titles, lang),
    },
  ];
  if (deps.dept.teamChat !== undefined && report.teamTopics.length > 0) {
    effects.push({
      type: 'send',
      dialogId: deps.dept.teamChat,
      text: teamTopicsMessage(report, titles, lang),
    });
  }
  const escalation = deps.dept.reminders.escalation;
  if (escalation.enabled && report.laggards.length > 0) {
    const at = atLocalTime(
      DateTime.fromISO(slot.day, { zone: deps.dept.timeZone }),
      deps.dept.standup.meetingTime,
    ).minus({ minutes: escalation.minutesBeforeMeeting });
    if (at.toMillis() > deps.now().getTime()) {
      effects.push({
        type: 'schedule',
        timer: 'escalation',
        at: at.toISO({ suppressMilliseconds: true }) ?? '',
      });
    }
  }
  return {
    id: slot.standupId,
    day: slot.day,
    runAt: slot.runAt,
    departmentId: deps.dept.id,
    report,
    conversationIds: report.laggards.map((id) => conversationIdOf(slot.standupId, id)),
    escalated: false,
    createdAt: nowIso(deps),
    outbox: effects.map((effect, index) => ({ ...effect, id: `${slot.standupId}-s${index + 1}` })),
    effectSeq: effects.length,
  };
}
