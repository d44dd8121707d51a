import type { Priority } from '../model/drafts.js';
import type { SocialIdentity, SocialPost } from '../model/social-post.js';
import { compileBrandAuthor, type BrandConfig } from './brand.js';
import { contentText } from '../mapping/content-text.js';
import { compileKeywordList, compileKeywords, firstKeyword, type KeywordMatcher } from './keywords.js';
import { scoreInto, type ScoredText } from './sentiment.js';
import { sanitizeText } from '../mapping/text-limits.js';
import type { TriageConfig, TriageRule } from './triage-config.js';

export {
  DEFAULT_URGENT_KEYWORDS,
  InfluenceConfigSchema,
  PriorityConfigSchema,
  RULE_ACTIONS,
  TriageConfigSchema,
  TriageRuleSchema,
  TriageRuleWhenSchema,
  type TriageConfig,
  type TriageConfigInput,
  type TriageRule,
} from './triage-config.js';

/** How far an author's voice carries. */
export type Influence = 'low' | 'medium' | 'high';

/**
 * What to do with a post. `outbound`: the brand's own post, logged as an outbound comment on the
 * thread's Case, never a Case. `case`: open a Case or join the author's Case in the thread.
 * `comment`: only join an existing Case of the author in the thread, never open one. `ignore`.
 */
export type TriageAction = 'ignore' | 'case' | 'comment' | 'outbound';

/** Triage outcome of one post, with the human-readable reasons for every change made. */
export interface TriageDecision {
  action: TriageAction;
  priority: Priority;
  reasons: string[];
  /** AFINN-165 sentiment score of the text (without @mentions and links). */
  sentiment: number;
  influence: Influence;
}

/** Decides what to do with one post. */
export type Triage = (post: SocialPost) => TriageDecision;

const STEP_UP: Readonly<Record<Priority, Priority>> = { Low: 'Medium', Medium: 'High', High: 'High' };

interface CompiledRule {
  readonly rule: TriageRule;
  readonly keywords: KeywordMatcher | undefined;
}

/** Facts about a post that rules look at. */
interface PostFacts {
  readonly post: SocialPost;
  readonly content: string;
  readonly sentiment: number;
}

/** True when `text` has at most `max` code points (stops counting past `max`). */
function hasAtMostCodePoints(text: string, max: number): boolean {
  if (text.length <= max) return true;
  let count = 0;
  for (const _ of text) if (++count > max) return false;
  return true;
}

function langMatches(lang: string | undefined, wanted: readonly string[]): boolean {
  if (lang === undefined) return false;
  const l = lang.toLowerCase();
  return wanted.some((w) => {
    const x = w.toLowerCase();
    return l === x || l.startsWith(`${x}-`);
  });
}

function ruleMatches({ rule, keywords }: CompiledRule, facts: PostFacts): boolean {
  const when = rule.when;
  const { post } = facts;
  if (when.kinds !== undefined && !when.kinds.includes(post.kind)) return false;
  if (when.lang !== undefined && !langMatches(post.lang, when.lang)) return false;
  if (when.minFollowers !== undefined && (post.author.followers ?? 0) < when.minFollowers) return false;
  if (when.sentimentBelow !== undefined && !(facts.sentiment < when.sentimentBelow)) return false;
  if (when.sentimentAbove !== undefined && !(facts.sentiment > when.sentimentAbove)) return false;
  if (when.maxLength !== undefined && !hasAtMostCodePoints(facts.content, when.maxLength)) return false;
  if (keywords !== undefined && keywords(facts.content) === undefined) return false;
  return true;
}

/** How far an author's voice carries (the reason is made only when it is given: {@link influenceReason}). */
function influenceOf(author: SocialIdentity, cfg: TriageConfig['priority']['influence']): Influence {
  const followers = author.followers ?? 0;
  if (author.followers !== undefined && followers >= cfg.highFollowers) return 'high';
  if (author.verified === true && cfg.verifiedIsHigh) return 'high';
  if (author.followers !== undefined && followers >= cfg.mediumFollowers) return 'medium';
  return 'low';
}

/** Why {@link influenceOf} gave `level` (high or medium): the follower count, or a verified author. */
function influenceReason(author: SocialIdentity, level: Influence, cfg: TriageConfig['priority']['influence']): string {
  if (level === 'high' && !(author.followers !== undefined && author.followers >= cfg.highFollowers)) return 'verified author';
  return `influence: ${author.followers ?? 0} followers`;
}

/** One decision (a plain function: no closure over the post is made for each post). */
function decide(action: TriageAction, priority: Priority, reasons: string[], sentiment: number, influence: Influence): TriageDecision {
  return { action, priority, reasons, sentiment, influence };
}

/** `content.toLowerCase()`, taken from the sentiment scan when it read `content` itself. */
function lowerOf(content: string, scored: ScoredText): string {
  return scored.lower !== undefined && scored.spaced === content ? scored.lower : content.toLowerCase();
}

/**
 * Builds the triage function. Order: a repost (when `ignoreReposts`, and always the brand's
 * own reposts) → `ignore`; the brand's own account → `outbound`; an empty text (when `ignoreEmpty`) → `ignore`; the first matching
 * rule; else `case`. A repost never opens a Case: a rule's `case` becomes `comment`. Priority starts
 * at the default; an urgent keyword makes it High, a negative sentiment raises it one step, high
 * influence makes it High, medium influence raises it one step, a positive sentiment without urgent
 * keyword lowers it to Low unless influence is high; a matching rule's priority overrides all that.
 */
export function createTriage(config: TriageConfig, brand: BrandConfig): Triage {
  const urgent = compileKeywordList(config.priority.urgentKeywords);
  // Filled by every post's sentiment scan (triage runs one post at a time).
  const scored: ScoredText = { score: 0, spaced: '', lower: undefined };
  const rules: CompiledRule[] = config.rules.map((rule) => ({
    rule,
    keywords: rule.when.keywords === undefined ? undefined : compileKeywords(rule.when.keywords),
  }));
  const prio = config.priority;
  const isBrandAuthor = compileBrandAuthor(brand);

  return (post) => {
    const text = sanitizeText(post.text);
    const content = contentText(text);
    scoreInto(scored, text, content);
    const sentiment = scored.score;
    const influence = influenceOf(post.author, prio.influence);

    const byBrand = isBrandAuthor(post.author);
    if (post.kind === 'repost' && (config.ignoreReposts || byBrand)) return decide('ignore', prio.default, ['repost'], sentiment, influence);
    if (byBrand) return decide('outbound', prio.default, [`brand account @${post.author.handle}`], sentiment, influence);
    if (config.ignoreEmpty && text.trim() === '') return decide('ignore', prio.default, ['empty text'], sentiment, influence);

    const reasons: string[] = [];
    const matched = rules.length === 0 ? undefined : rules.find((r) => ruleMatches(r, { post, content, sentiment }));
    let action: TriageAction = matched?.rule.action ?? 'case';
    if (matched !== undefined) reasons.push(`rule '${matched.rule.name}' → ${action}`);
    if (action === 'ignore') return decide(action, prio.default, reasons, sentiment, influence);
    if (post.kind === 'repost' && action === 'case') {
      action = 'comment';
      reasons.push('repost never opens a Case → comment');
    }

    // Each step changes the priority (and gives its reason) only when it differs from the current one.
    let priority: Priority = prio.default;
    const urgentWord = urgent === undefined ? undefined : firstKeyword(urgent, content, lowerOf(content, scored));
    if (urgentWord !== undefined && priority !== 'High') {
      priority = 'High';
      reasons.push(`keyword '${urgentWord}'`);
    }
    if (sentiment < prio.negativeBelow && STEP_UP[priority] !== priority) {
      priority = STEP_UP[priority];
      reasons.push(`negative sentiment (${sentiment})`);
    }
    if (influence === 'high' && priority !== 'High') {
      priority = 'High';
      reasons.push(influenceReason(post.author, influence, prio.influence));
    }
    if (influence === 'medium' && STEP_UP[priority] !== priority) {
      priority = STEP_UP[priority];
      reasons.push(influenceReason(post.author, influence, prio.influence));
    }
    if (sentiment > prio.positiveAbove && urgentWord === undefined && influence !== 'high' && priority !== 'Low') {
      priority = 'Low';
      reasons.push(`positive sentiment (${sentiment})`);
    }
    const rulePriority = matched?.rule.priority;
    if (rulePriority !== undefined && matched !== undefined && rulePriority !== priority) {
      priority = rulePriority;
      reasons.push(`rule '${matched.rule.name}' → priority ${rulePriority}`);
    }
    return decide(action, priority, reasons, sentiment, influence);
  };
}
