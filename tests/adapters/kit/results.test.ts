import { describe, expect, expectTypeOf, it } from 'vitest';
import { dependencyFailed, fail, isSucceeded, itemError, ok, type ItemOutcome } from '../../../src/adapters/kit/index.js';
import type { ItemResult } from '../../../src/adapters/types.js';

describe('kit results', () => {
  it('ok and fail build the two sides of a union assignable to ItemResult', () => {
    const results: ItemOutcome[] = [ok('twitter:1', '003A', true), fail('twitter:2', itemError('STRING_TOO_LONG', 'too long'))];
    expect(results).toEqual([
      { key: 'twitter:1', ok: true, id: '003A', created: true },
      { key: 'twitter:2', ok: false, error: { code: 'STRING_TOO_LONG', message: 'too long' } },
    ]);
    const publicResults: readonly ItemResult[] = results;
    expect(publicResults).toHaveLength(2);
    const first = results[0];
    if (first?.ok) expectTypeOf(first.id).toEqualTypeOf<string>();
    else expectTypeOf(first?.error).toEqualTypeOf<ItemResult['error']>();
  });

  it('itemError carries field and retryable only when given', () => {
    expect(itemError('X', 'm')).toEqual({ code: 'X', message: 'm' });
    expect(Object.keys(itemError('X', 'm', { field: undefined, retryable: undefined }))).toEqual(['code', 'message']);
    expect(itemError('X', 'm', { field: 'body', retryable: true })).toEqual({ code: 'X', message: 'm', field: 'body', retryable: true });
  });

  it('dependencyFailed names the failed parent, quotes its code and inherits its retryability', () => {
    const parentError = itemError('UNABLE_TO_LOCK_ROW', 'locked', { retryable: true });
    const result = dependencyFailed('twitter:9', { what: 'Case twitter:9', field: 'contactId', parentKey: 'twitter:u1', parentError });
    expect(result).toEqual({
      key: 'twitter:9',
      ok: false,
      error: {
        code: 'DEPENDENCY_FAILED',
        message: 'Case twitter:9: contactId refers to twitter:u1, which failed (UNABLE_TO_LOCK_ROW)',
        field: 'contactId',
        retryable: true,
      },
    });
    const plain = dependencyFailed('k', { what: 'Comment k', field: 'caseId', parentKey: 'p' });
    expect(plain.error).toEqual({ code: 'DEPENDENCY_FAILED', message: 'Comment k: caseId refers to p, which failed', field: 'caseId' });
  });

  it('isSucceeded narrows a public result to one with an id', () => {
    const results: ItemResult[] = [{ key: 'a', ok: true, id: '1', created: false }, { key: 'b', ok: false }, { key: 'c', ok: true }];
    expect(results.map((r) => isSucceeded(r))).toEqual([true, false, false]);
    expect(isSucceeded(undefined)).toBe(false);
  });
});
