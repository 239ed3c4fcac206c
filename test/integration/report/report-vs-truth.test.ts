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
import { bitrixCrmReader, type CrmReader } from '../../../src/report/crm-reader.js';
import { measureStandup } from '../../../src/report/measure-standup.js';
import { connectTestRedis, deleteByPrefix, uniquePrefix } from '../../helpers/redis.js';

const redis = connectTestRedis();
const prefix = `${uniquePrefix('truth')}:`;
const RUN_AT = new Date('2026-11-24T08:45:00+03:00');

const ALL = undefined;
/** A webhook without the calendar scope: calendar.accessibility.get is refused. */
const NO_CALENDAR = ['crm', 'user', 'department', 'telephony', 'im', 'imbot'];

describe.each([
  { seed: 7, managers: 10, absencesOn: 'file' as const, portalPeople: false, scopes: ALL },
  { seed: 2026, managers: 6, absencesOn: 'file' as const, portalPeople: false, scopes: ALL },
  // The sick leave only in the portal's calendar: read through calendar.accessibility.get.
  { seed: 7, managers: 10, absencesOn: 'portal' as const, portalPeople: false, scopes: ALL },
  // A vacation known only through im.user.list.get, no calendar to read, and a dismissed
  // manager still in the file.
  { seed: 7, managers: 10, absencesOn: 'file' as const, portalPeople: true, scopes: NO_CALENDAR },
])(
  'the report against the seeded department (seed $seed, $managers managers, absences in the $absencesOn, portal people $portalPeople)',
  ({ seed, managers, absencesOn, portalPeople, scopes }) => {
    const generated = generateDepartment({
      seed,
      managers,
      today: '2026-11-24',
      absencesOn,
      portalPeople,
    });
    const vacationer = generated.truth.vacationer?.managerId;
    let emulator: Emulator;
    let report: StandupReport;
    let reader: CrmReader;
    let stats: () => { requests: number; byMethod: Record<string, number> };

    beforeAll(async () => {
      emulator = await startEmulator({
        populate: generated.populate,
        rateLimit: { burst: 50, perSecond: 50 },
        now: RUN_AT,
        ...(scopes === undefined ? {} : { scopes }),
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
      reader = bitrixCrmReader(client);
      stats = () => client.stats();
      report = await measureStandup({
        dept: generated.department,
        calendar: createCalendar(generated.department),
        reader,
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
      // The vacationer's lags stay in the table, but someone away today is not asked.
      expect([...report.laggards].sort()).toEqual(
        [...new Set(generated.truth.lags.map((l) => l.managerId))]
          .filter((id) => id !== vacationer)
          .sort(),
      );
    });

    it('knows who is away today and who has left only from the portal', () => {
      const truth = generated.truth;
      expect(report.away.map((a) => [a.managerId, a.until])).toEqual(
        truth.vacationer === undefined
          ? []
          : [[truth.vacationer.managerId, truth.vacationer.until]],
      );
      expect(report.notActive.map((m) => [m.userId, m.reason])).toEqual(
        truth.dismissedManager === undefined ? [] : [[truth.dismissedManager, 'dismissed']],
      );
      expect(report.managers.some((m) => m.managerId === truth.dismissedManager)).toBe(false);
    });

    it('reads the people in one batch request, the one the calendar alone used to take', async () => {
      const methods = Object.keys(stats().byMethod);
      for (const method of ['user.get', 'im.user.list.get', 'calendar.accessibility.get']) {
        expect(methods).not.toContain(method);
      }
      const without: CrmReader = { ...reader, people: undefined };
      const before = stats().requests;
      const fileOnly = await measureStandup({
        dept: generated.department,
        calendar: createCalendar(generated.department),
        reader: without,
        at: RUN_AT,
      });
      expect(stats().requests - before).toBe(fileOnly.requests);
      const dismissed = generated.truth.dismissedManager === undefined ? 0 : 1;
      if (dismissed === 0) {
        expect(report.requests).toBe(fileOnly.requests + 1);
      } else {
        // Measuring the dismissed manager too costs the file-only run more, never less.
        expect(report.requests).toBeLessThanOrEqual(fileOnly.requests + 1);
      }
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
