import { DateTime } from 'luxon';
import type { PlanTarget } from '../metric-ids.js';
import { escapeBbCode } from '../standup/bbcode.js';
import { amount, type Language } from '../standup/texts/format.js';
import type { MonthReport, MonthTarget, NextMonthPlan } from './month-report.js';

const L = {
  ru: {
    title: (month: string, final: boolean) =>
      final ? `[b]Итоги месяца: ${month}[/b]` : `[b]Месяц ${month} на сегодня[/b]`,
    elapsed: (percent: number) => `Прошло ${percent}% рабочих дней месяца.`,
    team: 'План отдела (пессимистичный / реалистичный / оптимистичный)',
    noPlan: 'Плана на этот месяц в файле нет.',
    targets: { amount: 'Сумма', units: 'Сделки', new_clients: 'Новые клиенты' },
    teamLine: (title: string, fact: string, plan: string, p: string) =>
      `${title}: ${fact} из ${plan} — ${p}`,
    ranking: 'Менеджеры по выполнению плана',
    best: (names: string[], met: boolean) =>
      met
        ? `Отметить на собрании: ${names.join(', ')} — план выполнен. Спасибо!`
        : `Лучший результат месяца: ${names.join(', ')}.`,
    laggards: 'Отстают от плана',
    record: (days: number, made: number, held: number, notHeld: number) =>
      `отставал(а) ${days} дн., планов ${made}, выполнено ${held}, не выполнено ${notHeld}`,
    next: (month: string) => `[b]План на ${month}[/b] (реалистичный)`,
    shared: 'доля плана отдела',
    nextMissing: (month: string) =>
      `Плана на ${month} в файле нет — добавьте его в plan.periods, чтобы утвердить.`,
    approvedStatus: (by: string, at: string) => `✅ План утверждён: ${by}, ${at}`,
    approve: 'Утвердить план',
    approvedReply: (month: string) => `План на ${month} утверждён и записан в историю.`,
    already: (month: string) => `План на ${month} уже утверждён.`,
    notYours: 'Утверждать план месяца может только руководитель отдела.',
    nothingToApprove: (month: string) => `Плана на ${month} в файле нет — утверждать нечего.`,
    warning: (month: string, last: string) =>
      `В файле отдела нет плана на ${month}. Месяц заканчивается ${last}: добавьте план в plan.periods (три версии: сумма, сделки, новые клиенты), чтобы утвердить его на итогах месяца.`,
  },
  en: {
    title: (month: string, final: boolean) =>
      final ? `[b]Month's results: ${month}[/b]` : `[b]Month ${month} so far[/b]`,
    elapsed: (percent: number) => `${percent}% of the month's working days are behind.`,
    team: 'Department plan (pessimistic / realistic / optimistic)',
    noPlan: 'The file has no plan for this month.',
    targets: { amount: 'Amount', units: 'Deals', new_clients: 'New clients' },
    teamLine: (title: string, fact: string, plan: string, p: string) =>
      `${title}: ${fact} of ${plan} — ${p}`,
    ranking: 'Managers by plan fulfilment',
    best: (names: string[], met: boolean) =>
      met
        ? `To mention at the meeting: ${names.join(', ')} — plan met. Thank you!`
        : `Best result of the month: ${names.join(', ')}.`,
    laggards: 'Behind the plan',
    record: (days: number, made: number, held: number, notHeld: number) =>
      `lagged on ${days} days, ${made} plans, ${held} held, ${notHeld} not held`,
    next: (month: string) => `[b]Plan for ${month}[/b] (realistic)`,
    shared: "a share of the department's plan",
    nextMissing: (month: string) =>
      `The file has no plan for ${month}: add it to plan.periods to approve it.`,
    approvedStatus: (by: string, at: string) => `✅ Plan approved: ${by}, ${at}`,
    approve: 'Approve the plan',
    approvedReply: (month: string) => `The plan for ${month} is approved and in the history.`,
    already: (month: string) => `The plan for ${month} is already approved.`,
    notYours: "Only the department's head may approve the month's plan.",
    nothingToApprove: (month: string) => `The file has no plan for ${month}: nothing to approve.`,
    warning: (month: string, last: string) =>
      `The department file has no plan for ${month}. The month ends on ${last}: add the plan to plan.periods (three versions of amount, deals, new clients) to approve it at the month's results.`,
  },
} as const;

export type MonthTexts = (typeof L)['ru'];
export const monthTexts = (lang: Language): MonthTexts => L[lang] as MonthTexts;

/** "ноябрь 2026" / "November 2026". */
export function monthName(key: string, lang: Language): string {
  return DateTime.fromISO(`${key}-01`, { locale: lang === 'ru' ? 'ru' : 'en-GB' }).toFormat(
    'LLLL yyyy',
  );
}

const unitOf = (target: PlanTarget) => (target === 'amount' ? 'rub' : 'count');
const pct = (value: number) => `${Math.round(value * 100)}%`;

function targetLine(t: MonthTarget, lang: Language): string {
  const u = unitOf(t.target);
  const plan = [t.plan.pessimistic, t.plan.realistic, t.plan.optimistic]
    .map((p) => amount(p, u, lang))
    .join(' / ');
  const fulfilment = [t.fulfilment.pessimistic, t.fulfilment.realistic, t.fulfilment.optimistic]
    .map(pct)
    .join(' / ');
  return L[lang].teamLine(L[lang].targets[t.target], amount(t.fact, u, lang), plan, fulfilment);
}

/**
 * The head's monthly card: the month against the plan's three versions, managers ranked by
 * fulfilment with the best named, the laggards with their month's record, next month's plan
 * per manager (or that the file has none). `final` on the month's last working day.
 */
export function monthCardText(report: MonthReport, lang: Language): string {
  const t = L[lang];
  const final = report.elapsed >= 1;
  const lines = [t.title(monthName(report.month, lang), final)];
  if (!final) {
    lines.push(t.elapsed(Math.round(report.elapsed * 100)));
  }
  lines.push('');
  if (report.team.length === 0) {
    lines.push(t.noPlan);
  } else {
    lines.push(`[b]${t.team}:[/b]`, ...report.team.map((x) => `• ${targetLine(x, lang)}`));
  }
  if (report.managers.length > 0) {
    lines.push('', `[b]${t.ranking}:[/b]`);
    for (const m of report.managers) {
      const star = report.best.includes(m.managerId) ? ' ⭐' : '';
      const ranked = m.targets.find((x) => x.target === report.rankedBy);
      const fact =
        ranked === undefined ? '' : ` (${amount(ranked.fact, unitOf(ranked.target), lang)})`;
      lines.push(`${m.rank}. ${escapeBbCode(m.name)} — ${pct(m.fulfilment)}${fact}${star}`);
    }
  }
  const best = report.managers.filter((m) => report.best.includes(m.managerId));
  if (best.length > 0) {
    lines.push(
      '',
      t.best(
        best.map((m) => escapeBbCode(m.name)),
        best.every((m) => m.fulfilment >= 1),
      ),
    );
  }
  if (report.laggards.length > 0) {
    lines.push('', `[b]${t.laggards}:[/b]`);
    for (const l of report.laggards) {
      const r = l.record;
      lines.push(
        `• ${escapeBbCode(l.name)}: ${t.record(r.daysLagging, r.plansMade, r.plansHeld, r.plansNotHeld)}`,
      );
    }
  }
  lines.push('', ...nextMonthLines(report.nextMonth, lang));
  return lines.join('\n');
}

function nextMonthLines(next: NextMonthPlan, lang: Language): string[] {
  const t = L[lang];
  const name = monthName(next.key, lang);
  if (next.missing) {
    return [t.nextMissing(name)];
  }
  const lines = [t.next(name)];
  const team = Object.entries(next.team) as [PlanTarget, MonthTarget['plan']][];
  if (team.length > 0) {
    lines.push(
      `${lang === 'ru' ? 'Отдел' : 'Department'}: ${team.map(([target, plan]) => `${t.targets[target].toLowerCase()} ${amount(plan.realistic, unitOf(target), lang)}`).join(', ')}`,
    );
  }
  for (const m of next.managers) {
    const parts = (Object.entries(m.plan) as [PlanTarget, MonthTarget['plan']][]).map(
      ([target, plan]) =>
        `${t.targets[target].toLowerCase()} ${amount(plan.realistic, unitOf(target), lang)}`,
    );
    lines.push(
      `• ${escapeBbCode(m.name)}: ${parts.join(', ')}${m.personal ? '' : ` (${t.shared})`}`,
    );
  }
  return lines;
}
