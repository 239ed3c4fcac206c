import { describe, expect, it } from 'vitest';
import { planCollection } from '../../../src/domain/collection/collection-plan.js';
import { collectFacts } from '../../../src/report/collect-facts.js';
import { fakeCrmReader } from '../../helpers/fake-crm-reader.js';
import { catalogue, cells, DAY, RUN_AT, WEEK } from '../domain/collection/fixtures.js';

describe('collecting facts', () => {
  it('reads a sum in one opening batch and one more, 50 sub-calls a request', async () => {
    const reader = fakeCrmReader({ rows: 120, fields: { CALL_DURATION: '60' } });
    const plan = planCollection(cells([11], ['talk_minutes'], [DAY, WEEK]), catalogue, RUN_AT);
    const facts = await collectFacts(reader, plan);
    // All 120 rows are dated at the week's start: in the week, not in the day.
    expect(Object.fromEntries(facts)).toEqual({
      '11|talk_minutes|day': 0,
      '11|talk_minutes|week': 120,
    });
    expect(reader.requests()).toBe(2);
    expect(reader.commands.map((c) => c.params?.start)).toEqual([0, 50, 100]);
  });

  it('follows full pages one by one when the portal gives no total, and never guesses a count', async () => {
    const reader = fakeCrmReader({ rows: 120, fields: { CALL_DURATION: '60' }, totals: false });
    const plan = planCollection(cells([11], ['talk_minutes'], [WEEK]), catalogue, RUN_AT);
    const facts = await collectFacts(reader, plan);
    expect(facts.get('11|talk_minutes|week')).toBe(120);
    expect(reader.commands.map((c) => c.params?.start)).toEqual([0, 0, 50, 100]);

    const counts = planCollection(cells([11], ['meetings'], [WEEK]), catalogue, RUN_AT);
    await expect(
      collectFacts(fakeCrmReader({ rows: 120, totals: false }), counts),
    ).rejects.toMatchObject({ code: 'unexpected_response' });
  });

  it('counts what a refused probe would have listed', async () => {
    const reader = fakeCrmReader({ rows: 120, refuseOrdered: true });
    const plan = planCollection(cells([11], ['meetings'], [WEEK]), catalogue, RUN_AT);
    expect(Object.fromEntries(await collectFacts(reader, plan))).toEqual({
      '11|meetings|week': 120,
    });
  });
});
