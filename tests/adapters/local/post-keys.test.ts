import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MultiIndex } from '../../../src/adapters/local/db.js';
import { addPostKeyIdsTo, POST_LIST, PostKeyIndex, postKeyIds, type PostList } from '../../../src/adapters/local/post-keys.js';

const key = fc.oneof(fc.constantFrom('twitter:1', 'twitter:2', 'x:1', ''), fc.constant(null));
const id = fc.constantFrom('500000000000001', '500000000000002', '00a000000000001', 'a');
const list = fc.constantFrom<PostList>(POST_LIST.caseByPost, POST_LIST.caseByThread, POST_LIST.commentByPost);
const op = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), list, key, id }),
  fc.record({ kind: fc.constant('remove' as const), list, key, id }),
  fc.record({ kind: fc.constant('addCase' as const), post: key, thread: key, id }),
);

describe('PostKeyIndex', () => {
  it('answers as three separate MultiIndexes would, in the same order (property)', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const index = new PostKeyIndex();
        const reference = [new MultiIndex(), new MultiIndex(), new MultiIndex()];
        for (const o of ops) {
          if (o.kind === 'add') {
            index.add(o.list, o.key, o.id);
            reference[o.list]!.add(o.key, o.id);
          } else if (o.kind === 'remove') {
            index.remove(o.list, o.key, o.id);
            reference[o.list]!.remove(o.key, o.id);
          } else {
            index.addCase(o.post, o.thread, o.id);
            reference[POST_LIST.caseByPost]!.add(o.post, o.id);
            reference[POST_LIST.caseByThread]!.add(o.thread, o.id);
          }
        }
        for (const k of ['twitter:1', 'twitter:2', 'x:1', '']) {
          const entry = index.entry(k);
          for (const l of [0, 1, 2] as const) {
            const expected = [...reference[l]!.get(k)];
            expect([...index.get(l, k)]).toEqual(expected);
            expect([...postKeyIds(entry?.[l])]).toEqual(expected);
            const into = new Set<string>();
            addPostKeyIdsTo(entry?.[l], into);
            expect([...into]).toEqual(expected);
            expect(index.first(l, k)).toBe(reference[l]!.first(k));
          }
          // A key whose lists are all empty is gone (removals do not leave empty entries behind).
          if (entry !== undefined) expect(entry.some((held) => held !== undefined)).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
