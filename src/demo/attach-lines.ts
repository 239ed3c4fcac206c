/**
 * A message attachment as lines for a terminal: text blocks as they are, a delimiter as a
 * rule, GRID items as "NAME  VALUE" rows with the names padded to one column (BLOCK items as
 * "NAME: VALUE"). Anything else is named by its block type.
 */
export function attachLines(attach: unknown): string[] {
  if (attach === undefined || attach === null) {
    return [];
  }
  const blocks = Array.isArray(attach)
    ? (attach as unknown[])
    : (((attach as { BLOCKS?: unknown }).BLOCKS as unknown[] | undefined) ?? []);
  const lines: string[] = [];
  for (const raw of blocks) {
    const block = raw as Record<string, unknown>;
    if (typeof block.MESSAGE === 'string') {
      lines.push(block.MESSAGE);
    } else if (block.DELIMITER !== undefined) {
      lines.push('─'.repeat(40));
    } else if (Array.isArray(block.GRID)) {
      const items = block.GRID as { NAME?: string; VALUE?: string; DISPLAY?: string }[];
      const width = Math.max(...items.map((i) => (i.NAME ?? '').length));
      for (const item of items) {
        lines.push(
          item.DISPLAY === 'BLOCK' || item.DISPLAY === 'LINE'
            ? `${item.NAME ?? ''}: ${item.VALUE ?? ''}`
            : `${(item.NAME ?? '').padEnd(width)}  ${item.VALUE ?? ''}`,
        );
      }
    } else {
      lines.push(`[${Object.keys(block)[0] ?? '?'}]`);
    }
  }
  return lines;
}
