import { dayLabel, type Language } from './format.js';

/** Why a job failed for good, as the edge classified it. */
export type FailureCause =
  /** The portal answered with a refusal no retry changes (a code, and its description). */
  | { kind: 'refused'; code: string; description: string }
  /** The portal did not give a usable answer, however often it was asked. */
  | { kind: 'unreachable'; detail: string; attempts: number }
  /** The configuration does not fit the portal (a field and its problem). */
  | { kind: 'config'; detail: string }
  | { kind: 'other'; detail: string };

/** What a person can do about a refusal, by the portal's code. */
const HINTS: Record<string, { ru: string; en: string }> = {
  NO_AUTH_FOUND: {
    ru: 'вебхук неверен или удалён',
    en: 'the webhook is wrong or was deleted',
  },
  INVALID_CREDENTIALS: {
    ru: 'у владельца вебхука не хватает прав',
    en: "the webhook's owner lacks the rights",
  },
  insufficient_scope: {
    ru: 'у вебхука нет нужного права (scope)',
    en: 'the webhook lacks a scope it needs',
  },
  ACCESS_DENIED: { ru: 'доступ запрещён', en: 'access is denied' },
  PORTAL_DELETED: { ru: 'портал удалён', en: 'the portal was deleted' },
  OVERLOAD_LIMIT: {
    ru: 'портал заблокировал запросы приложения',
    en: "the portal blocked the application's requests",
  },
  BOT_OWNERSHIP_ERROR: {
    ru: 'бот зарегистрирован другим приложением или с другим токеном',
    en: 'the bot belongs to another application or token',
  },
};

function causeWords(cause: FailureCause, lang: Language): string {
  switch (cause.kind) {
    case 'refused': {
      const hint = HINTS[cause.code]?.[lang] ?? cause.description;
      return lang === 'ru'
        ? `портал отказал (${cause.code}${hint ? `: ${hint}` : ''})`
        : `the portal refused (${cause.code}${hint ? `: ${hint}` : ''})`;
    }
    case 'unreachable':
      return lang === 'ru'
        ? `портал не ответил (${cause.detail}) ни на одну из ${cause.attempts} попыток`
        : `the portal did not answer (${cause.detail}) in ${cause.attempts} tries`;
    case 'config':
      return lang === 'ru'
        ? `настройки не подходят: ${cause.detail}`
        : `the configuration does not fit: ${cause.detail}`;
    case 'other':
      return lang === 'ru' ? `ошибка: ${cause.detail}` : `an error: ${cause.detail}`;
  }
}

/** The head's one message when a standup could not be run: what happened and what to do. */
export function standupFailedText(day: string, cause: FailureCause, lang: Language): string {
  const when = dayLabel(day, lang);
  return lang === 'ru'
    ? `Планёрка за ${when} не состоялась: ${causeWords(cause, lang)}. Вопросы менеджерам не отправлены. Администратору: подробности в логах; после исправления — standup-bot standup --now, уже отправленное не повторится.`
    : `The standup for ${when} did not run: ${causeWords(cause, lang)}. No questions were sent. For the administrator: details are in the logs; once fixed, run standup-bot standup --now (nothing already sent is repeated).`;
}

/** A reminder, escalation or deadline check that could not be done. */
export function timerFailedText(timer: string, cause: FailureCause, lang: Language): string {
  const what =
    lang === 'ru'
      ? ({
          reminder: 'напоминание',
          escalation: 'сводка перед планёркой',
          deadline: 'проверка плана',
        }[timer] ?? timer)
      : ({
          reminder: 'a reminder',
          escalation: 'the pre-meeting summary',
          deadline: 'a plan check',
        }[timer] ?? timer);
  return lang === 'ru'
    ? `Не удалось выполнить: ${what} — ${causeWords(cause, lang)}. Подробности в логах.`
    : `Could not do ${what}: ${causeWords(cause, lang)}. Details are in the logs.`;
}

/** An event that failed every time and was set aside. */
export function deadLetterText(author: string, eventId: number, lang: Language): string {
  return lang === 'ru'
    ? `Сообщение от ${author || 'пользователя'} не удалось обработать и оно отложено (событие ${eventId}); остальные обрабатываются. Если это был ответ или решение, повторите его. Администратору: подробности в логах.`
    : `A message from ${author || 'a user'} could not be processed and was set aside (event ${eventId}); the others go on. If it was an answer or a decision, please send it again. For the administrator: details are in the logs.`;
}

/** A stored record that no longer fits (an upgrade, a hand edit) and was set aside. */
export function quarantinedText(
  kind: 'conversation' | 'standup',
  id: string,
  lang: Language,
): string {
  const what =
    lang === 'ru'
      ? kind === 'conversation'
        ? 'сохранённый разговор'
        : 'сохранённую планёрку'
      : kind === 'conversation'
        ? 'a conversation'
        : 'a standup';
  return lang === 'ru'
    ? `Бот не смог прочитать ${what} (${id}) и отложил запись, остальное работает. Администратору: подробности в логах.`
    : `The bot could not read ${what} it had stored (${id}) and set it aside; everything else goes on. For the administrator: details are in the logs.`;
}
