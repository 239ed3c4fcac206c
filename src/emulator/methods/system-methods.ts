import { portalNow } from '../portal-state.js';
import { ALL_SCOPES } from '../scopes.js';
import { formatTime } from '../table.js';
import type { MethodDefinition } from './method.js';

/** `batch` is dispatched on its own, but it is a method of the `basic` scope like these. */
const BATCH: [string, string] = ['batch', 'basic'];

const flag = (value: unknown) => value === true || value === 'true' || value === '1' || value === 1;

/**
 * The common methods of api-reference/common/system/: `scope`, `methods`, `server.time`.
 * `methods` lists the registry it is given (every method the emulator answers), so it cannot
 * drift from what is implemented.
 */
export function systemMethods(
  registry: () => Iterable<[name: string, scope: string]>,
): Record<string, MethodDefinition> {
  const all = () => [...registry(), BATCH];
  return {
    // scope.md: without parameters, the scopes of this application; `full`, every scope.
    scope: {
      scope: 'basic',
      handler(params, { scopes }) {
        const listed = flag(params.full) ? ALL_SCOPES : ALL_SCOPES.filter((s) => scopes.has(s));
        return { result: listed.filter((s) => s !== 'basic').sort() };
      },
    },
    // methods.md: without parameters, the methods available to this application; `scope`, the
    // methods of one scope (empty: the common ones); `full`, every method. Names in lower case,
    // as the example lists them.
    methods: {
      scope: 'basic',
      handler(params, { scopes }) {
        const wanted =
          typeof params.scope === 'string'
            ? (scope: string) => scope === (params.scope === '' ? 'basic' : params.scope)
            : flag(params.full)
              ? () => true
              : (scope: string) => scope === 'basic' || scopes.has(scope);
        return {
          result: all()
            .filter(([, scope]) => wanted(scope))
            .map(([name]) => name.toLowerCase())
            .sort(),
        };
      },
    },
    // server-time.md: "the current server time in the format YYYY-MM-DDThh:mm:ss±hh:mm".
    'server.time': {
      scope: 'basic',
      handler: (_params, { state }) => ({ result: formatTime(portalNow(state), state.zone) }),
    },
  };
}
