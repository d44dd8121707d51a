import { describe, expect, it } from 'vitest';
import type { ApplyResult, ItemResult } from '../../src/adapters/types.js';
import { MappingError } from '../../src/errors.js';
import type { AuthorResolution } from '../../src/identity/resolve-authors.js';
import { validatePost } from '../../src/model/validate.js';
import type { IdentityRecord } from '../../src/state/types.js';
import type { CaseView } from '../../src/threads/case-index.js';
import type { PreparedPost } from '../../src/sync/prepare.js';
import type { PostIntent } from '../../src/sync/route-batch.js';
import { settleBatch, type Settlement } from '../../src/sync/settle.js';
import { countSettlement } from '../../src/sync/settle-report.js';
import { emitSettlement } from '../../src/sync/settle-events.js';
import { SyncEventEmitter } from '../../src/sync/events.js';
import { emptyReport } from '../../src/model/report.js';

const AT = '2026-10-01T12:00:00.000Z';

function prepared(id: string, authorId: string, handle = `u${authorId}`): PreparedPost {
  const v = validatePost({ id, provider: 'twitter', text: `post ${id}`, createdAt: '2026-10-01T08:00:00Z', author: { provider: 'twitter', id: authorId, handle } });
  if (!v.ok) throw v.error;
  const decision = { action: 'case' as const, priority: 'Medium' as const, reasons: ['r'], sentiment: 0, influence: 'normal' as never };
  return { post: v.post, key: `twitter:${id}`, authorKey: `twitter:${authorId}`, threadId: id, threadKey: `twitter:${id}`, decision, parentKey: undefined };
}

function author(id: string, over: Partial<AuthorResolution> = {}): AuthorResolution {
  const key = `twitter:${id}`;
  const identity = { provider: 'twitter', id, handle: `u${id}` };
  return { key, identity, contactRef: { externalKey: key }, contactId: undefined, method: 'created', confidence: 1, suggestions: [], upsert: { key, fields: { lastName: 'x', handles: [], socialIds: [], custom: {} } as never }, previousHandle: undefined, ...over };
}

const view = (ref: CaseView['ref']): CaseView => ({ ref, threadKey: 't', externalPostId: undefined, contactId: undefined, contactKey: undefined, isClosed: false, closedAt: undefined, createdAt: '' });
const ok = (key: string, id: string): ItemResult => ({ key, ok: true, id, created: true });
const fail = (key: string, code: string): ItemResult => ({ key, ok: false, error: { code, message: `${code} happened` } });
const result = (r: Partial<ApplyResult>): ApplyResult => ({ contacts: [], cases: [], reopens: [], comments: [], ...r });

function settle(intents: PostIntent[], authors: AuthorResolution[], r: ApplyResult, known: IdentityRecord[] = []): Settlement {
  return settleBatch({ intents, authors: new Map(authors.map((a) => [a.key, a])), result: r, known: new Map(known.map((k) => [k.key, k])), at: AT });
}

/** The events {@link emitSettlement} announces for a settlement, to a listener of every post and dead-letter event. */
function announced(s: Settlement): [string, unknown][] {
  const events = new SyncEventEmitter();
  const got: [string, unknown][] = [];
  for (const name of ['postIgnored', 'caseCreated', 'caseReopened', 'commentAdded', 'deadLettered'] as const) events.on(name, (e) => got.push([name, e]));
  emitSettlement(events, s, []);
  return got;
}

describe('settleBatch: exactly one outcome per post', () => {
  it('settles each kind of intent once, in order, and is pure (same input, same answer)', () => {
    const ann = author('1');
    const intents: PostIntent[] = [
      { kind: 'ignored', p: prepared('10', '1'), reasons: ['repost'] },
      { kind: 'existing', p: prepared('11', '1'), outcome: 'case', caseId: '500A', recordId: '500A' },
      { kind: 'dead', p: prepared('12', '1'), stage: 'map', error: new MappingError('bad text', { field: 'text' }) },
      { kind: 'case', p: prepared('13', '1'), author: ann, view: view({ externalKey: 'twitter:13' }), parent: undefined },
      { kind: 'comment', p: prepared('14', '1'), target: view({ externalKey: 'twitter:13' }), reopen: false, outbound: false },
      { kind: 'comment', p: prepared('15', '900'), target: view({ id: '500A' }), reopen: false, outbound: true },
    ];
    const r = result({ contacts: [ok('twitter:1', '003A')], cases: [ok('twitter:13', '500B')], comments: [ok('twitter:14', '00aA'), ok('twitter:15', '00aB')] });
    const s = settle(intents, [ann], r);
    expect(s.posts.map((p) => [p.kind, p.record.postId, p.record.outcome])).toEqual([
      ['ignored', 'twitter:10', 'ignored'],
      ['existing', 'twitter:11', 'case'],
      ['dead', 'twitter:12', 'dead'],
      ['case', 'twitter:13', 'case'],
      ['comment', 'twitter:14', 'comment'],
      ['comment', 'twitter:15', 'comment'],
    ]);
    expect(s.posts[4]?.record).toMatchObject({ caseId: '500B', recordId: '00aA', authorKey: 'twitter:1' });
    expect(s.deadLetters).toEqual([expect.objectContaining({ postId: 'twitter:12', stage: 'map', code: 'MAPPING', field: 'text', at: AT })]);
    expect(s.contacts).toEqual([{ kind: 'created', created: { identityKey: 'twitter:1', contactId: '003A', handle: 'u1' }, suggested: undefined }]);
    expect(s.identities).toEqual([{ key: 'twitter:1', contactId: '003A', handle: 'u1', method: 'created', confidence: 1, updatedAt: AT }]);
    expect(settle(intents, [ann], r)).toEqual(s);
    const report = { ...emptyReport(false) };
    countSettlement(report, s, { postsRead: 6, duplicates: 0, rejected: 0 });
    expect(report).toMatchObject({ ignored: 1, alreadyInCrm: 1, casesCreated: 1, commentsAdded: 1, outboundComments: 1, deadLettered: 1, contactsCreated: 1 });
    expect(report.ignored + report.alreadyInCrm + report.casesCreated + report.commentsAdded + report.outboundComments + 1).toBe(6);
  });

  it('a failed Case is the post\'s dead letter; its comment on the failed Case is one too (never a synced post)', () => {
    const ann = author('1');
    const intents: PostIntent[] = [
      { kind: 'case', p: prepared('13', '1'), author: ann, view: view({ externalKey: 'twitter:13' }), parent: undefined },
      { kind: 'comment', p: prepared('14', '1'), target: view({ externalKey: 'twitter:13' }), reopen: false, outbound: false },
    ];
    const s = settle(intents, [ann], result({ contacts: [ok('twitter:1', '003A')], cases: [fail('twitter:13', 'REQUIRED_FIELD_MISSING')], comments: [fail('twitter:14', 'DEPENDENCY_FAILED')] }));
    expect(s.posts.map((p) => p.kind)).toEqual(['dead', 'dead']);
    expect(s.deadLetters.map((d) => [d.postId, d.code])).toEqual([['twitter:13', 'REQUIRED_FIELD_MISSING'], ['twitter:14', 'DEPENDENCY_FAILED']]);
    expect(s.identities).toEqual([]); // nothing of Ann's was written
  });

  it('a missing result is a NO_RESULT dead letter, not a synced post', () => {
    const ann = author('1');
    const s = settle([{ kind: 'case', p: prepared('13', '1'), author: ann, view: view({ externalKey: 'twitter:13' }), parent: undefined }], [ann], result({}));
    expect(s.posts[0]?.kind).toBe('dead');
    expect(s.deadLetters[0]?.code).toBe('NO_RESULT');
  });

  it('a refused reopen keeps the comment synced and adds a dead letter saying the Case stays closed', () => {
    const intents: PostIntent[] = [{ kind: 'comment', p: prepared('14', '1'), target: view({ id: '500A' }), reopen: true, outbound: false }];
    const s = settle(intents, [author('1', { contactId: '003A', contactRef: { id: '003A' }, method: 'providerId', upsert: undefined })], result({ reopens: [fail('twitter:14', 'INVALID_STATUS')], comments: [ok('twitter:14', '00aA')] }));
    expect(s.posts.map((p) => p.kind)).toEqual(['comment']);
    expect(s.posts[0]).toMatchObject({ reopened: false, reopenLetter: { code: 'INVALID_STATUS' } });
    expect(announced(s).map(([name]) => name)).toEqual(['commentAdded', 'deadLettered']); // no caseReopened
    expect(s.deadLetters[0]?.reason).toMatch(/stays closed/);
  });

  it('an accepted reopen is announced with the comment', () => {
    const s = settle([{ kind: 'comment', p: prepared('14', '1'), target: view({ id: '500A' }), reopen: true, outbound: false }], [], result({ reopens: [ok('twitter:14', '500A')], comments: [ok('twitter:14', '00aA')] }));
    expect(s.posts[0]).toMatchObject({ kind: 'comment', reopened: true, caseId: '500A' });
    expect(announced(s)).toEqual([
      ['caseReopened', { postId: 'twitter:14', caseId: '500A', threadKey: 'twitter:14' }],
      ['commentAdded', { postId: 'twitter:14', caseId: '500A', commentId: '00aA', outbound: false }],
    ]);
  });

  it('counts a match once per new link: not when the state already links the author to that Contact', () => {
    const matched = author('1', { contactId: '003A', contactRef: { id: '003A' }, method: 'handle', confidence: 0.9, upsert: undefined });
    const intents: PostIntent[] = [{ kind: 'case', p: prepared('13', '1'), author: matched, view: view({ externalKey: 'twitter:13' }), parent: undefined }];
    const r = result({ cases: [ok('twitter:13', '500B')] });
    expect(settle(intents, [matched], r).contacts).toEqual([{ kind: 'matched', matched: { identityKey: 'twitter:1', contactId: '003A', method: 'handle', confidence: 0.9, previousHandle: undefined } }]);
    const known: IdentityRecord = { key: 'twitter:1', contactId: '003A', handle: 'u1', method: 'handle', confidence: 0.9, updatedAt: AT };
    expect(settle(intents, [matched], r, [known]).contacts).toEqual([]);
  });

  it('a Contact made for the author and found again by its provider id keeps the link as made (created), so it is not rewritten', () => {
    const found = author('1', { contactId: '003A', contactRef: { id: '003A' }, method: 'providerId', confidence: 1, upsert: undefined });
    const intents: PostIntent[] = [{ kind: 'case', p: prepared('13', '1'), author: found, view: view({ externalKey: 'twitter:13' }), parent: undefined }];
    const r = result({ cases: [ok('twitter:13', '500B')] });
    const made: IdentityRecord = { key: 'twitter:1', contactId: '003A', handle: 'u1', method: 'created', confidence: 1, updatedAt: '2026-01-01T00:00:00.000Z' };
    expect(settle(intents, [found], r, [made]).identities).toEqual([{ key: 'twitter:1', contactId: '003A', handle: 'u1', method: 'created', confidence: 1, updatedAt: AT }]);
    // Another Contact, or no record: the match says how it was found.
    expect(settle(intents, [found], r, [{ ...made, contactId: '003B' }]).identities[0]?.method).toBe('providerId');
    expect(settle(intents, [found], r).identities[0]?.method).toBe('providerId');
    // A link made by handle and now confirmed by id is stronger: it is written.
    expect(settle(intents, [found], r, [{ ...made, method: 'handle', confidence: 0.9 }]).identities[0]).toMatchObject({ method: 'providerId', confidence: 1 });
  });

  it('a refused Contact update is lettered on the author\'s written post, the post itself synced', () => {
    const renamed = author('1', { contactId: '003A', contactRef: { id: '003A' }, method: 'providerId', upsert: { key: 'twitter:1', id: '003A', fields: {} as never } });
    const intents: PostIntent[] = [{ kind: 'case', p: prepared('13', '1'), author: renamed, view: view({ externalKey: 'twitter:13' }), parent: undefined }];
    const s = settle(intents, [renamed], result({ contacts: [fail('twitter:1', 'FIELD_INTEGRITY')], cases: [ok('twitter:13', '500B')] }));
    expect(s.posts.map((p) => p.kind)).toEqual(['case']);
    expect(s.deadLetters).toEqual([expect.objectContaining({ postId: 'twitter:13', code: 'FIELD_INTEGRITY', reason: expect.stringContaining('the post itself was synced') })]);
  });

  it('names the parent Case of a follow-up by its id, resolving a parent planned in the same plan', () => {
    const ann = author('1', { contactId: '003A', contactRef: { id: '003A' }, method: 'providerId', upsert: undefined });
    const intents: PostIntent[] = [
      { kind: 'case', p: prepared('13', '1'), author: ann, view: view({ externalKey: 'twitter:13' }), parent: undefined },
      { kind: 'case', p: prepared('16', '1'), author: ann, view: view({ externalKey: 'twitter:16' }), parent: view({ externalKey: 'twitter:13' }) },
    ];
    const s = settle(intents, [ann], result({ cases: [ok('twitter:13', '500B'), ok('twitter:16', '500C')] }));
    expect(s.posts[1]).toMatchObject({ kind: 'case', parentId: '500B', contactId: '003A' });
    expect(announced(s)[1]).toEqual(['caseCreated', { postId: 'twitter:16', caseId: '500C', threadKey: 'twitter:16', contactId: '003A', parentId: '500B', priority: 'Medium', reasons: ['r'] }]);
  });
});
