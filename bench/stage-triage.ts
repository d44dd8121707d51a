/**
 * Triage stage benchmark: CPU µs per post of `createTriage` (default rules, the synthetic brands)
 * and of its parts, over the 200k-post profile input and the real tweets when present.
 *
 * `node --import tsx bench/stage-triage.ts [posts.jsonl]`
 */
import { contentText } from '../src/mapping/content-text.js';
import { sanitizeText } from '../src/mapping/text-limits.js';
import { createSentimentScorer } from '../src/triage/sentiment.js';
import { createTriage, TriageConfigSchema } from '../src/triage/triage.js';
import { SYNTHETIC_BRAND_CONFIG } from './pipeline.js';
import { benchPostSets, cpuMicrosPerItem } from './stage-triage-inputs.js';

const triage = createTriage(TriageConfigSchema.parse({}), { handles: SYNTHETIC_BRAND_CONFIG.handles, ids: SYNTHETIC_BRAND_CONFIG.ids });
const score = createSentimentScorer();

for (const { name, posts } of benchPostSets()) {
  const texts = posts.map((p) => sanitizeText(p.text));
  const contents = texts.map((t) => contentText(t));
  const pairs = texts.map((t, i) => [t, contents[i] ?? ''] as const);
  const figures = {
    triage: cpuMicrosPerItem(posts, triage),
    sanitizeText: cpuMicrosPerItem(posts, (p) => sanitizeText(p.text)),
    contentText: cpuMicrosPerItem(texts, contentText),
    sentiment: cpuMicrosPerItem(pairs, ([t, c]) => score(t, c)),
  };
  const line = Object.entries(figures).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ');
  console.log(`${name} (${posts.length} posts): CPU µs/post: ${line}`);
}
