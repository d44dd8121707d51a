/**
 * Mapping stage, part by part: CPU µs per call of the pieces a Case draft is made of, over the
 * first 20,000 posts of the profile input (each piece repeated, best of 5), to see where a draft's
 * time goes. `node --import tsx bench/stage-mapping-parts.ts [posts.jsonl]`
 */
import { createMapper, MappingConfigSchema } from '../src/mapping/field-mapping.js';
import { SALESFORCE_FIELD_LIMITS } from '../src/mapping/field-limits.js';
import { postValues } from '../src/mapping/placeholders.js';
import { collapseWhitespace, sanitizeText } from '../src/mapping/text-limits.js';
import { splitDisplayName } from '../src/mapping/contact-name.js';
import { cpuMicrosPerItem, jsonlPosts, PROFILE_POSTS_PATH } from './stage-triage-inputs.js';

const posts = jsonlPosts(process.argv[2] ?? PROFILE_POSTS_PATH).slice(0, 20_000);
const mapper = createMapper(MappingConfigSchema.parse({}), SALESFORCE_FIELD_LIMITS);
const ctx = { threadKey: 'twitter:1', priority: 'Medium', status: 'New', sentiment: -2 } as const;
const figures = {
  caseDraft: cpuMicrosPerItem(posts, (p) => mapper.caseDraft(p, ctx), 5),
  commentDraft: cpuMicrosPerItem(posts, (p) => mapper.commentDraft(p, { outbound: false }), 5),
  contactDraft: cpuMicrosPerItem(posts, (p) => mapper.contactDraft(p.author), 5),
  postValues: cpuMicrosPerItem(posts, (p) => postValues(p, ctx.priority, ctx.sentiment), 5),
  sanitizeText: cpuMicrosPerItem(posts, (p) => sanitizeText(p.text), 5),
  collapseWhitespace: cpuMicrosPerItem(posts, (p) => collapseWhitespace(p.text), 5),
  splitDisplayName: cpuMicrosPerItem(posts, (p) => splitDisplayName(p.author.displayName, p.author.handle), 5),
};
console.log(Object.entries(figures).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', '));
