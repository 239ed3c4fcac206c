import { BitrixApiError, BitrixHttpError, isPermanentBitrixError } from '../bitrix/errors.js';
import { ConfigError } from '../config/config-error.js';
import { jobSchemas } from '../jobs/job-schemas.js';
import {
  standupFailedText,
  timerFailedText,
  type FailureCause,
} from '../domain/standup/texts/failure-texts.js';
import { languageOf, type StandupDeps } from '../standup/service-deps.js';

/** An error, classified for the head's message (never the raw stack, never a URL). */
export function failureCause(error: unknown, attempts: number): FailureCause {
  if (error instanceof BitrixApiError && isPermanentBitrixError(error)) {
    return { kind: 'refused', code: error.code, description: error.description };
  }
  if (error instanceof BitrixHttpError) {
    const detail =
      error.reason === 'timeout'
        ? 'timeout'
        : error.status === undefined
          ? error.reason
          : `HTTP ${error.status}${error.code ? ` ${error.code}` : ''}`;
    return { kind: 'unreachable', detail, attempts };
  }
  if (error instanceof BitrixApiError) {
    return { kind: 'unreachable', detail: error.code || `HTTP ${error.status}`, attempts };
  }
  if (error instanceof ConfigError) {
    return { kind: 'config', detail: error.message };
  }
  return { kind: 'other', detail: error instanceof Error ? error.name : 'unknown' };
}

/**
 * A job failed for good (a refusal at once, or every attempt spent): the head is told once,
 * in words, with what an administrator can do. The details stay in the log.
 */
export async function reportFailedJob(
  deps: StandupDeps,
  job: { name: string; data: unknown; attempts: number },
  error: unknown,
): Promise<void> {
  const cause = failureCause(error, job.attempts);
  const lang = languageOf(deps);
  let text: string | undefined;
  if (job.name === 'standup') {
    const payload = jobSchemas.standup.safeParse(job.data);
    text = standupFailedText(payload.success ? payload.data.day : '', cause, lang);
  } else if (job.name === 'timer') {
    const payload = jobSchemas.timer.safeParse(job.data);
    text = timerFailedText(payload.success ? payload.data.timer : job.name, cause, lang);
  }
  if (text === undefined) {
    return;
  }
  await deps.chat.send(String(deps.dept.head.userId), text).catch((sendError: unknown) => {
    deps.log.error({ err: sendError }, 'could not tell the head about a failed job');
  });
}
