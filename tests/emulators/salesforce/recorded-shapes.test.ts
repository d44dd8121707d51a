/**
 * Contract tests against real Salesforce replies recorded in shared/data (CumulusCI cassettes,
 * restforce fixtures). They run only when that directory sits beside the repository.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CASE, CONTACT, type ObjectRow } from './describe-fixture.js';
import { startSalesforceEmulator, type SalesforceEmulator } from './index.js';
import { connect, rejection } from './helpers.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const shared = [`${root}../shared/data`, `${root}../../shared/data`].find((p) => existsSync(`${p}/salesforce-cumulusci`));
const cumulus = (name: string): unknown => parse(readFileSync(`${shared}/salesforce-cumulusci/${name}`, 'utf8'));
const restforce = (name: string): unknown => JSON.parse(readFileSync(`${shared}/salesforce-restforce/${name}`, 'utf8'));

interface RealField { name: string; type: string; length: number; [flag: string]: unknown }
interface RealDescribe { fields: RealField[]; [key: string]: unknown }
function realDescribe(object: string): RealDescribe {
  const cassette = cumulus(`GET_sobjects_${object}_describe.yaml`) as { response: { body: { string: string } } };
  return JSON.parse(cassette.response.body.string) as RealDescribe;
}

let emulator: SalesforceEmulator;
beforeAll(async () => {
  emulator = await startSalesforceEmulator();
});
afterAll(async () => {
  await emulator?.close();
});

describe.skipIf(shared === undefined)('recorded Salesforce replies (shared/data)', () => {
  it.each([CASE, CONTACT])('the $name fixture matches the recorded describe field by field', (row: ObjectRow) => {
    const real = new Map(realDescribe(row.name).fields.map((f) => [f.name, f]));
    for (const [name, , type, length, flags] of row.fields) {
      const field = real.get(name);
      expect(field, `${row.name}.${name} in the recorded describe`).toBeDefined();
      expect([field?.type, field?.length], `${row.name}.${name}`).toEqual([type, length]);
      for (const [flag, key] of [['n', 'nillable'], ['c', 'createable'], ['u', 'updateable'], ['f', 'filterable'], ['i', 'idLookup']] as const) {
        expect(field?.[key], `${row.name}.${name}.${key}`).toBe(flags.includes(flag));
      }
    }
  });

  it('emits only keys a real describe has (top level and per field)', async () => {
    const ours = (await connect(emulator).sobject('Case').describe()) as unknown as RealDescribe;
    const real = realDescribe('Case');
    const realTop = new Set(Object.keys(real));
    expect(Object.keys(ours).filter((k) => !realTop.has(k))).toEqual([]);
    const realFieldKeys = new Set(Object.keys(real.fields[0] ?? {}));
    expect(Object.keys(ours.fields[0] ?? {}).filter((k) => !realFieldKeys.has(k))).toEqual([]);
  });

  it('answers a Composite GET of an unknown sObject as recorded', async () => {
    const cassette = cumulus('TestCompositeParallelSalesforce.test_errors.yaml') as { interactions: { response: { body: { string: string } } }[] };
    const recorded = JSON.parse(cassette.interactions[0]?.response.body.string ?? '{}') as unknown;
    const ours = await connect(emulator).requestPost('/services/data/v62.0/composite', {
      compositeRequest: [{ referenceId: 'CCI__RefId__0__', method: 'GET', url: '/services/data/v62.0/sobjects/Foo' }],
    });
    expect(ours).toEqual(recorded);
  });

  it('answers an unknown sObject in SOQL with the recorded INVALID_TYPE message', async () => {
    const cassette = cumulus('TestCountSObjects.test_count_sobjects__errors.yaml') as { interactions: { response: { body: { string: string } } }[] };
    const recorded = JSON.parse(cassette.interactions[0]?.response.body.string ?? '{}') as { compositeResponse: unknown[] };
    const ours = await connect(emulator).requestPost<{ compositeResponse: unknown[] }>('/services/data/v62.0/composite', {
      compositeRequest: [{ referenceId: 'refXYZZY', method: 'GET', url: '/services/data/v62.0/query/?q=select count() from XYZZY' }],
    });
    expect(ours.compositeResponse[0]).toEqual(recorded.compositeResponse[1]);
  });

  it('matches the restforce fixtures: expired session, unknown field, unknown external id field, 300 choices, token errors', async () => {
    const conn = connect(emulator);
    const expired = await fetch(`${emulator.url}/services/data/v62.0/sobjects`, { headers: { Authorization: 'Bearer nope' } });
    expect(await expired.json()).toEqual(restforce('expired_session_response.json'));
    const unknownField = await rejection(conn.sobject('Case').create({ foo: 1 }));
    const [writeError] = restforce('sobject/write_error_response.json') as { message: string; errorCode: string }[];
    expect({ errorCode: unknownField.errorCode, message: unknownField.message }).toEqual({ errorCode: writeError?.errorCode, message: writeError?.message.replace('type Bar', 'type Case') });
    const unknownExt = await rejection(conn.requestPatch('/services/data/v62.0/sobjects/Case/Namez/x', { Subject: 's' }));
    expect(unknownExt.data).toEqual((restforce('sobject/upsert_error_response.json') as unknown[])[0]);
    emulator.insert('Case', { Social_Thread_Key__c: 'dup' });
    emulator.insert('Case', { Social_Thread_Key__c: 'dup' });
    const choices = await fetch(`${emulator.url}/services/data/v62.0/sobjects/Case/Social_Thread_Key__c/dup`, { headers: { Authorization: `Bearer ${emulator.accessToken}` } });
    expect(choices.status).toBe(300);
    const body = (await choices.json()) as string[];
    expect(body.every((u) => /^\/services\/data\/v62\.0\/sobjects\/Case\/500\w{15}$/.test(u))).toBe(true);
    const refresh = await fetch(`${emulator.url}/services/oauth2/token`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', client_id: 'none', refresh_token: 'x' }).toString(),
    });
    expect(Object.keys((await refresh.json()) as object)).toEqual(Object.keys(restforce('refresh_error_response.json') as object));
  });
});
