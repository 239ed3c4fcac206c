import { describe, expect, it } from 'vitest';
import { renderBbCode } from '../../../src/demo/render-bbcode.js';

describe('terminal rendering of BB-code', () => {
  it.each([
    [
      '[b]Звонки[/b] за вчера: 12 из 40',
      'Звонки за вчера: 12 из 40',
      '\u001b[1mЗвонки\u001b[0m за вчера: 12 из 40',
    ],
    [
      '[user=11]Иван Петров[/user], привет[br]вторая строка',
      '@Иван Петров, привет\nвторая строка',
      null,
    ],
    ['[url=https://x.example/]карточка[/url]', 'карточка <https://x.example/>', null],
    ['[size=12][color=#ff0000]важно[/color][/size]', 'важно', null],
    ['>>цитата', '│ цитата', null],
  ])('%s', (input, plain, colored) => {
    expect(renderBbCode(input, { color: false })).toBe(plain);
    if (colored !== null) {
      expect(renderBbCode(input, { color: true })).toBe(colored);
    }
  });
});
