import { BATCH_LIMIT, type BatchCommand, type BatchOutcome } from '../bitrix/batch.js';
import type { BitrixClient } from '../bitrix/client.js';
import { BitrixHttpError, type BitrixApiError } from '../bitrix/errors.js';
import type { BitrixCaller } from './chat-port.js';

/** The writes worth gathering: a burst of answers makes many of them at once. */
const GATHERED = new Set(['imbot.v2.Chat.Message.send', 'imbot.v2.Chat.Message.update']);

/**
 * Inside a batch a sub-call's 500 comes back as its error code; it may have run all the
 * same, so for a write it is as unclear as an HTTP 500 (the read-back decides).
 */
const UNCLEAR_CODES = new Set(['INTERNAL_SERVER_ERROR', 'ERROR_UNEXPECTED_ANSWER']);

interface Waiting {
  command: BatchCommand;
  resolve: (answer: { result: unknown }) => void;
  reject: (error: unknown) => void;
}

/**
 * The chat's caller, with sends and card updates gathered into batches: whatever is waiting
 * when the previous batch is done goes out as the sub-calls of one `batch` request (50 at
 * most), each with its own parameters (its own `templateId`) and its own result or error. A
 * lone message goes out at once; under the portal's limit, every message that arrives while
 * a request waits for its slot rides in the next one, so a burst of replies costs a handful of
 * requests, not one per message. One batch at a time keeps each dialog's messages in order.
 * Everything else (reads, the read-back) goes straight to the client.
 */
export function batchedWrites(client: BitrixClient): BitrixCaller {
  let waiting: Waiting[] = [];
  let draining = false;
  const drain = async () => {
    draining = true;
    while (waiting.length > 0) {
      const chunk = waiting.slice(0, BATCH_LIMIT);
      waiting = waiting.slice(BATCH_LIMIT);
      try {
        const outcomes = await client.batch(
          Object.fromEntries(chunk.map((item, index) => [`m${index}`, item.command])),
          { kind: 'write' },
        );
        chunk.forEach((item, index) => settle(item, outcomes[`m${index}`]));
      } catch (error) {
        // The whole request failed: every message in it is as unclear as the request.
        chunk.forEach((item) => item.reject(error));
      }
    }
    draining = false;
  };
  return {
    call(method, params, options) {
      if (options.kind !== 'write' || !GATHERED.has(method)) {
        return client.call(method, params, options);
      }
      return new Promise((resolve, reject) => {
        waiting.push({ command: { method, params }, resolve, reject });
        if (!draining) {
          void drain();
        }
      });
    },
  };
}

function settle(item: Waiting, outcome: BatchOutcome | undefined): void {
  if (outcome === undefined) {
    item.reject(new BitrixHttpError(item.command.method, 'not_json', 200));
  } else if (outcome.ok) {
    item.resolve({ result: outcome.result });
  } else {
    item.reject(unclearOrFinal(outcome.error));
  }
}

function unclearOrFinal(error: BitrixApiError): Error {
  return UNCLEAR_CODES.has(error.code)
    ? new BitrixHttpError(error.method, 'server', undefined, { cause: error, code: error.code })
    : error;
}
