import { parseBotEvent } from '../chat/bot-event.js';
import { departmentOfId } from '../domain/department/department-of-id.js';
import { mayDecide } from '../domain/department/may-decide.js';
import { route, type ConversationSummary, type Route } from '../domain/standup/route.js';
import { answerTexts } from '../domain/standup/texts/answer-texts.js';
import type { InboxEvent } from '../store/event-inbox.js';
import { openSummaries } from './open-summaries.js';
import { applyRoute, processEvent, toInput } from './process-event.js';
import { runEffects } from './run-effects.js';
import { effectDeps, languageOf, type StandupDeps } from './service-deps.js';

interface Candidate {
  deps: StandupDeps;
  decision: Route;
  open: ConversationSummary[];
}

/**
 * One bot event of a portal whose bot serves several departments: it goes to the department
 * of its sender. A manager is in one department only; a head (or deputy) of several is
 * answered per department by what he pressed or replied to: a button carries its plan's id,
 * which begins with its department's; a reply to a card finds the department that sent it.
 * Plain words go where a plan waits for them (a correction asked for first); with plans
 * waiting in several departments the bot asks whose, naming them all; "ок все" approves in
 * every department; /status shows every department's board.
 */
export async function processPortalEvent(
  departments: readonly StandupDeps[],
  raw: InboxEvent,
): Promise<void> {
  const first = departments[0];
  if (first === undefined) {
    return;
  }
  if (departments.length === 1) {
    return processEvent(first, raw);
  }
  const input = toInput(parseBotEvent(raw));
  if (input === undefined) {
    return processEvent(first, raw);
  }
  const mine = departments.filter(
    (d) =>
      mayDecide(d.dept.head, input.userId) ||
      d.dept.managers.some((m) => m.userId === input.userId),
  );
  if (mine.length <= 1) {
    return processEvent(mine[0] ?? first, raw);
  }
  if (input.kind === 'command') {
    const param = input.params.trim().split(/\s+/)[0] ?? '';
    const owner = departmentOfId(
      param,
      mine.map((d) => d.dept.id),
    );
    const deps = mine.find((d) => d.dept.id === owner);
    if (deps !== undefined) {
      return processEvent(deps, raw);
    }
  }
  const candidates: Candidate[] = await Promise.all(
    mine.map(async (deps) => {
      const open = await openSummaries(deps, input.userId);
      return { deps, open, decision: route(input, deps.dept, open) };
    }),
  );
  const tag = (c: Candidate) => `-${c.deps.dept.id}`;
  if (input.kind === 'text' && input.replyTo !== undefined) {
    const card = candidates.find((c) => c.open.some((o) => o.headCardMessageId === input.replyTo));
    if (card !== undefined) {
      return applyRoute(card.deps, input, card.decision);
    }
  }
  const toPlans = candidates.filter(
    (c) => c.decision.to === 'conversations' && c.decision.ids.length > 0,
  );
  if (toPlans.some((c) => c.decision.to === 'conversations' && c.decision.bulk)) {
    for (const c of toPlans) {
      await applyRoute(c.deps, input, c.decision, tag(c));
    }
    return;
  }
  const correcting = toPlans.find((c) =>
    c.open.some(
      (o) =>
        o.phase === 'correcting' &&
        c.decision.to === 'conversations' &&
        c.decision.ids.includes(o.id),
    ),
  );
  const chosen = correcting ?? (toPlans.length === 1 ? toPlans[0] : undefined);
  if (chosen !== undefined) {
    return applyRoute(chosen.deps, input, chosen.decision);
  }
  if (toPlans.length > 1) {
    const names = toPlans.flatMap((c) =>
      c.open
        .filter((o) => c.decision.to === 'conversations' && c.decision.ids.includes(o.id))
        .map((o) => `${o.managerName} (${c.deps.dept.name})`),
    );
    const deps = toPlans[0]!.deps;
    await runEffects(effectDeps(deps), `event-${input.eventId}`, [
      {
        type: 'send',
        id: `event-${input.eventId}-reply`,
        dialogId: input.dialogId,
        text: answerTexts(languageOf(deps)).whichPlan(names),
      },
    ]);
    return;
  }
  const boards = candidates.filter((c) => c.decision.to === 'status');
  if (boards.length > 0) {
    for (const c of boards) {
      await applyRoute(c.deps, input, c.decision, tag(c));
    }
    return;
  }
  const c = candidates[0]!;
  await applyRoute(c.deps, input, c.decision);
}
