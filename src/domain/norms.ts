import type { Department, Manager, WindowNorms } from './department/department.js';

/** A manager's effective norms: personal over sales mode over the whole department, per window. */
export function resolveNorms(dept: Department, manager: Manager): Record<string, WindowNorms> {
  const layers = [dept.norms.all, dept.norms[manager.mode], manager.norms ?? {}];
  const result: Record<string, WindowNorms> = {};
  for (const layer of layers) {
    for (const [metric, windows] of Object.entries(layer)) {
      result[metric] = { ...result[metric], ...definedOnly(windows) };
    }
  }
  return result;
}

function definedOnly(windows: WindowNorms): WindowNorms {
  return Object.fromEntries(Object.entries(windows).filter(([, value]) => value !== undefined));
}
