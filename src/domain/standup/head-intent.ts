import { messageKind } from './reading/courtesy.js';

/** What the head's words about one plan mean. */
export type HeadIntent = 'approve' | 'discuss' | 'courtesy' | 'correction';

const APPROVE =
  /^(?:ок|ok|okay|окей|да|yes|утверждаю|утвердить|утверждено|утвердил[а]?|согласен|согласна|согласовано|принято|approved?|agreed|fine|норм|хорошо|годится|пойдет|👍|✅|\+)(?:[\s,.!)]+(?:утверждаю|согласен|согласна|approved?|👍|✅))?[\s.!)👍✅]*$/iu;
const DISCUSS =
  /^(?:на планерк\p{L}*|обсудим(?: на планерке)?|обсудим на встрече|discuss(?: at (?:the )?meeting)?|to the meeting|let'?s discuss)[\s.!]*$/iu;

/**
 * Reads the head's text about a plan: "ок", "утверждаю", "👍" approve it; "на планёрку"
 * sends it to the meeting; thanks change nothing; anything else is a correction for the
 * manager.
 */
export function headIntent(text: string): HeadIntent {
  const plain = text.trim().toLowerCase().replace(/ё/g, 'е');
  if (APPROVE.test(plain)) {
    return 'approve';
  }
  if (DISCUSS.test(plain)) {
    return 'discuss';
  }
  return messageKind(plain) === 'courtesy' ? 'courtesy' : 'correction';
}
