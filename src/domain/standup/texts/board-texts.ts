import { DateTime } from 'luxon';
import type { LargeDeal } from '../../evaluation/large-deals.js';
import type {
  Figure,
  ManagerReport,
  PlanPace,
  StandupReport,
  TeamTopic,
} from '../../evaluation/report-schema.js';
import { escapeBbCode } from '../bbcode.js';
import type { Conversation } from '../conversation-schema.js';
import { amount, dayLabel, figureLine, spanLabel, type Language } from './catalogue.js';
import { awayLine, notActiveLine } from './people-lines.js';

type TitleOf = (metric: string) => string;

const L = {
  ru: {
    digestTitle: (day: string, judged: string) => `[b]Планёрка ${day}[/b] — итоги ${judged}`,
    asking: 'Спрашиваю причину и план',
    nobody: 'Все в норме — вопросов никому нет.',
    topics: 'Общие темы для планёрки',
    topicLine: (title: string, lagging: number, judged: number, fact: string, norm: string) =>
      `${title}: ниже нормы у ${lagging} из ${judged} (команда ${fact} из ${norm})`,
    plan: 'План',
    pace: (key: string, target: string, fact: string, plan: string, pace: number) =>
      `${key}, ${target}: ${fact} из ${plan}, темп ${pace}%`,
    targets: { amount: 'сумма', units: 'сделки', new_clients: 'новые клиенты' },
    fine: (n: number, total: number) => `В норме: ${n} из ${total}.`,
    largeDeals: 'Крупные сделки без движения',
    largeDeal: (deal: string, sum: string, who: string, since: string | undefined) =>
      `${deal} — ${sum}, ${who}, ${since === undefined ? 'дел не было' : `без активности с ${since}`}`,
    notJudged: 'Не оцениваются',
    team: (day: string) => `Коллеги, общие темы к планёрке ${day}:`,
    escalation: (names: string[]) =>
      `К планёрке не ответили: ${names.join(', ')}. Поздние ответы я всё равно приму.`,
    help: {
      head: 'Я веду «планёрку за 5 минут»: каждое утро сверяю цифры с нормами и спрашиваю только тех, кто отстаёт.\nПланы приходят вам карточками: «Утвердить», «Поправить» или «На планёрку». «ок все» — утвердить все ждущие планы.\n/status — доска дня.\n/month — итоги месяца.',
      manager:
        'Я спрашиваю причину, план и срок, когда цифры ниже нормы. Отвечайте свободно, можно одним сообщением.\n/mine — ваши цифры и планы.',
      stranger:
        'Я бот планёрки отдела продаж и работаю с его сотрудниками. Если вы из отдела, попросите руководителя добавить вас в настройки.',
    },
    noOpenQuestion: 'Сейчас вопросов к вам нет. /mine — ваши цифры.',
    status: (day: string) => `[b]Доска ${day}[/b]`,
    phase: {
      asked: 'ждёт ответа',
      answered: 'ждёт вашего решения',
      correcting: 'ждёт вашей правки',
      revising: 'правит план',
      approved: 'утверждено',
      discuss: 'на планёрку',
      held: 'выполнено',
      not_held: 'не выполнено',
    },
    mine: 'Ваши цифры',
    myPlans: 'Ваши планы',
    noPlans: 'Открытых планов нет.',
    noReport: 'Цифр за сегодня ещё нет.',
  },
  en: {
    digestTitle: (day: string, judged: string) => `[b]Standup ${day}[/b] — results of ${judged}`,
    asking: 'Asking for a reason and a plan',
    nobody: 'Everyone is on norm — no questions today.',
    topics: 'Team topics for the meeting',
    topicLine: (title: string, lagging: number, judged: number, fact: string, norm: string) =>
      `${title}: below norm for ${lagging} of ${judged} (team ${fact} of ${norm})`,
    plan: 'Plan',
    pace: (key: string, target: string, fact: string, plan: string, pace: number) =>
      `${key}, ${target}: ${fact} of ${plan}, pace ${pace}%`,
    targets: { amount: 'amount', units: 'deals', new_clients: 'new clients' },
    fine: (n: number, total: number) => `On norm: ${n} of ${total}.`,
    largeDeals: 'Large deals standing still',
    largeDeal: (deal: string, sum: string, who: string, since: string | undefined) =>
      `${deal} — ${sum}, ${who}, ${since === undefined ? 'no activity ever' : `no activity since ${since}`}`,
    notJudged: 'Not judged',
    team: (day: string) => `Colleagues, team topics for the ${day} meeting:`,
    escalation: (names: string[]) =>
      `No answer before the meeting from: ${names.join(', ')}. Late answers are still accepted.`,
    help: {
      head: 'I run the 5-minute standup: every morning I compare the figures with the norms and ask only those who lag.\nPlans reach you as cards: Approve, Correct or Discuss at meeting. "ok all" approves every waiting plan.\n/status — today\'s board.\n/month — the month\'s results.',
      manager:
        'When figures are below norm I ask for the reason, a plan and a deadline. Answer freely, one message is fine.\n/mine — your figures and plans.',
      stranger:
        "I am the sales standup bot and work with the department's people. If you are in the team, ask the head to add you.",
    },
    noOpenQuestion: 'No questions for you right now. /mine shows your figures.',
    status: (day: string) => `[b]Board ${day}[/b]`,
    phase: {
      asked: 'waiting for an answer',
      answered: 'waiting for your decision',
      correcting: 'waiting for your correction',
      revising: 'revising',
      approved: 'approved',
      discuss: 'to the meeting',
      held: 'held',
      not_held: 'did not hold',
    },
    mine: 'Your figures',
    myPlans: 'Your plans',
    noPlans: 'No open plans.',
    noReport: 'No figures for today yet.',
  },
} as const;

export type BoardTexts = (typeof L)['ru'];
export const boardTexts = (lang: Language): BoardTexts => L[lang] as BoardTexts;

const WINDOW_SHORT: Record<Language, Record<string, string>> = {
  ru: {
    half_day: 'полдня',
    day: 'день',
    three_days: '3 дня',
    week: 'неделя',
    month: 'месяц',
    plan_month: 'план месяца',
    now: 'сейчас',
  },
  en: {
    half_day: 'half day',
    day: 'day',
    three_days: '3 days',
    week: 'week',
    month: 'month',
    plan_month: 'month plan',
    now: 'now',
  },
};

/** "Встречи: день 0/2, неделя 0/10": one metric with all its lagging windows. */
function lagsByMetric(figures: readonly Figure[], titleOf: TitleOf, lang: Language): string {
  return [...new Set(figures.map((f) => f.metric))]
    .map((metric) => {
      const windows = figures
        .filter((f) => f.metric === metric)
        .map(
          (f) =>
            `${WINDOW_SHORT[lang][f.window] ?? f.window} ${amount(f.fact, f.unit, lang)}/${amount(f.norm, f.unit, lang)}`,
        );
      return `${titleOf(metric)}: ${windows.join(', ')}`;
    })
    .join('; ');
}

/**
 * The head's morning digest: who is asked and why, team topics, the plan, who is fine, who is
 * away today (one line, not counted as fine), and once, whom the file lists but the portal
 * does not have as an active employee.
 */
export function headDigest(report: StandupReport, titleOf: TitleOf, lang: Language): string {
  const t = L[lang];
  const byId = new Map(report.managers.map((m) => [m.managerId, m]));
  const lines = [t.digestTitle(dayLabel(report.day, lang), dayLabel(report.judgedDay, lang)), ''];
  if (report.laggards.length === 0) {
    lines.push(t.nobody);
  } else {
    lines.push(`[b]${t.asking}:[/b]`);
    for (const id of report.laggards) {
      const m = byId.get(id);
      lines.push(`• ${m?.name ?? id} — ${lagsByMetric(m?.lags ?? [], titleOf, lang)}`);
    }
  }
  if (report.teamTopics.length > 0) {
    lines.push(
      '',
      `[b]${t.topics}:[/b]`,
      ...report.teamTopics.map((topic) => `• ${topicLine(topic, titleOf, lang)}`),
    );
  }
  const team = report.plan.filter((p) => p.scope === 'team' && p.period === 'month');
  if (team.length > 0) {
    lines.push('', `[b]${t.plan}:[/b]`, ...team.map((p) => `• ${paceLine(p, lang)}`));
  }
  if (report.largeDeals.length > 0) {
    lines.push(
      '',
      `[b]${t.largeDeals}:[/b]`,
      ...report.largeDeals.map((deal) => `• ${largeDealLine(deal, byId, lang)}`),
    );
  }
  const awayToday = new Set(report.away.map((a) => a.managerId));
  const here = report.managers.filter((m) => !awayToday.has(m.managerId));
  const judged = here.filter((m) => m.notJudged === undefined);
  lines.push('', t.fine(judged.filter((m) => m.lags.length === 0).length, judged.length));
  const unjudged = here.filter((m) => m.notJudged !== undefined);
  if (unjudged.length > 0) {
    lines.push(
      `${t.notJudged}: ${unjudged.map((m) => `${m.name} (${m.notJudged ?? ''})`).join(', ')}.`,
    );
  }
  const footer = [awayLine(report, lang), notActiveLine(report, lang)];
  lines.push(...footer.filter((line): line is string => line !== undefined));
  return lines.join('\n');
}

/** "Поставка станков — 2,4 млн ₽, Иван Петров, без активности с 20.11", the title a link. */
function largeDealLine(
  deal: LargeDeal,
  managers: ReadonlyMap<number, ManagerReport>,
  lang: Language,
): string {
  const title = escapeBbCode(deal.title === '' ? `#${deal.id}` : deal.title, 120);
  const link = deal.url === undefined ? title : `[URL=${deal.url}]${title}[/URL]`;
  const sum =
    deal.currency === 'RUB'
      ? amount(deal.amount, 'rub', lang)
      : `${amount(deal.amount, 'count', lang)} ${escapeBbCode(deal.currency, 8)}`;
  const since =
    deal.lastActivity === null
      ? undefined
      : DateTime.fromISO(deal.lastActivity, { setZone: true }).toFormat('dd.MM');
  return L[lang].largeDeal(
    link,
    sum,
    escapeBbCode(managers.get(deal.managerId)?.name ?? String(deal.managerId), 100),
    since,
  );
}

export function topicLine(topic: TeamTopic, titleOf: TitleOf, lang: Language): string {
  const span = `${titleOf(topic.metric)} (${WINDOW_SHORT[lang][topic.window] ?? topic.window})`;
  return L[lang].topicLine(
    span,
    topic.managerIds.length,
    topic.judged,
    amount(topic.teamFact, topic.unit, lang),
    amount(topic.teamNorm, topic.unit, lang),
  );
}

function paceLine(p: PlanPace, lang: Language): string {
  const unit = p.target === 'amount' ? 'rub' : 'count';
  return L[lang].pace(
    p.key,
    L[lang].targets[p.target],
    amount(p.fact, unit, lang),
    amount(p.plan.realistic, unit, lang),
    Math.round(p.pace.realistic * 100),
  );
}

/** The team topics, once, for the group chat: no names, no mass mentions. */
export function teamTopicsMessage(report: StandupReport, titleOf: TitleOf, lang: Language): string {
  return [
    L[lang].team(dayLabel(report.day, lang)),
    ...report.teamTopics.map((topic) => `• ${topicLine(topic, titleOf, lang)}`),
  ].join('\n');
}

/** The head's /status: every conversation of the day and where it stands. */
export function statusBoard(
  day: string,
  conversations: readonly Conversation[],
  lang: Language,
): string {
  const t = L[lang];
  if (conversations.length === 0) {
    return `${t.status(dayLabel(day, lang))}\n${t.nobody}`;
  }
  return [
    t.status(dayLabel(day, lang)),
    ...conversations.map(
      (c) =>
        `• ${c.managerName}: ${t.phase[c.phase]}${c.answer.deadline === undefined ? '' : `, ${dayLabel(c.answer.deadline, lang)}`}`,
    ),
  ].join('\n');
}

/** A manager's /mine: his figures in the last report and his open plans. */
export function myBoard(
  manager: ManagerReport | undefined,
  plans: readonly Conversation[],
  titleOf: TitleOf,
  lang: Language,
): string {
  const t = L[lang];
  const figures =
    manager === undefined
      ? [t.noReport]
      : manager.figures.map(
          (f) =>
            `${f.status === 'lag' ? '❗' : f.status === 'watch' ? '•' : '✓'} ${figureLine(f, titleOf(f.metric), lang)}`,
        );
  const open =
    plans.length === 0
      ? [t.noPlans]
      : plans.map(
          (c) =>
            `• ${t.phase[c.phase]}${c.answer.deadline === undefined ? '' : `, ${dayLabel(c.answer.deadline, lang)}`}${c.answer.plan === undefined ? '' : `: ${escapeBbCode(c.answer.plan, 300)}`}`,
        );
  return [`[b]${t.mine}[/b]`, ...figures, '', `[b]${t.myPlans}[/b]`, ...open].join('\n');
}

export { spanLabel };
