import { EmulatorError } from '../emulator-error.js';
import type { MethodDefinition } from './method.js';

/** The application events an installed application may bind (api-reference/common/events/). */
const KNOWN_EVENTS = new Set(['ONAPPINSTALL', 'ONAPPUNINSTALL', 'ONAPPUPDATE', 'ONAPPPAYMENT']);

function onlyApplications(viaWebhook: boolean) {
  // event-bind.md: "The method works only in the context of application authorization."
  if (viaWebhook) {
    throw new EmulatorError(
      'WRONG_AUTH_TYPE',
      'Current authorization type is denied for this method',
      403,
    );
  }
}

function eventName(value: unknown): string {
  const name = typeof value === 'string' ? value.trim().toUpperCase() : '';
  if (!KNOWN_EVENTS.has(name)) {
    // event-bind.md, "Possible Error Codes".
    throw new EmulatorError('ERROR_EVENT_NOT_FOUND', 'Event not found', 400);
  }
  return name;
}

/**
 * event.bind, event.get, event.unbind (api-reference/events/event-bind.md, event-get.md,
 * event-unbind.md), for the application events the install and uninstall flows send.
 */
export const eventMethods: Record<string, MethodDefinition> = {
  'event.bind': {
    scope: 'basic',
    handler(params, { state, viaWebhook }) {
      onlyApplications(viaWebhook);
      const event = eventName(params.event);
      const handler = typeof params.handler === 'string' ? params.handler.trim() : '';
      if (!/^https?:\/\//.test(handler)) {
        throw new EmulatorError('ERROR_ARGUMENT', 'Handler is not a URL', 400);
      }
      const handlers = state.eventBindings.get(event) ?? [];
      if (!handlers.includes(handler)) {
        handlers.push(handler);
      }
      state.eventBindings.set(event, handlers);
      return { result: true };
    },
  },
  'event.get': {
    scope: 'basic',
    handler(_params, { state, viaWebhook }) {
      onlyApplications(viaWebhook);
      return {
        result: [...state.eventBindings].flatMap(([event, handlers]) =>
          handlers.map((handler) => ({ event, handler, auth_type: '0', offline: 0 })),
        ),
      };
    },
  },
  'event.unbind': {
    scope: 'basic',
    handler(params, { state, viaWebhook }) {
      onlyApplications(viaWebhook);
      const event = eventName(params.event);
      const handlers = state.eventBindings.get(event) ?? [];
      const kept = handlers.filter(
        (handler) => typeof params.handler === 'string' && handler !== params.handler,
      );
      state.eventBindings.set(event, kept);
      return { result: { count: handlers.length - kept.length } };
    },
  },
};
