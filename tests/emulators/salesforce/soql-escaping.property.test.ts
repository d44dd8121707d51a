import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSalesforceEmulator, type SalesforceEmulator } from './index.js';
import { connect } from './helpers.js';

/** Escaping per the SOQL reference, written here independently of the adapter's. */
function escapeLiteral(value: string): string {
  return value
    .replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/"/g, '\\"')
    .replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t').replace(/\u0008/g, '\\b').replace(/\f/g, '\\f');
}
const escapeLike = (value: string): string => escapeLiteral(value).replace(/_/g, '\\_').replace(/%/g, '\\%');

const hostile = fc
  .array(fc.oneof(fc.constantFrom("'", '\\', '"', '\n', '\r', '\t', '\b', '\f', '\u0001', '\u007f', '_', '%', ' OR ', 'é', '😀', ')'), fc.string({ unit: 'grapheme', maxLength: 3 })), { minLength: 1, maxLength: 12 })
  .map((parts) => parts.join(''))
  .filter((s) => s.length <= 80 && s.trim() !== '');

let emulator: SalesforceEmulator;
beforeAll(async () => {
  emulator = await startSalesforceEmulator();
});
afterAll(async () => {
  await emulator.close();
});

describe('SOQL string literals (property)', () => {
  it('an escaped value finds exactly the record holding it, with = and with LIKE', async () => {
    const conn = connect(emulator);
    let n = 0;
    await fc.assert(
      fc.asyncProperty(hostile, async (value) => {
        n += 1;
        const key = `k${n}`;
        emulator.insert('Contact', { LastName: value, Social_Author_Id__c: key });
        emulator.insert('Contact', { LastName: `${value}x`, Social_Author_Id__c: `${key}-decoy` });
        const eq = await conn.query<{ Social_Author_Id__c: string }>(`SELECT Social_Author_Id__c FROM Contact WHERE LastName = '${escapeLiteral(value)}' AND Social_Author_Id__c LIKE 'k${n}%'`);
        const like = await conn.query<{ Social_Author_Id__c: string }>(`SELECT Social_Author_Id__c FROM Contact WHERE LastName LIKE '${escapeLike(value)}' AND Social_Author_Id__c LIKE 'k${n}%'`);
        expect(eq.records.map((r) => r.Social_Author_Id__c)).toEqual([key]);
        expect(like.records.map((r) => r.Social_Author_Id__c)).toEqual([key]);
      }),
      { numRuns: 60 },
    );
  });
});
