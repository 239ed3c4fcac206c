/**
 * What a message is besides an answer: thanks, "ок", an emoji, a greeting, a question back to
 * the bot, or an "I don't know". Words are compared lower-cased with "ё" as "е".
 */
export type MessageKind = 'answer' | 'courtesy' | 'question' | 'nonanswer';

/** Words that on their own only acknowledge, thank or greet ("Спасибо, буду стараться"). */
const COURTESY = new Set(
  (
    'спасибо спс спасиб сенкс благодарю большое огромное вам тебе вас тебя ок окей окей ок ok okay k kk кк ' +
    'все всё хорошо хоршо понял поняла понятно ясно принял приняла принято договорились угу ага да ладно отлично ' +
    'супер класс норм буду будем стараться постараюсь исправлюсь учту иметь в виду ввиду что напомнили ' +
    'за доброе утро добрый день вечер привет здравствуйте всем коллеги и ' +
    'thanks thank you thx ty tnx much a lot so very got it noted will do sure cool great fine good ' +
    'morning hi hello hey the for heads up reminder understood roger alright all right'
  ).split(' '),
);

/** A message that says "I don't know" and nothing else. */
const NON_ANSWER =
  /^(?:не знаю|хз|без понятия|не помню|сложно сказать|затрудняюсь(?: ответить)?|не понял[аи]?(?: вопрос)?|не понятно|непонятно|в смысле|(?:чуть )?позже(?: отвечу| напишу)?|попозже|отвечу позже|напишу позже|don'?t know|dunno|no idea|not sure|idk|what do you mean|(?:i )?don'?t understand|(?:i'?ll answer )?later)$/u;

/** A tag at the end that does not make a statement a question: "догоню к пятнице, ок?" */
const TAG_QUESTION =
  /[,\s]+(?:ок|окей|ok|okay|норм|нормально|пойдет|годится|хорошо|так|да|fine|alright|right|sound good|is that ok)\s*\?+\s*$/u;

export function lowerWords(text: string): string[] {
  return (
    text
      .toLowerCase()
      .replace(/ё/g, 'е')
      .match(/[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu) ?? []
  );
}

/** True when every word only thanks, acknowledges or greets (or there are no words but emoji). */
export function isCourtesy(text: string): boolean {
  const words = lowerWords(text);
  if (words.length === 0) {
    return /[\p{Extended_Pictographic}+!]/u.test(text) && !text.includes('?');
  }
  return words.length <= 10 && words.every((w) => COURTESY.has(w));
}

/** Sentences, for telling a question from a statement. */
function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/u)
    .map((s) => s.trim())
    .filter((s) => /\p{L}/u.test(s));
}

const PLANISH =
  /(?:сделаю|буду|догоню|наверстаю|позвоню|наберу|отправлю|закрою|i'?ll|will |going to)/u;

/**
 * What kind of message this is. A question is a message that opens or ends with one and says
 * nothing like a plan outside it ("а можно я завтра отвечу? сейчас на встрече"); a trailing
 * "ок?" does not make a statement a question.
 */
export function messageKind(text: string): MessageKind {
  const trimmed = text.trim().replace(TAG_QUESTION, '');
  if (isCourtesy(trimmed)) {
    return 'courtesy';
  }
  const words = lowerWords(trimmed).join(' ');
  if (NON_ANSWER.test(words) || NON_ANSWER.test(words.replace(/^(?:ну|да|ой|честно)\s+/u, ''))) {
    return 'nonanswer';
  }
  const all = sentences(trimmed);
  const isQuestion = (s: string) => /\?[\s\p{Extended_Pictographic})]*$/u.test(s);
  const statements = all.filter((s) => !isQuestion(s));
  const asks = all.length > 0 && (isQuestion(all[0] ?? '') || isQuestion(all.at(-1) ?? ''));
  if (asks && statements.every((s) => !PLANISH.test(s.toLowerCase()))) {
    return 'question';
  }
  return 'answer';
}
