import { describe, expect, it } from 'vitest';
import { refinementOf, rowPasses } from '../../../../src/domain/collection/refinement.js';

describe('refinements', () => {
  it.each([
    ['an equal filter', { A: 1 }, { A: 1 }, {}],
    ['equality and a numeric bound', { B: '200' }, { B: '200', C: 1, '>D': 0 }, { C: 1, '>D': 0 }],
    ['a flag', { S: 'S' }, { S: 'S', R: 'N' }, { R: 'N' }],
    ['a list of ids', {}, { '@T': [1, 2] }, { '@T': [1, 2] }],
    ['a changed base condition', { A: 1 }, { A: 2, B: 1 }, undefined],
    ['a missing base condition', { A: 1 }, { B: 1 }, undefined],
    ['a text match', {}, { '%SUBJECT': 'Замер' }, undefined],
    ['free text', {}, { PROVIDER_ID: 'CRM_TODO' }, undefined],
    ['a negation', {}, { '!TYPE_ID': 2 }, undefined],
    ['a bound on text', {}, { '>SUBJECT': 'a' }, undefined],
  ])('%s', (_name, base, filter, expected) => {
    expect(refinementOf(base, filter)).toEqual(expected);
  });

  it('tests rows as the portal filters them, whatever the spelling of values and names', () => {
    const call = { CALL_TYPE: '1', CALL_DURATION: '35', CALL_FAILED_CODE: '200' };
    expect(rowPasses(call, { CALL_TYPE: 1, '>CALL_DURATION': 0 })).toBe(true);
    expect(rowPasses({ ...call, CALL_DURATION: '0' }, { '>CALL_DURATION': 0 })).toBe(false);
    expect(rowPasses({ ...call, CALL_DURATION: null }, { '<=CALL_DURATION': 10 })).toBe(false);
    expect(rowPasses(call, { call_type: 2 })).toBe(false);
    expect(rowPasses({ isReturnCustomer: 'N' }, { isReturnCustomer: 'N' })).toBe(true);
    expect(rowPasses({ isReturnCustomer: false }, { isReturnCustomer: 'N' })).toBe(true);
    expect(rowPasses({ isReturnCustomer: 'Y' }, { isReturnCustomer: 'N' })).toBe(false);
    expect(rowPasses({ TYPE_ID: '2' }, { '@TYPE_ID': [1, 2] })).toBe(true);
    expect(rowPasses({ TYPE_ID: '' }, { TYPE_ID: 0 })).toBe(false);
  });
});
