/**
 * Signs that a piece of an answer is a plan (what I will do) or a reason (what happened).
 * Scores, not rules: a piece is what it has more signs of. Text is lower-cased, "ё" as "е".
 */

/** Future and intention, first person: the strongest sign of a plan. */
const PLAN_STRONG = new RegExp(
  [
    '(?<![\\p{L}])(?:',
    [
      '(?:с|до|пере|по)?дела(?:ю|ем)',
      '(?:по|пере|до|от|об|про|со|на)звон(?:ю|им|юсь|имся)',
      '(?:на|до|за)?бер(?:у|ем)',
      '(?:до|на)гон(?:ю|им|яю)',
      'навер(?:стаю|стаем|стываю)',
      '(?:от|вы|разо?|пере)(?:правлю|шлю)',
      'закро(?:ю|ем)',
      'провед(?:у|ем)',
      'назнач(?:у|им)',
      'доб(?:ью|ьем)',
      'дожм(?:у|ем)',
      'выполн(?:ю|им)',
      'исправл(?:ю|юсь)',
      'подним(?:у|ем)|подтян(?:у|ем)|увелич(?:у|им)|восстановл(?:ю|ю)',
      '(?:по|вы)став(?:лю|им)',
      'займ(?:усь|емся)|возьм(?:у|ем)',
      'буд(?:у|ем)',
      'планиру(?:ю|ем)|постара(?:юсь|емся)|попроб(?:ую|уем)',
      'свяж(?:усь|емся)|напиш(?:у|ем)|(?:от|про)работа(?:ю|ем)',
      'разбер(?:у|ем|усь|емся)|разгреб(?:у|ем)|поед(?:у|ем)|съезж(?:у|ем)|встреч(?:усь|имся)',
      'согласу(?:ю|ем)|подготовл(?:ю|ю)|оформл(?:ю|ю)|запущ(?:у|у)|внес(?:у|ем)|завед(?:у|ем)',
      'обновл(?:ю|ю)|договор(?:юсь|имся)|сосредоточ(?:усь|имся)|сфокусиру(?:юсь|емся)|удел(?:ю|им)',
      'выйд(?:у|ем)|выхож(?:у|у)|выровня(?:ю|ем)|компенсиру(?:ю|ем)|отыгра(?:ю|ем)',
      'пройд(?:усь|емся)|добав(?:лю|им)|предлож(?:у|им)|попрош(?:у|у)|найд(?:у|ем)|начн(?:у|ем)',
      'продолж(?:у|им)|верн(?:усь|емся)|поговор(?:ю|им)|уточн(?:ю|им)|провер(?:ю|им)',
      'перенес(?:у|ем)|сда(?:м|дим)|успе(?:ю|ем)|отзвон(?:юсь|имся)|дозвон(?:юсь|имся)',
      'добер(?:у|ем)|допишу|отвезу|завезу|привезу|покажу|получу|подключу|наберу|выровняю',
      "i'?ll|ill|i will|we'?ll|we will|will|going to|gonna|plan(?:ning)? to|i plan|intend|aim to|let me",
      'catch(?:ing)? up|make (?:up|them up)|back on (?:it|track)|get back',
    ].join('|'),
    ')(?![\\p{L}])',
  ].join(''),
  'u',
);

/** Present first person and infinitives at the start: a plan when nothing says otherwise. */
const PLAN_WEAK =
  /(?<![\p{L}])(?:\p{L}{2,}(?:аю|яю)(?:сь)?|звоню|пишу|работаю|дожимаю|добираю|навёрстываю|прозваниваю|беру|жду|делаю|сажусь|отработаю|(?:calling|sending|logging|booking|working|catching|doing|making|pushing|focusing|following|reaching|rebooking))(?![\p{L}])/u;
const PLAN_START =
  /^(?:\d+\)?\s*)?(?:\p{L}+(?:ть|ться|тись)|обзвон\p{L}*|прозвон\p{L}*|рассылк\p{L}*|холодн\p{L}*|звонки|звонить|call|send|book|switch|rebook|fill|block|push|catch|make|visit|follow|reach|work)(?![\p{L}])/u;

/** A target: "50 звонков", "3 КП", "по 60", "40 calls/day". */
const TARGET =
  /(?:\d+\s*(?:звон\p{L}*|зв\b|встреч\p{L}*|кп|коммерч\p{L}*|сч[её]т\p{L}*|сделк\p{L}*|клиент\p{L}*|контакт\p{L}*|лид\p{L}*|новых|calls?|meetings?|quotes?|proposals?|demos?|leads?|deals?|invoices?|emails?|пис\p{L}*)|(?<![\p{L}])по\s+\d+|\d+\s*(?:\/|в|a|per)\s*(?:день|day|дн))/u;

/** Explicit causes and states of having fallen behind. */
const REASON_STRONG =
  /(?<![\p{L}])(?:потому что|потомучто|из-за|т\.\s?к\.?|тк|так как|because|bc|due to|причин\p{L}*|не было|нет|мало|меньше|не успел\p{L}*|болел\p{L}*|заболел\p{L}*|больничн\p{L}*|отпуск\p{L}*|отгул|был|была|были|было|сломал\p{L}*|завис\p{L}*|легла|висела|отказ\p{L}*|переносят|перенесли|отменили|отменил|не отвечают|не берут|sick|vacation|holiday|was|were|had|didn'?t|did not|couldn'?t|wasn'?t|weren'?t|no leads|broke|down|slipped|lost|cancell?ed|postponed|spent|ate|took|came late|dried up|fell behind|no-shows?|low|weak|too many|not enough|отставани\p{L}*|отстал\p{L}*|отстаю|просел\p{L}*|lag\p{L}*|behind)(?![\p{L}])/u;

/** Past tense by its ending ("уехал", "ушло", "отвалилась"), less certain. */
const PAST_TENSE =
  /(?<![\p{L}])\p{L}{2,}(?:ал|ял|ел|ил|ыл|ул|ла|ли|ло|лся|лась|лись|лось|ed)(?![\p{L}])/gu;
const NOT_PAST = new Set(
  'план канал финал сигнал материал журнал персонал отдел предел стол футбол протокол дела дело число мало цели роли или либо если сила школа тела села нала neede need feed speed indeed need'.split(
    ' ',
  ),
);
const NEGATED = /(?<![\p{L}])(?:не|no|not|never|nobody|никто|ничего)\s+\p{L}+/u;

const RELATIVE_CLAUSE = /,\s*(?:кого|кому|котор\p{L}*|who|whom|which)(?![\p{L}])[^,.;]*/gu;

export interface Cues {
  plan: number;
  reason: number;
  /** A sign of a plan strong enough to treat a follow-up message as a new plan. */
  strongPlan: boolean;
}

/**
 * The signs in a piece of text. `daysAhead` counts the days ahead it names as a limit or in
 * relative words ("к пятнице", "завтра", "на следующей неделе"): a sign of a plan.
 */
export function cuesOf(text: string, daysAhead = 0): Cues {
  // A relative clause describes, it does not tell: "отзвоню всех, кого не успел".
  const lower = text.toLowerCase().replace(/ё/g, 'е').replace(RELATIVE_CLAUSE, '').trim();
  const strongPlan = PLAN_STRONG.test(lower);
  const plan =
    (strongPlan ? 3 : 0) +
    (PLAN_WEAK.test(lower) ? 1 : 0) +
    (PLAN_START.test(lower) ? 1 : 0) +
    (TARGET.test(lower) ? 1 : 0) +
    (daysAhead > 0 ? 2 : 0);
  const past = [...lower.matchAll(PAST_TENSE)].filter((m) => !NOT_PAST.has(m[0])).length;
  const reason =
    (REASON_STRONG.test(lower) ? 3 : 0) + Math.min(past, 2) + (NEGATED.test(lower) ? 1 : 0);
  return { plan, reason, strongPlan };
}

/** Where the first strong sign of a plan stands in `text`, if anywhere. */
export function firstPlanWord(text: string): number | undefined {
  return new RegExp(PLAN_STRONG.source, 'gu').exec(text.toLowerCase().replace(/ё/g, 'е'))?.index;
}

/** Where the last sign of a reason in `text` ends (0 when there is none). */
export function lastReasonEnd(text: string): number {
  const lower = text.toLowerCase().replace(/ё/g, 'е');
  let end = 0;
  for (const pattern of [REASON_STRONG, PAST_TENSE, NEGATED]) {
    for (const m of lower.matchAll(new RegExp(pattern.source, 'gu'))) {
      if (pattern !== PAST_TENSE || !NOT_PAST.has(m[0])) {
        end = Math.max(end, m.index + m[0].length);
      }
    }
  }
  return end;
}
