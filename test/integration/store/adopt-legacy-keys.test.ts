import { afterAll, describe, expect, it } from 'vitest';
import { adoptLegacyKeys } from '../../../src/store/adopt-legacy-keys.js';
import { createStandupStore } from '../../../src/standup/standup-store.js';
import { connectTestRedis, deleteByPrefix, uniquePrefix } from '../../helpers/redis.js';

const redis = connectTestRedis();
const prefix = `${uniquePrefix('adopt')}:`;
afterAll(async () => {
  await deleteByPrefix(redis, prefix);
  await redis.quit();
});

describe('keys of a one-department deployment, before departments had their own', () => {
  it('move once to the department whose id begins the latest standup, and read the same', async () => {
    const legacy = createStandupStore(redis, prefix);
    await legacy.setLatestStandupId('sales-msk-20261124');
    await legacy.setOpen({ id: 'sales-msk-20261124-11', managerId: 11 }, true);
    await redis.hset(`${prefix}history:entries`, 'sales-msk-20261124-11', '{}');
    await redis.zadd(`${prefix}history:index`, 20261124, 'sales-msk-20261124-11');

    expect(await adoptLegacyKeys(redis, prefix, ['sales', 'sales-msk'])).toEqual({
      departmentId: 'sales-msk',
      moved: 4,
    });
    const msk = createStandupStore(redis, prefix, { departmentId: 'sales-msk' });
    expect(await msk.latestStandupId()).toBe('sales-msk-20261124');
    expect(await msk.openIds()).toEqual(['sales-msk-20261124-11']);
    expect(await redis.zrange(`${prefix}dept:sales-msk:history:index`, 0, -1)).toEqual([
      'sales-msk-20261124-11',
    ]);
    expect(await createStandupStore(redis, prefix, { departmentId: 'sales' }).openIds()).toEqual(
      [],
    );
    expect(await redis.exists(`${prefix}conv-open`, `${prefix}standup-latest`)).toBe(0);
    // Again: nothing left to move, nothing changed.
    expect(await adoptLegacyKeys(redis, prefix, ['sales', 'sales-msk'])).toEqual({ moved: 0 });
    expect(await msk.latestStandupId()).toBe('sales-msk-20261124');
  });
});
