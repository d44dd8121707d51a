import { describe, expect, it } from 'vitest';
import { fail, itemError, ok, planReferences } from '../../../src/adapters/kit/index.js';

const plan = { contacts: [{ key: 'twitter:u1' }, { key: 'twitter:u2' }], cases: [{ key: 'twitter:c1' }, { key: 'twitter:c2' }] };
const item = { key: 'twitter:c2', what: 'Case twitter:c2', field: 'contactId' };

describe('planReferences', () => {
  it('resolves { id } as given, or checks it when told how', () => {
    const refs = planReferences(plan);
    expect(refs.resolve('contacts', { id: '003X' }, item)).toEqual({ status: 'id', id: '003X' });
    const checked = refs.resolve('contacts', { id: '003X' }, { ...item, exists: (id) => id === '003Y' });
    expect(checked).toEqual({
      status: 'failed',
      failure: {
        key: 'twitter:c2',
        ok: false,
        error: { code: 'INVALID_CROSS_REFERENCE_KEY', message: 'Case twitter:c2: contactId 003X does not exist', field: 'contactId' },
      },
    });
  });

  it('an item of the plan without a result is pending (to be created in the same request)', () => {
    const refs = planReferences(plan);
    expect(refs.resolve('contacts', { externalKey: 'twitter:u1' }, item)).toEqual({ status: 'pending', externalKey: 'twitter:u1' });
    expect(refs.resolve('cases', { externalKey: 'twitter:c1' }, { ...item, field: 'parentId' })).toEqual({
      status: 'pending',
      externalKey: 'twitter:c1',
    });
  });

  it('a settled success gives its id; a settled failure gives DEPENDENCY_FAILED naming the parent', () => {
    const refs = planReferences(plan);
    refs.settleAll('contacts', [ok('twitter:u1', '003A', true), fail('twitter:u2', itemError('STRING_TOO_LONG', 'long'))]);
    expect(refs.resolve('contacts', { externalKey: 'twitter:u1' }, item)).toEqual({ status: 'id', id: '003A' });
    const failed = refs.resolve('contacts', { externalKey: 'twitter:u2' }, item);
    expect(failed.status).toBe('failed');
    if (failed.status !== 'failed') return;
    expect(failed.failure.key).toBe('twitter:c2');
    expect(failed.failure.error).toMatchObject({ code: 'DEPENDENCY_FAILED', field: 'contactId' });
    expect(failed.failure.error.message).toContain('twitter:u2');
    expect(refs.resultOf('contacts', 'twitter:u2')?.ok).toBe(false);
  });

  it('a key that is not in the plan section is INVALID_REFERENCE; sections do not mix', () => {
    const refs = planReferences(plan);
    refs.settle('cases', ok('twitter:c1', '500A', true));
    for (const ref of [{ externalKey: 'twitter:nobody' }, { externalKey: 'twitter:c1' }]) {
      const resolved = refs.resolve('contacts', ref, item);
      expect(resolved).toMatchObject({ status: 'failed', failure: { error: { code: 'INVALID_REFERENCE', field: 'contactId' } } });
    }
  });
});
