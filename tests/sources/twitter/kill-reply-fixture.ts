/**
 * Child process of the reply kill test: syncs the complaint, then answers it with `sync.reply`
 * against the nock fake of X, and kills itself with SIGKILL at the first CRM write of the outbound
 * comment: after X answered, before the CRM has the comment. Args: CRM file, state file, fake X file.
 */
import { readFileSync } from 'node:fs';
import { TwitterApi } from 'twitter-api-v2';
import type { CrmAdapter } from '../../../src/adapters/types.js';
import { localCrmAdapter } from '../../../src/adapters/local/index.js';
import { sqliteStateStore } from '../../../src/state/sqlite/index.js';
import { createSync } from '../../../src/sync/create-sync.js';
import { twitterSource } from '../../../src/sources/twitter/index.js';
import { fakeX, type FakeXOptions } from './fake-x.js';
import { BRAND } from './helpers.js';

const [crmPath = '', statePath = '', fakePath = '', postId = '', text = ''] = process.argv.slice(2);
fakeX(JSON.parse(readFileSync(fakePath, 'utf8')) as FakeXOptions);
const crm = localCrmAdapter({ path: crmPath });
const dying: CrmAdapter = {
  name: crm.name,
  describe: (ctx) => crm.describe(ctx),
  lookup: (request, ctx) => crm.lookup(request, ctx),
  apply: (plan, ctx) => {
    if (plan.cases.length === 0 && plan.comments.length > 0) process.kill(process.pid, 'SIGKILL');
    return crm.apply(plan, ctx);
  },
};
const state = sqliteStateStore({ path: statePath });
const source = twitterSource({ client: new TwitterApi({ appKey: 'k', appSecret: 's', accessToken: 't', accessSecret: 'x' }), streams: { mentions: [BRAND] } });
const sync = createSync({ source, crm: dying, state, brand: { ids: [BRAND], handles: ['AcmeHelp'] } });
await sync.run();
await crm.idle?.();
process.stdout.write('synced\n');
await sync.reply({ postId, text });
process.stdout.write('not killed\n');
