import { existsSync } from 'node:fs';
import { DateTime } from 'luxon';
import { loadDepartment } from '../config/load-config.js';
import { createCalendar } from '../domain/calendar.js';
import { missingParts, partsOf } from '../domain/standup/answer-draft.js';
import { deadlineRules } from '../domain/standup/deadline-rules.js';
import { parseAnswer, type ParsedAnswer } from '../domain/standup/parse-answer.js';
import { weekdayRules, type DeadlineRules } from '../domain/standup/parse-deadline.js';
import { dayLabel, type Language } from '../domain/standup/texts/format.js';
import { EXIT_CONFIG, EXIT_FAILURE, EXIT_OK, type CliIo, type Command } from './command.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export const parseAnswerCommand: Command = {
  name: 'parse-answer',
  summary: "Show how the bot reads managers' answers, one per line on standard input",
  usage:
    'standup-bot parse-answer [--json] [--today YYYY-MM-DD] [--lang ru|en] [--config <department.yaml>] < answers.txt',
  details: [
    'Each line is one answer; a line that starts with a double quote is a JSON string',
    '(for answers with line breaks: "Причина: болел\\nПлан: 50 звонков").',
    '--json prints one object per line: {"reason", "plan", "deadline" (YYYY-MM-DD), "missing"}.',
    "--today is the day the answers were written (default: today in the department's zone);",
    '--config names the department file whose calendar and deadline limit apply (default:',
    'DEPARTMENT_FILE or config/department.yaml; without one, Monday to Friday, 30 days);',
    '--lang is the language of the plain output.',
  ].join('\n'),
  options: {
    config: {
      type: 'string',
      short: 'c',
      description: 'the department file (default: DEPARTMENT_FILE, config/department.yaml)',
    },
    today: {
      type: 'string',
      description:
        "the day the answers were written, YYYY-MM-DD (default: today in the department's zone)",
    },
    lang: { type: 'string', description: "ru or en (default: the department's language)" },
    json: {
      type: 'boolean',
      description: 'one JSON object per answer: reason, plan, deadline, missing',
    },
  },
  async run(values, io) {
    const lang = values.lang as string | undefined;
    const today = values.today as string | undefined;
    if (
      (lang !== undefined && lang !== 'ru' && lang !== 'en') ||
      (today !== undefined && !DAY.test(today))
    ) {
      io.err('--lang takes ru or en; --today takes a date as YYYY-MM-DD');
      return EXIT_CONFIG;
    }
    const setup = readerSetup(values.config as string | undefined, io);
    const day = today ?? DateTime.now().setZone(setup.rules.zone).toISODate() ?? '';
    const language = lang ?? setup.language;
    let failed = false;
    let number = 0;
    for await (const line of io.stdin?.() ?? []) {
      number++;
      const text = answerOf(line);
      if (text === undefined) {
        io.err(`line ${number}: a line that starts with " must be a JSON string`);
        failed = true;
        continue;
      }
      if (text.trim() === '') {
        continue;
      }
      const parsed = parseAnswer(text, undefined, day, setup.rules);
      io.out(
        values.json === true
          ? JSON.stringify(asJson(parsed))
          : describe(text, parsed, language, setup.rules),
      );
    }
    return failed ? EXIT_FAILURE : EXIT_OK;
  },
};

function answerOf(line: string): string | undefined {
  if (!line.startsWith('"')) {
    return line;
  }
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The department's calendar, or Monday to Friday in the machine's zone when there is no file. */
function readerSetup(
  file: string | undefined,
  io: CliIo,
): { rules: DeadlineRules; language: Language } {
  const path = file ?? io.env.DEPARTMENT_FILE ?? 'config/department.yaml';
  if (file === undefined && !existsSync(path)) {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    io.err(
      `No department file (${path}): Monday to Friday in ${zone}, deadlines up to 30 days ahead.`,
    );
    return { rules: weekdayRules(zone), language: 'ru' };
  }
  const dept = loadDepartment(path);
  return { rules: deadlineRules(dept, createCalendar(dept)), language: dept.language };
}

function asJson(parsed: ParsedAnswer) {
  const parts = partsOf(parsed);
  return {
    reason: parts.reason ?? null,
    plan: parts.plan ?? null,
    deadline: parts.deadline ?? null,
    missing: missingParts(parts),
  };
}

const WORDS = {
  ru: {
    reason: 'Причина',
    plan: 'План',
    deadline: 'Срок',
    missing: 'Не хватает',
    parts: { reason: 'причины', plan: 'плана', deadline: 'срока' },
    moved: (named: string) => `названо ${named} — выходной, срок на следующий рабочий день`,
    past: 'дата уже прошла — бот переспросит',
    tooFar: (days: number) => `дальше ${days} дней — бот переспросит`,
    kind: {
      courtesy: 'Благодарность или подтверждение: не ответ, план не меняет',
      question: 'Вопрос к боту: не ответ',
      nonanswer: '«Не знаю»: не ответ',
    },
  },
  en: {
    reason: 'Reason',
    plan: 'Plan',
    deadline: 'Deadline',
    missing: 'Missing',
    parts: { reason: 'the reason', plan: 'the plan', deadline: 'the deadline' },
    moved: (named: string) => `${named} named, a day off: moved to the next working day`,
    past: 'already past — the bot asks again',
    tooFar: (days: number) => `more than ${days} days ahead — the bot asks again`,
    kind: {
      courtesy: 'Thanks or an acknowledgement: not an answer, changes no plan',
      question: 'A question to the bot: not an answer',
      nonanswer: '"I don\'t know": not an answer',
    },
  },
} as const;

function describe(
  text: string,
  parsed: ParsedAnswer,
  lang: Language,
  rules: DeadlineRules,
): string {
  const w = WORDS[lang];
  const quoted = text.length > 70 ? `${text.slice(0, 69)}…` : text;
  const lines = [`«${quoted.replace(/\n/g, ' ⏎ ')}»`];
  if (parsed.kind !== 'answer') {
    return [...lines, `  ${w.kind[parsed.kind]}`].join('\n');
  }
  for (const part of ['reason', 'plan'] as const) {
    if (parsed[part] !== undefined) {
      lines.push(`  ${w[part]}: ${parsed[part]?.replace(/\n/g, ' ⏎ ')}`);
    }
  }
  if (parsed.deadline !== undefined) {
    const moved =
      parsed.deadlineMovedFrom === undefined
        ? ''
        : ` (${w.moved(dayLabel(parsed.deadlineMovedFrom, lang))})`;
    lines.push(`  ${w.deadline}: ${dayLabel(parsed.deadline, lang)}${moved}`);
  } else if (parsed.deadlineProblem !== undefined) {
    lines.push(
      `  ${w.deadline}: ${parsed.deadlineProblem === 'past' ? w.past : w.tooFar(rules.maxDays)}`,
    );
  }
  const missing = missingParts(partsOf(parsed));
  if (missing.length > 0) {
    lines.push(`  ${w.missing}: ${missing.map((m) => w.parts[m]).join(', ')}`);
  }
  return lines.join('\n');
}
