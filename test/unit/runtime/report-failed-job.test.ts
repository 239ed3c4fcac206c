import { describe, expect, it } from 'vitest';
import { BitrixApiError, BitrixHttpError } from '../../../src/bitrix/errors.js';
import {
  standupFailedText,
  timerFailedText,
} from '../../../src/domain/standup/texts/failure-texts.js';
import { failureCause } from '../../../src/runtime/report-failed-job.js';

describe('telling the head why a job failed', () => {
  it('names a refusal by its code and what it means', () => {
    const cause = failureCause(
      new BitrixApiError(
        'batch',
        'insufficient_scope',
        'The request requires higher privileges',
        403,
      ),
      1,
    );
    expect(cause).toEqual({
      kind: 'refused',
      code: 'insufficient_scope',
      description: 'The request requires higher privileges',
    });
    expect(standupFailedText('2026-11-24', cause, 'ru')).toBe(
      'Планёрка за вт 24.11 не состоялась: портал отказал (insufficient_scope: у вебхука нет нужного права (scope)). Вопросы менеджерам не отправлены. Администратору: подробности в логах; после исправления — standup-bot standup --now, уже отправленное не повторится.',
    );
  });

  it('says how often an unreachable portal was tried', () => {
    const cause = failureCause(
      new BitrixHttpError('batch', 'server', 500, { code: 'INTERNAL_SERVER_ERROR' }),
      8,
    );
    expect(cause).toEqual({
      kind: 'unreachable',
      detail: 'HTTP 500 INTERNAL_SERVER_ERROR',
      attempts: 8,
    });
    expect(standupFailedText('2026-11-24', cause, 'en')).toContain(
      'the portal did not answer (HTTP 500 INTERNAL_SERVER_ERROR) in 8 tries',
    );
    expect(failureCause(new BitrixHttpError('batch', 'timeout', undefined), 3)).toMatchObject({
      detail: 'timeout',
    });
  });

  it('names the timer that failed', () => {
    expect(timerFailedText('deadline', { kind: 'other', detail: 'Error' }, 'ru')).toBe(
      'Не удалось выполнить: проверка плана — ошибка: Error. Подробности в логах.',
    );
  });
});
