import { arrayish, asRecord, EmulatorError } from './emulator-error.js';

/** attachments/index.md: "Maximum size of serialized ATTACH: 60,000 characters". */
const MAX_ATTACH_CHARS = 60_000;
const BLOCK_TYPES = ['MESSAGE', 'LINK', 'USER', 'GRID', 'IMAGE', 'FILE', 'DELIMITER'];
const DISPLAYS = ['BLOCK', 'LINE', 'ROW', 'TABLE'];
const COLOR_TOKENS = ['primary', 'secondary', 'alert', 'base'];

const bad = (why: string) => new EmulatorError('ATTACH_ERROR', `attach: ${why}`);

/**
 * Reads an attachment as the attachments pages describe it: the full form
 * `{ ID, COLOR_TOKEN, COLOR, BLOCKS: [...] }` or the short form (the array of blocks), a JSON
 * string of either accepted too. Every block has exactly one key naming its type; a GRID is a
 * non-empty array of items, each with a DISPLAY of BLOCK, LINE, ROW or TABLE and one display
 * format per GRID (the grid page's warning). Too long: ATTACH_OVERSIZE; any other wrong shape:
 * ATTACH_ERROR. Returns the attachment as stored (the parsed value).
 */
export function readAttach(raw: unknown): unknown {
  let value: unknown = raw;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      throw bad('not valid JSON');
    }
  }
  if (JSON.stringify(value).length > MAX_ATTACH_CHARS) {
    throw new EmulatorError('ATTACH_OVERSIZE', 'attach: longer than 60000 characters');
  }
  const short = arrayish(value);
  const full = short === undefined ? asRecord(value) : undefined;
  const blocks = short ?? arrayish(full?.BLOCKS);
  if (blocks === undefined || blocks.length === 0) {
    throw bad('expected BLOCKS, a non-empty array of blocks');
  }
  if (
    full?.COLOR_TOKEN !== undefined &&
    !COLOR_TOKENS.includes(typeof full.COLOR_TOKEN === 'string' ? full.COLOR_TOKEN : '')
  ) {
    throw bad(`COLOR_TOKEN must be one of ${COLOR_TOKENS.join(', ')}`);
  }
  // Stored as the docs show it, whatever encoding carried it (form-encoded arrays arrive as maps).
  const normalized = blocks.map((block, index) => checkBlock(asRecord(block), index));
  return full === undefined ? normalized : { ...full, BLOCKS: normalized };
}

function checkBlock(block: Record<string, unknown>, index: number): Record<string, unknown> {
  const keys = Object.keys(block);
  if (keys.length !== 1 || !BLOCK_TYPES.includes(keys[0] ?? '')) {
    throw bad(`block ${index} must have exactly one key of ${BLOCK_TYPES.join(', ')}`);
  }
  if (keys[0] !== 'GRID') {
    return block;
  }
  const items = arrayish(block.GRID);
  if (items === undefined || items.length === 0) {
    throw bad(`block ${index}: GRID must be a non-empty array`);
  }
  const displays = new Set<string>();
  items.forEach((raw, i) => {
    const item = asRecord(raw);
    const display = typeof item.DISPLAY === 'string' ? item.DISPLAY : '';
    if (!DISPLAYS.includes(display)) {
      throw bad(`block ${index}: GRID item ${i} needs DISPLAY of ${DISPLAYS.join(', ')}`);
    }
    if (item.NAME === undefined && item.VALUE === undefined) {
      throw bad(`block ${index}: GRID item ${i} has neither NAME nor VALUE`);
    }
    displays.add(display);
  });
  if (displays.size > 1) {
    throw bad(`block ${index}: one GRID mixes the display formats ${[...displays].join(', ')}`);
  }
  return { GRID: items };
}
