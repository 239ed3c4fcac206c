import type { ListRead } from './choose-reads.js';
import { fieldValue, rowPasses } from './refinement.js';

/** A listed row as bucketing needs it: whose it is, when (undefined for a snapshot), its fields. */
export interface ListRow {
  managerId: number;
  atMs: number | undefined;
  fields: Readonly<Record<string, unknown>>;
}

interface Slot {
  key: string;
  fromMs: number;
  toMs: number;
}

/**
 * Adds a list's rows to the facts of the buckets it answers: each row goes to every bucket of
 * its manager whose window holds its date (`from` inclusive, `to` exclusive, as the portal's
 * filter), counted or summed per reading, after the reading's own conditions. The buckets
 * start at zero, so a manager without rows has a figure of 0, as a count would say.
 */
export function createBucketer(read: ListRead, facts: Map<string, number>): (row: ListRow) => void {
  const byManager = new Map<
    number,
    { reading: ListRead['readings'][number]['reading']; slots: Slot[] }[]
  >();
  for (const { reading, buckets } of read.readings) {
    for (const bucket of buckets) {
      facts.set(bucket.key, 0);
      const slot = {
        key: bucket.key,
        fromMs: bucket.span === undefined ? -Infinity : Date.parse(bucket.span.from),
        toMs: bucket.span === undefined ? Infinity : Date.parse(bucket.span.to),
      };
      const entries = byManager.get(bucket.managerId) ?? [];
      const entry = entries.find((e) => e.reading === reading);
      if (entry === undefined) {
        entries.push({ reading, slots: [slot] });
      } else {
        entry.slots.push(slot);
      }
      byManager.set(bucket.managerId, entries);
    }
  }
  return (row) => {
    for (const { reading, slots } of byManager.get(row.managerId) ?? []) {
      if (!rowPasses(row.fields, reading.refinement)) {
        continue;
      }
      const value =
        reading.sum === undefined
          ? 1
          : Number(fieldValue(row.fields, reading.sum.field) ?? 0) * reading.sum.scale;
      if (!Number.isFinite(value)) {
        continue;
      }
      const at = row.atMs ?? 0;
      for (const slot of slots) {
        if (row.atMs === undefined || (at >= slot.fromMs && at < slot.toMs)) {
          facts.set(slot.key, (facts.get(slot.key) ?? 0) + value);
        }
      }
    }
  };
}
