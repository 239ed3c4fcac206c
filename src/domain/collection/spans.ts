/** A span of time, `to` exclusive, as ISO 8601 with the department's offset. */
export interface Span {
  from: string;
  to: string;
}

/** The smallest span holding every bucket's span; undefined for snapshot buckets. */
export function spanHull(buckets: readonly { span: Span | undefined }[]): Span | undefined {
  let hull: Span | undefined;
  for (const { span } of buckets) {
    if (span === undefined) {
      continue;
    }
    hull =
      hull === undefined
        ? { ...span }
        : {
            from: Date.parse(span.from) < Date.parse(hull.from) ? span.from : hull.from,
            to: Date.parse(span.to) > Date.parse(hull.to) ? span.to : hull.to,
          };
  }
  return hull;
}

/** Whether a list over `outer` holds every row of `inner` (a snapshot only holds a snapshot). */
export function covers(outer: Span | undefined, inner: Span | undefined): boolean {
  if (outer === undefined || inner === undefined) {
    return outer === inner;
  }
  return (
    Date.parse(outer.from) <= Date.parse(inner.from) && Date.parse(inner.to) <= Date.parse(outer.to)
  );
}
