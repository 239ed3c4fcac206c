import { z } from 'zod';
import type { AttachBlock, ChatAttach, GridItem } from '../standup/attach-schema.js';
import type { Button } from '../standup/conversation-schema.js';
import { escapeBbCode } from '../standup/bbcode.js';
import { amount, dayLabel, spanLabel, type Language } from '../standup/texts/format.js';
import type { Status } from '../evaluation/report-schema.js';
import { issueSchema, type Issue } from './week-issues.js';
import { weekReportSchema, type WeekManager, type WeekPace } from './week-report.js';
import { WEEK_TEXTS } from './week-texts.js';

const planRefSchema = z.object({ managerName: z.string(), plan: z.string().optional() });
const dueSchema = z.object({
  managerId: z.number(),
  name: z.string(),
  done: z.number().optional(),
  last: z.string().optional(),
  isNew: z.boolean().optional(),
});

/** Everything the week's card shows; kept with the card so that a button press redraws it. */
export const weekCardDataSchema = z.object({
  report: weekReportSchema,
  /** "HH:MM" of the meeting. */
  meetingTime: z.string(),
  plans: z.object({
    held: z.array(planRefSchema),
    notHeld: z.array(planRefSchema),
    open: z.array(planRefSchema),
    meeting: z.array(planRefSchema),
  }),
  repeat: z.array(
    z.object({
      managerId: z.number(),
      name: z.string(),
      metric: z.string(),
      days: z.number(),
      twoWeeks: z.boolean(),
    }),
  ),
  issues: z.array(issueSchema),
  oneOnOne: z.array(dueSchema),
  oneOnOnePerMonth: z.number(),
  training: z.array(dueSchema),
});
export type WeekCardData = z.infer<typeof weekCardDataSchema>;

export interface WeekCard {
  text: string;
  attach: ChatAttach;
  keyboard: Button[][];
}

const MARK: Record<Status, string> = { ok: '🟢', watch: '🟡', lag: '🔴' };
const TOKEN: Record<Status, GridItem['COLOR_TOKEN']> = {
  ok: 'primary',
  watch: 'secondary',
  lag: 'alert',
};
/** Buttons for this many issues at most: a longer keyboard is unreadable on a phone. */
const MAX_ISSUE_BUTTONS = 12;

/**
 * The week's card: plan pace, each manager's week with a status mark (as a GRID table in the
 * attachment and as text), the week's plans, repeat laggards, the open issues with buttons,
 * who is due a one-to-one or training. The team chat's card leaves out the people matters and
 * the buttons.
 */
export function weekCard(
  data: WeekCardData,
  titleOf: (metric: string) => string,
  lang: Language,
  audience: 'head' | 'team',
): WeekCard {
  const t = WEEK_TEXTS[lang];
  const r = data.report;
  const span = spanLabel(r.from, r.to, lang);
  const title = (audience === 'head' ? t.title : t.teamTitle)(
    dayLabel(r.day, lang),
    data.meetingTime,
    span,
  );
  const lines: string[] = [title];
  const paceLines = r.plan.map((p) => paceLine(p, lang));
  if (paceLines.length > 0) {
    lines.push('', `[b]${t.plan}[/b]`, ...paceLines);
  }
  lines.push('', `[b]${t.managers}[/b]`);
  lines.push(
    ...r.managers.map(
      (m) => `${markOf(m)} ${escapeBbCode(m.name)}: ${managerLine(m, titleOf, lang)}`,
    ),
  );
  const { held, notHeld, open, meeting } = data.plans;
  lines.push(
    '',
    `[b]${t.plans}:[/b] ${t.plansLine(held.length, notHeld.length, open.length, meeting.length)}`,
  );
  for (const [label, list] of [
    [t.notHeld, notHeld],
    [t.open, open],
    [t.meeting, meeting],
  ] as const) {
    if (list.length > 0) {
      lines.push(`${label}: ${list.map((p) => escapeBbCode(p.managerName)).join(', ')}`);
    }
  }
  lines.push('', `[b]${t.repeat}:[/b]${data.repeat.length === 0 ? ` ${t.none}` : ''}`);
  for (const rep of data.repeat) {
    const why = [
      rep.days > 0 ? t.repeatDays(rep.days, r.workingDays.length) : '',
      rep.twoWeeks ? t.twoWeeks : '',
    ]
      .filter((s) => s !== '')
      .join(', ');
    lines.push(`${escapeBbCode(rep.name)} — ${titleOf(rep.metric)}: ${why}`);
  }
  lines.push('', `[b]${t.issues}:[/b]${data.issues.length === 0 ? ` ${t.none}` : ''}`);
  lines.push(...data.issues.map((issue) => issueLine(issue, lang)));
  if (audience === 'head') {
    if (data.oneOnOne.length > 0) {
      lines.push(
        '',
        `[b]${t.oneOnOne}:[/b] ${data.oneOnOne.map((d) => t.oneOnOneDue(escapeBbCode(d.name), d.done ?? 0, data.oneOnOnePerMonth)).join(', ')}`,
      );
    }
    if (data.training.length > 0) {
      lines.push(
        '',
        `[b]${t.training}:[/b] ${data.training
          .map(
            (d) =>
              `${escapeBbCode(d.name)} (${d.isNew === true ? `${t.trainingNew}, ` : ''}${d.last === undefined ? t.trainingNever : t.trainingLast(dayLabel(d.last, lang))})`,
          )
          .join(', ')}`,
      );
    }
  }
  return {
    text: lines.join('\n'),
    attach: weekAttach(data, titleOf, lang),
    keyboard: audience === 'head' ? weekKeyboard(data, lang) : [],
  };
}

function markOf(m: WeekManager): string {
  return m.notJudged !== undefined && m.figures.length === 0 ? '⚪' : MARK[m.status];
}

function managerLine(m: WeekManager, titleOf: (metric: string) => string, lang: Language): string {
  const t = WEEK_TEXTS[lang];
  if (m.figures.length === 0) {
    return m.notJudged === undefined ? t.noWeekNorms : `${t.notJudged} (${m.notJudged})`;
  }
  return m.figures
    .map(
      (f) =>
        `${titleOf(f.metric)} ${amount(f.fact, f.unit, lang)} ${t.of} ${amount(f.norm, f.unit, lang)}`,
    )
    .join('; ');
}

function paceLine(p: WeekPace, lang: Language): string {
  const t = WEEK_TEXTS[lang];
  const unit = p.target === 'amount' ? 'rub' : 'count';
  const pct = (v: number) => `${Math.round(v * 100)}%`;
  return `${MARK[p.status]} ${t.paceLine(
    p.period === 'week' ? t.period.week : `${t.period[p.period]} ${p.key}`,
    t.targets[p.target],
    amount(p.fact, unit, lang),
    amount(p.plan.realistic, unit, lang),
    `${pct(p.pace.pessimistic)} / ${pct(p.pace.realistic)} / ${pct(p.pace.optimistic)}`,
  )}`;
}

/** "1. [перенесено] Иван Петров: «план» — срок пт 27.11; план не выполнен (стендап 18.11) ✅ решено". */
export function issueLine(issue: Issue, lang: Language): string {
  const t = WEEK_TEXTS[lang];
  const origin = (issue.origin === 'meeting' ? t.fromMeeting : t.fromNotHeld)(
    dayLabel(issue.originDay, lang),
  );
  const deadline =
    issue.deadline === undefined ? t.noDeadline : t.deadline(dayLabel(issue.deadline, lang));
  const state = t.state[issue.state];
  return `${issue.id}. ${issue.carriedFrom === undefined ? '' : `[${t.carried}] `}${escapeBbCode(issue.managerName)}: «${escapeBbCode(issue.text)}» — ${deadline}; ${origin}${state === '' ? '' : ` ${state}`}`;
}

function weekAttach(
  data: WeekCardData,
  titleOf: (metric: string) => string,
  lang: Language,
): ChatAttach {
  const t = WEEK_TEXTS[lang];
  const blocks: AttachBlock[] = [
    { MESSAGE: `[B]${t.managerGridTitle}[/B]` },
    {
      GRID: data.report.managers.map((m) => ({
        DISPLAY: 'ROW' as const,
        NAME: `${markOf(m)} ${escapeBbCode(m.name)}`,
        VALUE: escapeBbCode(managerLine(m, titleOf, lang)),
        ...(m.figures.length === 0 ? {} : { COLOR_TOKEN: TOKEN[m.status] }),
      })),
    },
  ];
  if (data.report.plan.length > 0) {
    blocks.push(
      { DELIMITER: { SIZE: 200, COLOR: '#c6c6c6' } },
      { MESSAGE: `[B]${t.plan}[/B]` },
      {
        GRID: data.report.plan.map((p) => {
          const [name, value] = paceLine(p, lang).split(': ');
          return {
            DISPLAY: 'ROW' as const,
            NAME: name ?? '',
            VALUE: value ?? '',
            COLOR_TOKEN: TOKEN[p.status],
          };
        }),
      },
    );
  }
  return { ID: 1, COLOR_TOKEN: 'secondary', BLOCKS: blocks };
}

function weekKeyboard(data: WeekCardData, lang: Language): Button[][] {
  const t = WEEK_TEXTS[lang].buttons;
  const weekId = data.report.weekId;
  const rows: Button[][] = data.issues
    .filter((i) => i.state === 'open')
    .slice(0, MAX_ISSUE_BUTTONS)
    .map((i) => [
      {
        text: t.solved(i.id),
        command: '/issue',
        params: `${weekId} ${i.id} solved`,
        tone: 'primary',
      },
      { text: t.carry(i.id), command: '/issue', params: `${weekId} ${i.id} carry` },
      { text: t.drop(i.id), command: '/issue', params: `${weekId} ${i.id} drop` },
    ]);
  const firstName = (name: string) => name.split(' ')[0] ?? name;
  const people = [
    ...data.oneOnOne.map((d) => ({
      text: t.oneOnOne(firstName(d.name)),
      command: '/1on1',
      params: `${d.managerId} ${weekId}`,
    })),
    ...data.training.map((d) => ({
      text: t.training(firstName(d.name)),
      command: '/training',
      params: `${d.managerId} ${weekId}`,
    })),
  ];
  for (let i = 0; i < people.length; i += 3) {
    rows.push(people.slice(i, i + 3));
  }
  return rows;
}
