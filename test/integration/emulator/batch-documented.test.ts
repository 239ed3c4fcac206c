import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../src/emulator/start-emulator.js';
import type { PortalState } from '../../../src/emulator/portal-state.js';
import { shapeDifferences } from '../../helpers/json-shape.js';
import { docExample, postJson, threePeople } from './emulator-http.js';

// settings/how-to-call-rest-api/batch.md in bitrix24/b24restdocs.
function portal(state: PortalState) {
  threePeople(state);
  state.departments.set(2, { id: 2, name: 'Логистика', parent: 1, head: undefined });
  state.departments.set(3, { id: 3, name: 'Бухгалтерия', parent: 1, head: undefined });
}

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ populate: portal, rateLimit: false });
});
afterAll(async () => emulator.close());

const batch = async (body: Record<string, unknown>) => {
  const answer = await postJson(`${emulator.webhookUrl}batch`, body);
  return { status: answer.status, result: answer.body.result as Record<string, unknown> };
};

describe('batch as its page describes it', () => {
  it('runs the "Linked Calls" example: $result[get_user][UF_DEPARTMENT][0] is the user’s department', async () => {
    const { status, result } = await batch({
      halt: 0,
      cmd: {
        get_user: 'user.current',
        get_department: 'department.get?ID=$result[get_user][UF_DEPARTMENT][0]',
      },
    });
    expect(status).toBe(200);
    // WORK_POSITION: user/user-current.md's example; UF_HEAD: departments/department-fields.md.
    const extraKeys = ['WORK_POSITION', 'UF_HEAD'];
    expect(shapeDifferences(result, docExample('batch.json').result, { extraKeys })).toEqual([]);
    expect((result.result as Record<string, unknown>).get_department).toEqual([
      { ID: '1', NAME: 'Продажи', SORT: 500, UF_HEAD: '1' },
    ]);
    expect(result.result_total).toEqual({ get_department: 1 });
  });

  it('takes list results by index, $result[key][0][ID], inside a longer value too', async () => {
    const { result } = await batch({
      cmd: {
        children: 'department.get?PARENT=1',
        first: 'department.get?ID=$result[children][0][ID]',
        named: 'department.get?NAME=Отдел $result[children][0][ID]',
      },
    });
    expect((result.result as Record<string, unknown[]>).first).toHaveLength(1);
    expect(result.result_error).toEqual([]);
  });

  it.each([
    ['a missing field', 'department.get?ID=$result[get_user][UF_NOPE][0]'],
    ['an index past the end', 'department.get?ID=$result[get_user][UF_DEPARTMENT][5]'],
    ['an unknown key', 'department.get?ID=$result[nobody][ID]'],
    ['an array inside a text', 'department.get?NAME=x$result[get_user][UF_DEPARTMENT]'],
  ])('fails the sub-call on %s instead of widening its query to every row', async (_name, cmd) => {
    // The docs are silent here; see src/emulator/batch-references.ts for the choice.
    const { result } = await batch({
      halt: 0,
      cmd: { get_user: 'user.current', get_department: cmd },
    });
    expect(result.result).not.toHaveProperty('get_department');
    expect(result.result_error).toEqual({
      get_department: {
        error: 'INVALID_ARG_VALUE',
        error_description: expect.stringContaining('does not resolve') as string,
      },
    });
  });

  it('ends every sub-call beyond 50 with ERROR_BATCH_LENGTH_EXCEEDED, after running 50', async () => {
    // The page's note: "subqueries beyond the limit will end with an error
    // ERROR_BATCH_LENGTH_EXCEEDED" (its table's whole-call 400 is the other reading; see
    // src/emulator/batch.ts and test/unit/bitrix/doc-variants.test.ts).
    const cmd = Object.fromEntries(Array.from({ length: 52 }, (_, i) => [`k${i}`, 'user.current']));
    const { status, result } = await batch({ halt: 0, cmd });
    expect(status).toBe(200);
    expect(Object.keys(result.result as object)).toHaveLength(50);
    const overflow = {
      error: 'ERROR_BATCH_LENGTH_EXCEEDED',
      error_description: 'Max batch length exceeded',
    };
    expect(result.result_error).toEqual({ k50: overflow, k51: overflow });
  });
});
