import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/lib/logger.js';
import { createSecrets } from '../../../src/lib/secrets.js';
import { captureLogs } from '../../helpers/capture-logs.js';

const WEBHOOK_CODE = 'k3yw0rdsecret99';
const TOKEN = 'a98b9d690000071b0000084400000237f0f107589d1e';

function setup() {
  const capture = captureLogs();
  const secrets = createSecrets([WEBHOOK_CODE]);
  const log = createLogger({
    level: 'debug',
    format: 'json',
    secrets,
    destination: capture.stream,
  });
  return { capture, secrets, log };
}

describe('logger', () => {
  it('writes JSON lines with data first and a constant message', () => {
    const { capture, log } = setup();
    log.info({ method: 'crm.activity.list', retryInMs: 500 }, 'bitrix rate limited');
    const line = JSON.parse(capture.lines()[0] ?? '{}') as Record<string, unknown>;
    expect(line).toMatchObject({
      level: 30,
      method: 'crm.activity.list',
      retryInMs: 500,
      msg: 'bitrix rate limited',
    });
  });

  it('never writes a webhook code, wherever it hides', () => {
    const { capture, log } = setup();
    const url = `https://acme.bitrix24.ru/rest/1/${WEBHOOK_CODE}/crm.activity.list.json`;
    log.error({ err: new Error(`connect ECONNREFUSED ${url}`) }, 'bitrix call failed');
    log.warn({ url, config: { webhookUrl: url } }, 'plain object');
    log.info(`interpolated ${url}`);
    log.debug(
      { nested: { deeper: { text: `see /rest/9/otherc0de77/ too` } } },
      'a code the process never registered',
    );
    const text = capture.text();
    expect(text).not.toContain(WEBHOOK_CODE);
    expect(text).not.toContain('otherc0de77');
    expect(text).toContain('/rest/1/[redacted]');
    expect(capture.lines()).toHaveLength(4);
  });

  it('masks tokens by key, in query strings, and once registered at run time', () => {
    const { capture, log, secrets } = setup();
    log.info({ body: { auth: TOKEN, application_token: 'apptoken123456' } }, 'event');
    log.info({ url: `https://x.bitrix24.ru/rest/user.get?auth=${TOKEN}&start=0` }, 'oauth call');
    secrets.add('fresh-refresh-token-0001');
    log.warn({ error: 'invalid_grant for fresh-refresh-token-0001' }, 'refresh failed');
    const text = capture.text();
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain('apptoken123456');
    expect(text).not.toContain('fresh-refresh-token-0001');
    expect(text).toContain('start=0');
  });

  it('leaves short values alone so ordinary words survive', () => {
    const secrets = createSecrets(['abc', '']);
    expect(secrets.scrub('abc 1 2')).toBe('abc 1 2');
  });
});
