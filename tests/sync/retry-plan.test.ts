/** The next round's plan: retryable failures and the dependants they failed, references to what succeeded by id. */
import { describe, expect, it } from 'vitest';
import type { ApplyResult, ItemResult, WritePlan } from '../../src/adapters/types.js';
import { mergeRetried, retryPlanOf } from '../../src/sync/settle-retry.js';

const caseDraft = (key: string) => ({ externalPostId: key }) as unknown as WritePlan['cases'][number]['fields'];
const commentDraft = (key: string) => ({ externalPostId: key }) as unknown as WritePlan['comments'][number]['fields'];
const contactDraft = {} as unknown as WritePlan['contacts'][number]['fields'];

const plan: WritePlan = {
  contacts: [{ key: 'u:1', fields: contactDraft }, { key: 'u:2', fields: contactDraft }],
  cases: [
    { key: 'p:1', contact: { externalKey: 'u:1' }, fields: caseDraft('p:1') },
    { key: 'p:2', contact: { externalKey: 'u:2' }, parent: { externalKey: 'p:1' }, fields: caseDraft('p:2') },
    { key: 'p:3', contact: { externalKey: 'u:1' }, fields: caseDraft('p:3') },
  ],
  reopens: [{ key: 'p:9', id: 'case-9', status: 'Reopened' }],
  comments: [
    { key: 'p:4', case: { externalKey: 'p:1' }, fields: commentDraft('p:4') },
    { key: 'p:5', case: { externalKey: 'p:3' }, fields: commentDraft('p:5') },
  ],
};
const ok = (key: string, id: string): ItemResult => ({ key, ok: true, id, created: true });
const locked = (key: string): ItemResult => ({ key, ok: false, error: { code: 'UNABLE_TO_LOCK_ROW', message: 'locked', retryable: true } });
const refused = (key: string): ItemResult => ({ key, ok: false, error: { code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'no' } });
const dependant = (key: string, retryable: boolean): ItemResult => ({ key, ok: false, error: { code: 'DEPENDENCY_FAILED', message: 'parent failed', retryable } });

describe('retryPlanOf', () => {
  it('takes the retryable failures and their dependants, refers to what succeeded by id, leaves permanent failures', () => {
    const result: ApplyResult = {
      contacts: [ok('u:1', 'c1'), ok('u:2', 'c2')],
      cases: [locked('p:1'), dependant('p:2', true), refused('p:3')],
      reopens: [locked('p:9')],
      comments: [dependant('p:4', true), dependant('p:5', false)],
    };
    const next = retryPlanOf(plan, result);
    expect(next.contacts).toEqual([]);
    expect(next.cases.map((c) => [c.key, c.contact, c.parent])).toEqual([
      ['p:1', { id: 'c1' }, undefined],
      ['p:2', { id: 'c2' }, { externalKey: 'p:1' }],
    ]);
    expect(next.reopens.map((r) => r.key)).toEqual(['p:9']);
    expect(next.comments.map((m) => [m.key, m.case])).toEqual([['p:4', { externalKey: 'p:1' }]]);
  });

  it('is empty when nothing is retryable, and a comment whose Case succeeded meanwhile refers to it by id', () => {
    const none: ApplyResult = { contacts: [ok('u:1', 'c1'), ok('u:2', 'c2')], cases: [ok('p:1', 'k1'), ok('p:2', 'k2'), refused('p:3')], reopens: [ok('p:9', 'case-9')], comments: [ok('p:4', 'm4'), dependant('p:5', false)] };
    expect(retryPlanOf(plan, none)).toEqual({ contacts: [], cases: [], reopens: [], comments: [] });
    const commentLocked = { ...none, comments: [locked('p:4'), dependant('p:5', false)] };
    expect(retryPlanOf(plan, commentLocked).comments.map((m) => [m.key, m.case])).toEqual([['p:4', { id: 'k1' }]]);
  });

  it('mergeRetried keeps one result per item, in plan order, each its last answer', () => {
    const first: ApplyResult = { contacts: [], cases: [locked('p:1'), ok('p:3', 'k3')], reopens: [], comments: [] };
    expect(mergeRetried(first, { contacts: [], cases: [ok('p:1', 'k1')], reopens: [], comments: [] }).cases).toEqual([ok('p:1', 'k1'), ok('p:3', 'k3')]);
  });

  it('mergeRetried keeps the warnings of every round (a refused SocialPost of round one is not lost when round two runs)', () => {
    const w1 = { postId: 'p:3', code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', reason: 'SocialPost refused' };
    const w2 = { postId: 'p:1', code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', reason: 'SocialPost refused' };
    const first: ApplyResult = { contacts: [], cases: [locked('p:1'), ok('p:3', 'k3')], reopens: [], comments: [], warnings: [w1] };
    expect(mergeRetried(first, { contacts: [], cases: [ok('p:1', 'k1')], reopens: [], comments: [], warnings: [w2] }).warnings).toEqual([w1, w2]);
    expect(mergeRetried({ ...first, warnings: [] }, { contacts: [], cases: [], reopens: [], comments: [] })).not.toHaveProperty('warnings');
  });
});
