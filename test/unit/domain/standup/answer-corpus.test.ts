import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateCorpus, loadCorpus, type Verdict } from '../../../../bench/answer-corpus.js';
import { amendmentOf } from '../../../../src/domain/standup/answer-draft.js';
import { parseAnswer } from '../../../../src/domain/standup/parse-answer.js';

const fixture = (name: string) =>
  fileURLToPath(new URL(`../../../fixtures/answers/${name}`, import.meta.url));
const corpus = loadCorpus(fixture('corpus.jsonl'));
const heldOut = loadCorpus(fixture('held-out.jsonl'));
const show = (wrong: readonly Verdict[]) =>
  wrong.map((v) => `${v.item.id}: ${JSON.stringify(v.reading)}`).join('\n');

describe('the answers corpus (tuned on)', () => {
  const figures = evaluateCorpus(corpus);

  it('holds at least 300 answers in Russian and English', () => {
    expect(corpus.items.length).toBeGreaterThanOrEqual(300);
    expect(corpus.items.some((i) => /[a-z]{4}/i.test(JSON.stringify(i.say)))).toBe(true);
  });

  it('reads at least 95% of answers fully right and 95% of deadlines right', () => {
    expect(figures.fullyRight, show(figures.wrong)).toBeGreaterThanOrEqual(95);
    expect(figures.deadlinesRight, show(figures.wrong)).toBeGreaterThanOrEqual(95);
  });

  it('never lets thanks, "ок", an emoji or a question after the plan replace it', () => {
    expect(figures.courtesyReplaced).toBe(0);
  });
});

describe('the held-out answers (written apart, never tuned on)', () => {
  const figures = evaluateCorpus(heldOut);

  it('reads at least 95% of their deadlines as a person would', () => {
    expect(heldOut.items.length).toBeGreaterThanOrEqual(60);
    expect(figures.deadlinesRight, show(figures.wrong)).toBeGreaterThanOrEqual(95);
  });

  it('lets no courtesy message replace a plan', () => {
    expect(figures.courtesyReplaced).toBe(0);
    const plan = { reason: 'болел', plan: 'сделаю 50 звонков', deadline: '2026-12-04' };
    const courtesies = [...corpus.items, ...heldOut.items].flatMap((item) => {
      const messages = typeof item.say === 'string' ? [item.say] : item.say;
      return item.kind === 'courtesy' || item.after === 'courtesy' ? [messages.at(-1) ?? ''] : [];
    });
    expect(courtesies.length).toBeGreaterThan(20);
    for (const text of courtesies) {
      expect(
        amendmentOf(plan, parseAnswer(text, undefined, '2026-12-02', heldOut.rules)),
        text,
      ).toBe(undefined);
    }
  });
});
