import type { DateMention } from './date-mentions.js';

/** Filler, greetings and apologies that open a piece of an answer and say nothing of it. */
const LEAD_NOISE =
  /^(?:короче|кароче|ну|в общем|вобщем|слушайте|смотрите|так вот|такая ситуация|ситуация такая|да блин|блин|да|well|ok so|okay so|anyway|привет|добрый (?:день|вечер)|доброе утро|здравствуйте|hi|hello|hey|good morning|простите|извините|сорри|sorry(?: for the delay)?|my bad|apologies|ок|ok|окей|okay|спасибо|thanks|happy holidays)(?![\p{L}])[\s,.:;!)—–-]*/iu;
/** Words that join a plan to what came before: "поэтому завтра сделаю". */
const LEAD_CONNECTOR =
  /^(?:поэтому|так что|и|а|но|зато|однако|so|and|but|therefore|hence)(?![\p{L}])[\s,]*/iu;
/** Words that only announce a cause: "потому что вчера болел". */
const LEAD_CAUSE =
  /^(?:потому что|потомучто|так как|т\.\s?к\.?|тк|because|bc|причина в том,? что|дело в том,? что|the reason is(?: that)?)(?![\p{L}])[\s,]*/iu;

/** How many characters of noise open `text` (filler, greetings, apologies). */
export function noiseLength(text: string): number {
  let length = 0;
  for (let guard = 0; guard < 5; guard++) {
    const match = LEAD_NOISE.exec(text.slice(length));
    if (match === null || match[0].length === 0) {
      break;
    }
    length += match[0].length;
  }
  return length;
}

/** How many characters open a plan ("поэтому") or a reason ("потому что") and can go. */
export function joinerLength(text: string, part: 'reason' | 'plan'): number {
  return (part === 'plan' ? LEAD_CONNECTOR : LEAD_CAUSE).exec(text)?.[0].length ?? 0;
}

/** Words that may stand next to a date without adding anything to it: "срок — до пятницы". */
const DEADLINE_WORDS = new Set(
  (
    'срок сроки дедлайн до к ко в во на по с числа включительно ориентир ориентировочно примерно ' +
    'около максимум крайний не позднее позже думаю наверное точно уже утром вечером днем днём ' +
    'deadline due eta by until till on the in at latest max around approx approximately ' +
    'от и and or или следующий следующая следующую следующей следующем след эту этот эта этой ' +
    'next this coming'
  ).split(' '),
);

/** True when a piece of text is nothing but a deadline: "к пятнице", "Срок: 3.12", "by Dec 4". */
export function isDeadlineOnly(text: string, mentions: readonly DateMention[]): boolean {
  if (mentions.length === 0) {
    return false;
  }
  let rest = text;
  for (const m of [...mentions].sort((a, b) => b.index - a.index)) {
    rest = rest.slice(0, m.index) + ' ' + rest.slice(m.end);
  }
  const words = rest.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.every((w) => DEADLINE_WORDS.has(w));
}
