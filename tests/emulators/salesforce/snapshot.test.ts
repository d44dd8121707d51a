import { describe, expect, it } from 'vitest';
import { startSalesforceEmulator } from './index.js';
import { connect } from './helpers.js';

async function run(order: string[]): Promise<{ stable: unknown; raw: Record<string, unknown[]> }> {
  const emulator = await startSalesforceEmulator();
  try {
    const conn = connect(emulator);
    for (const key of order) {
      await conn.sobject('Contact').upsert([{ LastName: key, Social_Author_Id__c: `twitter:${key}` }], 'Social_Author_Id__c');
      await conn.sobject('Case').upsert([{ Subject: key, Social_Post_Id__c: `post:${key}`, Contact: { Social_Author_Id__c: `twitter:${key}` } }] as never, 'Social_Post_Id__c');
    }
    return { stable: emulator.snapshot({ stable: true }), raw: emulator.snapshot() };
  } finally {
    await emulator.close();
  }
}

describe('JSON snapshots', () => {
  it('stable snapshots of two runs writing in different orders are equal; raw ones keep ids', async () => {
    const a = await run(['x', 'y']);
    const b = await run(['y', 'x']);
    expect(a.stable).toEqual(b.stable);
    expect((a.stable as Record<string, { ContactId?: string }[]>).Case?.map((c) => c.ContactId)).toEqual(['Contact:twitter:x', 'Contact:twitter:y']);
    expect(a.raw.Case?.[0]).toHaveProperty('Id');
    expect(JSON.parse(JSON.stringify(a.raw))).toEqual(a.raw);
  });
});
