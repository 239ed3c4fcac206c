import { readFileSync } from 'node:fs';
import type { PortalState } from '../../../src/emulator/portal-state.js';

/** A documented example answer from test/fixtures/bitrix/docs (see its README). */
export function docExample(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(`test/fixtures/bitrix/docs/${name}`, 'utf8')) as Record<
    string,
    unknown
  >;
}

/** Three people in department 1, headed by user 1. */
export function threePeople(state: PortalState): void {
  for (const [id, name] of [
    [1, 'Анна'],
    [11, 'Иван'],
    [12, 'Мария'],
  ] as const) {
    state.users.set(id, {
      id,
      name,
      lastName: 'Петрова',
      email: `u${id}@example.com`,
      active: true,
      departments: [1],
      timeZone: '',
      workPosition: 'manager',
      isBot: false,
    });
  }
  state.departments.set(1, { id: 1, name: 'Продажи', parent: undefined, head: 1 });
}

export interface RestAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** POSTs JSON, as the product's client does, and reads the JSON answer. */
export async function postJson(
  url: string,
  body: Record<string, unknown> = {},
): Promise<RestAnswer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Every `YYYY-MM-DDThh:mm:ss...` string anywhere in a JSON value. */
export function datesIn(value: unknown): string[] {
  if (typeof value === 'string') {
    return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) ? [value] : [];
  }
  if (typeof value === 'object' && value !== null) {
    return Object.values(value).flatMap(datesIn);
  }
  return [];
}
