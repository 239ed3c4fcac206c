import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBitrixClient } from '../../../src/bitrix/client.js';
import { resolveBitrixAuth } from '../../../src/config/env-schema.js';
import { parseEnv } from '../../../src/config/load-config.js';
import { createCalendar } from '../../../src/domain/calendar.js';
import type { StandupReport } from '../../../src/domain/evaluation/report-schema.js';
import { generateDepartment } from '../../../src/emulator/generator/generate-department.js';
import { startEmulator, type Emulator } from '../../../src/emulator/start-emulator.js';
import { createLogger } from '../../../src/lib/logger.js';
import { createSecrets } from '../../../src/lib/secrets.js';
import { bitrixCrmReader } from '../../../src/report/crm-reader.js';
import { measureStandup } from '../../../src/report/measure-standup.js';
import { connectTestRedis, deleteByPrefix, uniquePrefix } from '../../helpers/redis.js';

const redis = connectTestRedis();
const prefix = `${uniquePrefix('truth')}:`;
const RUN_AT = new Date('2026-11-24T08:45:00+03:00');

describe.each([
  { seed: 7, managers: 10, absencesOn: 'file' as const },
  { seed: 2026, managers: 6, absencesOn: 'file' as const },
  // The sick leave only in the portal's calendar: read through calendar.accessibility.get.
  { seed: 7, managers: 10, absencesOn: 'portal' as const },
])(
  'the report against the seeded department (seed $seed, $managers managers, absences in the $absencesOn)',
  ({ seed, managers, absencesOn }) => {
    const generated = generateDepartment({ seed, managers, today: '2026-11-24', absencesOn });
    let emulator: Emulator;
    let report: StandupReport;

    beforeAll(async () => {
      emulator = await startEmulator({
        populate: generated.populate,
        rateLimit: { burst: 50, perSecond: 50 },
        now: RUN_AT,
      });
      const auth = resolveBitrixAuth(parseEnv({ BITRIX_WEBHOOK_URL: emulator.webhookUrl }));
      const client = createBitrixClient({
        auth: auth!,
        redis,
        keyPrefix: `${prefix}${seed}-${absencesOn}:`,
        rateLimit: { burst: 50, perSecond: 50 },
        timeoutMs: 10_000,
        log: createLogger({ level: 'silent', format: 'json', secrets: createSecrets() }),
        secrets: createSecrets(),
      });
      report = await measureStandup({
        dept: generated.department,
        calendar: createCalendar(generated.department),
        reader: bitrixCrmReader(client),
        at: RUN_AT,
      });
    }, 60_000);

    afterAll(async () => {
      await emulator.close();
    });

    it('names exactly the managers and metrics the seed made lag, and nobody else', () => {
      const found = report.managers
        .flatMap((m) =>
          [...new Set(m.lags.map((f) => f.metric))].map((metric) => `${m.managerId}:${metric}`),
        )
        .sort();
      const expected = generated.truth.lags.map((l) => `${l.managerId}:${l.metric}`).sort();
      expect(found).toEqual(expected);
      expect([...report.laggards].sort()).toEqual(
        [...new Set(generated.truth.lags.map((l) => l.managerId))].sort(),
      );
    });

    it('raises the team-wide problem once, as a team topic', () => {
      expect([...new Set(report.teamTopics.map((t) => t.metric))]).toEqual(
        generated.truth.teamTopics,
      );
    });

    it('does not judge the absent manager on the day he was away, and prorates the rest', () => {
      const absent = report.managers.find((m) => m.managerId === generated.truth.absentManager);
      expect(absent?.figures.some((f) => f.window === 'day')).toBe(false);
      expect(
        absent?.figures.find((f) => f.metric === 'meetings' && f.window === 'week')?.norm,
      ).toBe(6);
      expect(absent?.lags).toEqual([]);
      const hired = report.managers.find((m) => m.managerId === generated.truth.hiredManager);
      expect(hired?.lags).toEqual([]);
    });

    it('measured with batched counts: requests within 10% of ceil(count cells / 50) plus the scans', () => {
      expect(report.requests).toBeGreaterThan(0);
      expect(report.requests).toBeLessThan(40);
    });
  },
);

afterAll(async () => {
  await deleteByPrefix(redis, prefix);
  await redis.quit();
});
