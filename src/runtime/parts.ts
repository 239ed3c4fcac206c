import type { Logger } from '../lib/logger.js';
import { within } from '../lib/within.js';

/** A started piece and how to stop it: `stop` gets `ms`, then `force` (if any) runs. */
export interface Part {
  name: string;
  ms: number;
  stop: () => Promise<unknown>;
  force?: () => Promise<unknown> | void;
}

export const PART_MS = 2_000;

/**
 * Stops the parts in reverse order of starting, in two waves: everything that takes work in
 * (poller, scheduler, health) and the worker finishing its jobs side by side, then the queue
 * and the connections. Each step is bounded; a step that overruns is forced or left behind.
 */
export async function stopParts(parts: readonly Part[], log: Logger): Promise<boolean> {
  const wave = async (names: (name: string) => boolean) => {
    const results = await Promise.all(
      [...parts]
        .reverse()
        .filter((part) => names(part.name))
        .map(async (part) => {
          const clean = await within(part.stop(), part.ms, (error) =>
            log.warn({ err: error, part: part.name }, 'stopping failed'),
          );
          if (!clean) {
            log.warn({ part: part.name, waitedMs: part.ms }, 'did not stop in time');
            await part.force?.();
          }
          return clean;
        }),
    );
    return results.every(Boolean);
  };
  const first = await wave((name) => !/queue|connection/.test(name));
  const second = await wave((name) => name === 'queue');
  const third = await wave((name) => name.endsWith('connection'));
  return first && second && third;
}
