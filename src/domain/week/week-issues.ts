import { z } from 'zod';
import type { HistoryEntry } from '../standup/history-entry.js';

export const issueStateSchema = z.enum(['open', 'solved', 'carried', 'dropped']);
export type IssueState = z.infer<typeof issueStateSchema>;

/** One open issue of the weekly meeting: who owns it, by when, where it came from. */
export const issueSchema = z.object({
  /** "1", "2", … within the week. */
  id: z.string(),
  managerId: z.number(),
  managerName: z.string(),
  /** The plan as the manager wrote it (or the lag, when there is no plan). */
  text: z.string(),
  deadline: z.string().optional(),
  /** `meeting`: a plan the head sent to the meeting; `not_held`: a plan that did not hold. */
  origin: z.enum(['meeting', 'not_held']),
  /** The standup day the plan belongs to. */
  originDay: z.string(),
  conversationId: z.string(),
  /** The week it was carried over from, when it was. */
  carriedFrom: z.string().optional(),
  state: issueStateSchema.default('open'),
  /** When the head decided (solved, carried, dropped). */
  decidedAt: z.string().optional(),
});
export type Issue = z.infer<typeof issueSchema>;

export type IssueAction = 'solved' | 'carry' | 'drop';

const STATE_OF: Record<IssueAction, IssueState> = {
  solved: 'solved',
  carry: 'carried',
  drop: 'dropped',
};

/**
 * The week's open issues: last week's carried over (and those left undecided: nothing is
 * lost), then the plans sent to the meeting and the plans that did not hold, each once ever:
 * a conversation already listed in an earlier week is not listed again as new.
 */
export function issuesOfWeek(options: {
  /** History entries of the last weeks (the plans' standups may be before this week). */
  entries: readonly HistoryEntry[];
  /** The working days of this week. */
  days: readonly string[];
  /** Last week's issues with their fate, and its week id. */
  previous?: { weekId: string; issues: readonly Issue[] };
  /** Conversations any earlier week listed. */
  listedBefore: ReadonlySet<string>;
}): Issue[] {
  const { entries, days, previous } = options;
  const first = days[0] ?? '';
  const last = days[days.length - 1] ?? '';
  const carried = (previous?.issues ?? [])
    .filter((i) => i.state === 'carried' || i.state === 'open')
    .map(({ decidedAt: _decided, ...issue }) => ({
      ...issue,
      carriedFrom: previous?.weekId ?? '',
      state: 'open' as const,
    }));
  const seen = new Set([...options.listedBefore, ...carried.map((i) => i.conversationId)]);
  const fresh: Omit<Issue, 'id'>[] = [];
  for (const entry of entries) {
    if (seen.has(entry.conversationId)) {
      continue;
    }
    const inWeek = (day: string | undefined) => day !== undefined && day >= first && day <= last;
    const sent = entry.decision === 'discuss' && inWeek(entry.day);
    const failed =
      entry.outcome === 'not_held' && (inWeek(entry.deadline?.slice(0, 10)) || inWeek(entry.day));
    if (!sent && !failed) {
      continue;
    }
    seen.add(entry.conversationId);
    fresh.push({
      managerId: entry.managerId,
      managerName: entry.managerName,
      text: entry.plan ?? entry.lags.map((l) => l.metric).join(', '),
      ...(entry.deadline === undefined ? {} : { deadline: entry.deadline.slice(0, 10) }),
      origin: sent ? 'meeting' : 'not_held',
      originDay: entry.day,
      conversationId: entry.conversationId,
      state: 'open',
    });
  }
  return [...carried, ...fresh].map((issue, index) => ({ ...issue, id: String(index + 1) }));
}

/** The head's decision on one issue; undefined when there is no such issue. */
export function decideIssue(
  issues: readonly Issue[],
  id: string,
  action: IssueAction,
  at: string,
): Issue[] | undefined {
  if (!issues.some((i) => i.id === id)) {
    return undefined;
  }
  return issues.map((i) => (i.id === id ? { ...i, state: STATE_OF[action], decidedAt: at } : i));
}
