import { describe, expect, it } from 'vitest';
import { readAttach } from '../../../src/emulator/attach.js';

const codeOf = (raw: unknown) => {
  try {
    readAttach(raw);
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

describe('the emulator reads ATTACH as the attachments pages describe it', () => {
  it('accepts the full and the short form, and a JSON string', () => {
    const grid = { GRID: [{ DISPLAY: 'ROW', NAME: 'a', VALUE: 'b' }] };
    expect(codeOf({ ID: 1, COLOR_TOKEN: 'secondary', BLOCKS: [{ MESSAGE: 'x' }, grid] })).toBe(
      'ok',
    );
    expect(codeOf([grid])).toBe('ok');
    expect(codeOf(JSON.stringify([grid]))).toBe('ok');
  });

  it('refuses a wrong shape with ATTACH_ERROR and a long one with ATTACH_OVERSIZE', () => {
    expect(codeOf({ BLOCKS: [] })).toBe('ATTACH_ERROR');
    expect(codeOf([{ MESSAGE: 'x', GRID: [] }])).toBe('ATTACH_ERROR');
    expect(codeOf([{ TABLE: [] }])).toBe('ATTACH_ERROR');
    expect(codeOf([{ GRID: [{ NAME: 'a', VALUE: 'b' }] }])).toBe('ATTACH_ERROR');
    expect(
      codeOf([
        {
          GRID: [
            { DISPLAY: 'ROW', NAME: 'a' },
            { DISPLAY: 'LINE', NAME: 'b' },
          ],
        },
      ]),
    ).toBe('ATTACH_ERROR');
    expect(codeOf({ COLOR_TOKEN: 'pink', BLOCKS: [{ MESSAGE: 'x' }] })).toBe('ATTACH_ERROR');
    expect(codeOf([{ MESSAGE: 'x'.repeat(60_001) }])).toBe('ATTACH_OVERSIZE');
  });
});
