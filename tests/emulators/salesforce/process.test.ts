import { Connection } from 'jsforce';
import { describe, expect, it } from 'vitest';
import { spawnSalesforceEmulator } from './spawn-emulator.js';

describe('the emulator as a separate process', () => {
  it('serves jsforce, keeps its records across client restarts and reports them over /__emulator', async () => {
    const emulator = await spawnSalesforceEmulator({ dailyApiLimit: 500 });
    try {
      const conn = new Connection({ instanceUrl: emulator.url, accessToken: emulator.accessToken, version: '62.0' });
      await conn.sobject('Contact').upsert([{ LastName: 'A', Social_Author_Id__c: 'twitter:1' }], 'Social_Author_Id__c');
      await emulator.setFault({ script: [{ kind: 'dropAfterApply', match: { path: '/composite/sobjects' } }] });
      await conn.sobject('Contact').upsert([{ LastName: 'B', Social_Author_Id__c: 'twitter:2' }], 'Social_Author_Id__c').catch(() => undefined);
      const snapshot = await emulator.snapshot({ stable: true });
      expect(snapshot.Contact?.map((c) => c.Social_Author_Id__c)).toEqual(['twitter:1', 'twitter:2']);
      expect((await emulator.calls()).apiCalls).toBe(2);
    } finally {
      await emulator.stop();
    }
  });
});
