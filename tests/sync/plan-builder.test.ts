import { describe, expect, it } from 'vitest';
import type { CaseDraft, CommentDraft } from '../../src/model/drafts.js';
import { PlanBuilder } from '../../src/sync/plan-builder.js';

describe('PlanBuilder', () => {
  it('keys Cases and comments by their external post id, taking the caller\'s string only when it is that id', () => {
    const plan = new PlanBuilder();
    const held = ['twitter', '1'].join(':'); // an equal string, not the draft's own
    plan.addCase({ id: '003A' }, undefined, { externalPostId: 'twitter:1' } as CaseDraft, held);
    plan.addCase({ id: '003A' }, { id: '500A' }, { externalPostId: 'twitter:2' } as CaseDraft, 'twitter:999');
    plan.addComment({ externalKey: 'twitter:1' }, { externalPostId: 'twitter:3' } as CommentDraft, 'twitter:3');
    plan.addComment({ externalKey: 'twitter:1' }, { externalPostId: 'twitter:4' } as CommentDraft);
    const built = plan.build();
    expect(built.cases.map((c) => c.key)).toEqual(['twitter:1', 'twitter:2']);
    expect(built.cases[0]?.key).toBe(held);
    expect(built.cases[1]).toEqual({ key: 'twitter:2', contact: { id: '003A' }, parent: { id: '500A' }, fields: { externalPostId: 'twitter:2' } });
    expect(built.comments.map((c) => c.key)).toEqual(['twitter:3', 'twitter:4']);
  });
});
