import type { Agent } from 'node:https';
import axios from 'axios';
import { ApiVersion, type AbstractB24 } from '@bitrix24/b24jssdk';
import type { PortalState } from '../../../src/emulator/portal-state.js';
import { testCertificate, trustingAgent } from '../../helpers/tls.js';
import { threePeople } from './emulator-http.js';

/**
 * The conformance tests run the official SDK (@bitrix24/b24jssdk), which nobody here wrote,
 * against the emulator over HTTPS. The SDK builds its axios clients in its constructors (REST,
 * and for OAuth a private one for the token refresh); `withTrust` lends them an agent that
 * trusts exactly the test certificate, by setting axios's defaults for the moment of
 * construction only. Certificate checks stay on, and nothing else is changed.
 */
export function withTrust<T extends AbstractB24>(agent: Agent, make: () => T): T {
  const previous = axios.defaults.httpsAgent as unknown;
  axios.defaults.httpsAgent = agent;
  try {
    const made = make();
    // The SDK must share this axios module, or it did not get the agent: say so plainly.
    if (made.getHttpClient(ApiVersion.v2).ajaxClient.defaults.httpsAgent !== agent) {
      throw new Error('the SDK did not take the test agent: is axios deduplicated?');
    }
    return made;
  } finally {
    axios.defaults.httpsAgent = previous;
  }
}

export async function sdkTls() {
  const certificate = await testCertificate();
  return { certificate, agent: trustingAgent(certificate) };
}

export const T0 = Date.parse('2026-11-23T09:00:00+03:00');
export const ACTIVITIES = 130;
export const DEALS = 60;

/**
 * A department of three (and one below it) with 130 activities (responsible 11 for the even ones, 12 for the
 * odd; every third a meeting, the rest calls) and 60 deals (every fourth won), so the counts
 * the tests expect can be computed here, not read back from the emulator.
 */
export function sdkPortal(state: PortalState): void {
  threePeople(state);
  state.departments.set(2, { id: 2, name: 'Продажи: Москва', parent: 1, head: 11 });
  for (let i = 0; i < ACTIVITIES; i++) {
    state.crm.activities.add({
      OWNER_ID: 500 + (i % 7),
      OWNER_TYPE_ID: 2,
      TYPE_ID: i % 3 === 0 ? 1 : 2,
      PROVIDER_ID: i % 3 === 0 ? 'CRM_MEETING' : 'VOXIMPLANT_CALL',
      SUBJECT: `Звонок ${i}`,
      CREATED: T0 + i * 60_000,
      START_TIME: T0 + i * 60_000,
      COMPLETED: i % 4 !== 0,
      STATUS: 2,
      RESPONSIBLE_ID: i % 2 === 0 ? 11 : 12,
      DIRECTION: 2,
    });
  }
  for (let i = 0; i < DEALS; i++) {
    state.crm.items.get(2)?.add({
      title: `Сделка ${i}`,
      assignedById: i % 2 === 0 ? 11 : 12,
      createdTime: T0 + i * 60_000,
      movedTime: T0 + i * 60_000,
      stageId: i % 4 === 0 ? 'WON' : 'NEW',
      stageSemanticId: i % 4 === 0 ? 'S' : 'P',
      opportunity: 1000 * (i + 1),
      currencyId: 'RUB',
      closed: i % 4 === 0,
      categoryId: 0,
    });
  }
}

/** How many of the seeded activities match: computed from the seed, not asked of the portal. */
export function seededActivities(match: (i: number) => boolean): number {
  return Array.from({ length: ACTIVITIES }, (_, i) => i).filter(match).length;
}
