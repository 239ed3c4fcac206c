import { fileURLToPath } from 'node:url';
import { evaluateCorpus, loadCorpus } from './answer-corpus.js';

const fixture = (name: string) =>
  fileURLToPath(new URL(`../test/fixtures/answers/${name}`, import.meta.url));

/**
 * The share of answers read fully right (reason, plan and deadline) and of deadlines right, on
 * the corpus the parser was tuned on and on the held-out set written apart from it.
 */
export function answerFigures(say: (line: string) => void) {
  const figures = Object.fromEntries(
    (['corpus', 'held-out'] as const).map((name) => {
      const { wrong: _wrong, ...shares } = evaluateCorpus(loadCorpus(fixture(`${name}.jsonl`)));
      return [name, shares];
    }),
  );
  say('set      | answers | read fully right | deadlines right | courtesy replaced a plan');
  for (const [name, f] of Object.entries(figures)) {
    say(
      `${name.padEnd(8)} | ${String(f.items).padStart(7)} | ${`${f.fullyRight}%`.padStart(16)} | ${`${f.deadlinesRight}%`.padStart(15)} | ${f.courtesyReplaced}`,
    );
  }
  return figures;
}
