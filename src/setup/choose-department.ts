import type { PortalDepartment } from './portal-directory.js';

/**
 * The department `wanted` names: by id ("12"), by its full name (any case), or by a part of
 * the name that only one department has. Otherwise a problem that says what would do.
 */
export function findDepartment(
  departments: readonly PortalDepartment[],
  wanted: string,
): { department: PortalDepartment } | { problem: string } {
  const text = wanted.trim();
  if (/^\d+$/.test(text)) {
    const department = departments.find((d) => d.id === Number(text));
    return department === undefined
      ? { problem: `no department with id ${text} on the portal` }
      : { department };
  }
  const lower = text.toLocaleLowerCase('ru');
  const exact = departments.filter((d) => d.name.trim().toLocaleLowerCase('ru') === lower);
  const partial = departments.filter((d) => d.name.toLocaleLowerCase('ru').includes(lower));
  const matches = exact.length > 0 ? exact : partial;
  if (matches.length === 1 && matches[0] !== undefined) {
    return { department: matches[0] };
  }
  return matches.length === 0
    ? { problem: `no department named "${text}" on the portal` }
    : {
        problem: `"${text}" names ${matches.length} departments (${matches.map((d) => `${d.id} ${d.name}`).join(', ')}): give its id`,
      };
}

/** The company structure as indented lines, "  12  Отдел продаж", parents before children. */
export function departmentTree(departments: readonly PortalDepartment[]): string[] {
  const ids = new Set(departments.map((d) => d.id));
  const children = (parent: number | undefined) =>
    departments
      .filter((d) =>
        parent === undefined ? d.parent === undefined || !ids.has(d.parent) : d.parent === parent,
      )
      .sort((a, b) => a.id - b.id);
  const lines: string[] = [];
  const walk = (parent: number | undefined, depth: number) => {
    for (const department of children(parent)) {
      lines.push(`${String(department.id).padStart(5)}  ${'  '.repeat(depth)}${department.name}`);
      if (depth < 20) {
        walk(department.id, depth + 1);
      }
    }
  };
  walk(undefined, 0);
  return lines;
}
