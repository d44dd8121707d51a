/** An empty lookup asks Sugar nothing: no round trip and no call through the context (cleanup item 1). */
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sugarcrmAdapter } from '../../../src/adapters/sugarcrm/index.js';
import { countingCallContext } from '../../../src/testing/index.js';

const auth = { username: 'sync-user', password: 'pw-secret', clientId: 'sugar', clientSecret: '', platform: 'social_sync' };

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());

describe('SugarCRM lookup of nothing', () => {
  it('makes no call for an empty request (with or without openCasesOfMatchedContacts)', async () => {
    const adapter = sugarcrmAdapter({ baseUrl: 'https://acme.sugarondemand.com', auth });
    const ctx = countingCallContext();
    const empty = { identities: [], contactIds: [], threadKeys: [], externalPostIds: [], mentionedHandles: [] };
    expect(await adapter.lookup(empty, ctx)).toEqual({ contacts: [], cases: [], comments: [] });
    expect(await adapter.lookup({ ...empty, openCasesOfMatchedContacts: true }, ctx)).toEqual({ contacts: [], cases: [], comments: [] });
    expect(ctx.operations).toEqual([]);
  });

  it('still counts one call, with no round trip, for handles of a provider Sugar does not hold', async () => {
    const adapter = sugarcrmAdapter({ baseUrl: 'https://acme.sugarondemand.com', auth });
    const ctx = countingCallContext();
    const request = { identities: [], contactIds: [], threadKeys: [], externalPostIds: [], mentionedHandles: [{ provider: 'mastodon', handle: 'ana' }] };
    expect(await adapter.lookup(request, ctx)).toEqual({ contacts: [], cases: [], comments: [] });
    expect(ctx.operations).toEqual(['lookup (nothing to ask)']);
  });
});
