import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { BitrixResponseError } from '../../../src/bitrix/errors.js';
import {
  activityRowSchema,
  botEventsSchema,
  callRowSchema,
  itemRowSchema,
  parseAnswer,
  parseRows,
} from '../../../src/bitrix/schemas.js';

const fixture = (name: string) =>
  JSON.parse(readFileSync(`test/fixtures/bitrix/docs/${name}`, 'utf8')) as Record<string, unknown>;

describe('response schemas', () => {
  it('read the documented crm.activity.list row, strings and all', () => {
    const [row] = parseRows(
      'crm.activity.list',
      activityRowSchema,
      fixture('crm-activity-list.json').result as unknown[],
    );
    expect(row).toMatchObject({
      ID: 20,
      TYPE_ID: 2,
      DIRECTION: 2,
      COMPLETED: true,
      RESPONSIBLE_ID: 505,
      PROVIDER_ID: 'VOXIMPLANT_CALL',
      START_TIME: '2020-09-27T13:25:00+03:00',
    });
  });

  it('read the documented Event.get page', () => {
    expect(
      parseAnswer('imbot.v2.Event.get', botEventsSchema, fixture('imbot-v2-event-get.json').result),
    ).toEqual({
      events: [
        { eventId: 1001, type: 'ONIMBOTV2MESSAGEADD', date: '2025-01-15T10:30:00+01:00', data: {} },
      ],
      nextOffset: 1002,
      hasMore: false,
    });
  });

  it.each([
    [
      'crm.item.list',
      itemRowSchema,
      {
        id: '7',
        assignedById: '11',
        stageSemanticId: 'S',
        opportunity: '19999.99',
        isReturnCustomer: 'N',
      },
      { id: 7, assignedById: 11, opportunity: 19999.99, isReturnCustomer: false },
    ],
    [
      'voximplant.statistic.get',
      callRowSchema,
      {
        ID: '1',
        PORTAL_USER_ID: '11',
        CALL_TYPE: '1',
        CALL_DURATION: '95',
        CALL_FAILED_CODE: '200',
        CALL_START_DATE: '2026-11-23T10:00:00+03:00',
      },
      { ID: 1, CALL_DURATION: 95, CALL_TYPE: 1 },
    ],
  ])('tolerate %s quirks', (method, schema, row, expected) => {
    expect(parseRows(method, schema as z.ZodType<unknown>, [row])[0]).toMatchObject(expected);
  });

  it('name the method and the field when a row does not fit', () => {
    const error = (() => {
      try {
        parseRows('crm.item.list', itemRowSchema, [{ id: 1 }, { id: 'x' }]);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(BitrixResponseError);
    expect((error as Error).message).toMatch(/crm\.item\.list .*unexpected_response: \[1\]\.id/);
  });
});
