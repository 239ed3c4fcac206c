import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { stringify } from 'yaml';
import { generateDepartment } from '../src/emulator/generator/generate-department.js';
import { privateConversation, type PortalState } from '../src/emulator/portal-state.js';
import { startEmulator, type Emulator } from '../src/emulator/start-emulator.js';

/**
 * A child process of the bench holding many emulated portals, each its own emulator instance
 * on its own port with its own people, bot, chats, 50/2 limit and a fixed answer latency.
 * Generating a month of CRM history takes about 2 s a portal, so the portals of one time zone
 * share one generated history in memory (read-only: the bot never writes to the CRM). Started
 * with `fork(…, [count, managers, dir, latencyMs, day, zones])`; says `{ portals }` when ready
 * and answers `stats` with each portal's requests, refusals and the digests its head got.
 */
const [count, managers, dir, latencyMs, day, zones] = process.argv.slice(2);
const zoneList = (zones ?? 'Europe/Moscow').split(',');
const portals: {
  key: string;
  webhookUrl: string;
  file: string;
  headId: number;
  emulator: Emulator;
}[] = [];
const templates = new Map<
  string,
  { generated: ReturnType<typeof generateDepartment>; state?: PortalState }
>();
for (let i = 0; i < Number(count); i++) {
  const zone = zoneList[i % zoneList.length]!;
  let template = templates.get(zone);
  if (template === undefined) {
    template = {
      generated: generateDepartment({
        seed: templates.size + 1,
        managers: Number(managers),
        today: day!,
        zone,
      }),
    };
    templates.set(zone, template);
  }
  const { generated } = template;
  const shared = template.state;
  const file = join(dir!, `portal-${i}.yaml`);
  writeFileSync(
    file,
    stringify({
      ...generated.file,
      department: { ...generated.file.department, id: 'sales', timezone: zone },
    }),
  );
  const emulator = await startEmulator({
    populate:
      shared === undefined
        ? generated.populate
        : (state) => {
            state.users = new Map(shared.users);
            state.departments = shared.departments;
            state.crm = shared.crm;
            state.calendar = shared.calendar;
          },
    rateLimit: { burst: 50, perSecond: 2 },
    latencyMs: Number(latencyMs),
    zone,
    now: DateTime.fromISO(`${day}T08:45`, { zone }).toJSDate(),
  });
  template.state ??= emulator.control.state;
  portals.push({
    key: `p${String(i).padStart(4, '0')}`,
    webhookUrl: emulator.webhookUrl,
    file,
    headId: generated.department.head.userId,
    emulator,
  });
}
process.send?.({
  portals: portals.map(({ key, webhookUrl, file }) => ({ key, webhookUrl, file })),
});
process.on('message', (message: unknown) => {
  if (message === 'stats') {
    process.send?.({
      stats: portals.map((p) => {
        const stats = p.emulator.control.stats();
        const botId = [...p.emulator.control.state.bots.keys()][0] ?? 0;
        return {
          key: p.key,
          requests: stats.requests,
          refused: (stats.byStatus['503'] ?? 0) + (stats.byStatus['429'] ?? 0),
          digests: p.emulator.control
            .transcript(privateConversation(p.headId, botId))
            .filter((m) => m.authorId === botId).length,
        };
      }),
    });
  }
  if (message === 'stop') {
    void Promise.all(portals.map((p) => p.emulator.close())).then(() => process.exit(0));
  }
});
