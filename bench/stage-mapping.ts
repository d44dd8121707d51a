/**
 * Mapping stage benchmark: CPU µs per post of the drafts the engine builds for a post (a Case draft
 * for a `case`, a comment draft for a `comment` or `outbound`, a Contact draft for a customer's
 * author), with the default mapping and Salesforce's limits, and of each draft kind over all posts.
 *
 * `node --import tsx bench/stage-mapping.ts [posts.jsonl]`
 */
import { createMapper, MappingConfigSchema } from '../src/mapping/field-mapping.js';
import { SALESFORCE_FIELD_LIMITS } from '../src/mapping/field-limits.js';
import type { SocialPost } from '../src/model/social-post.js';
import { createTriage, TriageConfigSchema, type TriageDecision } from '../src/triage/triage.js';
import { SYNTHETIC_BRAND_CONFIG } from './pipeline.js';
import { benchPostSets, cpuMicrosPerItem } from './stage-triage-inputs.js';

const mapper = createMapper(MappingConfigSchema.parse({}), SALESFORCE_FIELD_LIMITS);
const triage = createTriage(TriageConfigSchema.parse({}), { handles: SYNTHETIC_BRAND_CONFIG.handles, ids: SYNTHETIC_BRAND_CONFIG.ids });
const caseContext = (decision: TriageDecision) => ({ threadKey: 'twitter:1', priority: decision.priority, status: 'New', sentiment: decision.sentiment });

/** The drafts the engine makes for one triaged post. */
function draftsOf([post, decision]: readonly [SocialPost, TriageDecision]): unknown {
  switch (decision.action) {
    case 'ignore':
      return null;
    case 'outbound':
      return mapper.commentDraft(post, { outbound: true });
    case 'comment':
      return [mapper.commentDraft(post, { outbound: false }), mapper.contactDraft(post.author)];
    case 'case':
      return [mapper.caseDraft(post, caseContext(decision)), mapper.contactDraft(post.author)];
  }
}

for (const { name, posts } of benchPostSets()) {
  const triaged = posts.map((p) => [p, triage(p)] as const);
  const figures = {
    drafts: cpuMicrosPerItem(triaged, draftsOf),
    caseDraft: cpuMicrosPerItem(triaged, ([p, d]) => mapper.caseDraft(p, caseContext(d))),
    commentDraft: cpuMicrosPerItem(posts, (p) => mapper.commentDraft(p, { outbound: false })),
    contactDraft: cpuMicrosPerItem(posts, (p) => mapper.contactDraft(p.author)),
  };
  const line = Object.entries(figures).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ');
  console.log(`${name} (${posts.length} posts): CPU µs/post: ${line}`);
}
