/**
 * The department a standup, conversation or timer id belongs to: the longest department id
 * that begins it, followed by "-" (so "sales-msk-…" is sales-msk's, not sales').
 */
export function departmentOfId(id: string, departmentIds: readonly string[]): string | undefined {
  return departmentIds
    .filter((dept) => id.startsWith(`${dept}-`))
    .sort((a, b) => b.length - a.length)[0];
}
