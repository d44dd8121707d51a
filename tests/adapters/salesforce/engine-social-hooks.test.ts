/**
 * The engine's side of two optional adapter hooks social objects mode relies on: the lookup request
 * carries the batch's posts (direction and author, `LookupRequest.posts`), and warnings an apply
 * returns (`ApplyResult.warnings`, e.g. a refused SocialPost) are counted in the report's `warnings`
 * and emitted as `crmWarning`, the post itself settled as landed.
 */
import { describe, expect, it } from 'vitest';
import { localCrmAdapter } from '../../../src/adapters/local/index.js';
import type { ApplyWarning, CrmAdapter, LookupRequest } from '../../../src/adapters/types.js';
import { arraySource } from '../../../src/sources/array-source.js';
import { memoryStateStore } from '../../../src/state/index.js';
import { createSync } from '../../../src/sync/create-sync.js';
import { ANN, BRAND, tweet } from '../../sync/fixtures.js';

describe('engine: lookup posts and apply warnings', () => {
  it('passes each post with its direction and author, counts and emits the warnings of an apply', async () => {
    const local = localCrmAdapter();
    const requests: LookupRequest[] = [];
    const crm: CrmAdapter = {
      ...local,
      name: local.name,
      describe: (ctx) => local.describe(ctx),
      lookup: async (request, ctx) => {
        requests.push(request);
        return local.lookup(request, ctx);
      },
      apply: async (plan, ctx) => {
        const result = await local.apply(plan, ctx);
        const warnings: ApplyWarning[] = plan.cases.map((c) => ({ postId: c.key, code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', reason: 'SocialPost not created' }));
        return { ...result, warnings };
      },
    };
    const sync = createSync({ source: arraySource([tweet('300', 0, ANN, '@AcmeHelp my internet is down')]), crm, state: memoryStateStore(), brand: BRAND });
    const seen: ApplyWarning[] = [];
    sync.on('crmWarning', (w) => seen.push(w));
    const report = await sync.run();
    await sync.close();
    expect(report).toMatchObject({ casesCreated: 1, deadLettered: 0, warnings: 1 });
    expect(seen).toEqual([{ postId: 'twitter:300', code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', reason: 'SocialPost not created' }]);
    expect(requests[0]?.posts).toEqual([{ key: 'twitter:300', outbound: false, author: expect.objectContaining({ provider: ANN.provider, id: ANN.id, handle: ANN.handle }) as unknown }]);
  });
});
