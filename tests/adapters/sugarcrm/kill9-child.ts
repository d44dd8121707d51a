/**
 * A sync of a JSONL file into a Sugar emulator with a file state store, that SIGKILLs itself at an
 * exact point: `bulk:N` right after the Nth `POST /bulk` was answered (Sugar applied it, the adapter
 * has not read the answer), `crm-written:N` after batch N's apply returned (state not yet
 * committed), `state-written:N` after batch N's state commit; `none` runs to the end.
 *
 * `tsx kill9-child.ts <sugar-url> <state.json> <input.jsonl> <point>`; prints `done` at the end.
 */
import type { CrmAdapter } from '../../../src/adapters/types.js';
import { jsonlSource } from '../../../src/sources/jsonl/index.js';
import { fileStateStore } from '../../../src/state/index.js';
import type { StateStore } from '../../../src/state/types.js';
import { createSync } from '../../../src/sync/create-sync.js';
import { adapterFor } from './fixtures.js';
import { DEMO_SETTINGS } from './sample-sync.js';

const [url, statePath, input, point = 'none'] = process.argv.slice(2);
if (url === undefined || statePath === undefined || input === undefined) {
  process.stderr.write('usage: kill9-child.ts <sugar-url> <state.json> <input.jsonl> <point>\n');
  process.exit(2);
}
const [stage, nText] = point.split(':');
const n = Number(nText);
const die = (): never => {
  process.kill(process.pid, 'SIGKILL');
  throw new Error('unreachable');
};

const sugar = adapterFor({ url }, { statuses: { new: 'New', reopen: 'Reopened', closed: ['Closed'] } });
let bulks = 0;
let applies = 0;
const crm: CrmAdapter = {
  name: sugar.name,
  describe: (ctx) => sugar.describe(ctx),
  lookup: (request, ctx) => sugar.lookup(request, ctx),
  apply: async (plan, ctx) => {
    const watched = {
      ...ctx,
      call: <T>(operation: string, fn: () => Promise<T>, options?: Parameters<typeof ctx.call>[2]) =>
        ctx.call(
          operation,
          async () => {
            const reply = await fn();
            if (operation === 'bulk' && stage === 'bulk' && (bulks += 1) === n) die();
            return reply;
          },
          options,
        ),
    };
    const result = await sugar.apply(plan, watched);
    if (stage === 'crm-written' && (applies += 1) === n) die();
    return result;
  },
};
const files = fileStateStore({ path: statePath });
let commits = 0;
const state: StateStore = {
  kind: files.kind,
  getCheckpoint: (s) => files.getCheckpoint(s),
  getPosts: (ids) => files.getPosts(ids),
  getIdentities: (keys) => files.getIdentities(keys),
  listDeadLetters: (query) => files.listDeadLetters(query),
  removeDeadLetters: (ids) => files.removeDeadLetters(ids),
  close: () => files.close(),
  commit: async (change) => {
    await files.commit(change);
    if (stage === 'state-written' && (commits += 1) === n) die();
  },
};
const sync = createSync({ source: jsonlSource({ path: input }), crm, state, ...DEMO_SETTINGS, batchSize: 50 });
await sync.run();
await sync.close();
await state.close();
process.stdout.write('done\n');
