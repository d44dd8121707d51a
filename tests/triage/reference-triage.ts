/**
 * The triage as it was before its fast paths (verbatim, with the reference keyword matcher, content
 * text and sentiment scorer), the reference tests/triage/triage-fast-path.test.ts checks against.
 */
import type { Priority } from '../../src/model/drafts.js';
import type { SocialIdentity, SocialPost } from '../../src/model/social-post.js';
import { isBrandAuthor, type BrandConfig } from '../../src/triage/brand.js';
import { sanitizeText } from '../../src/mapping/text-limits.js';
import type { TriageConfig, TriageRule } from '../../src/triage/triage-config.js';
import type { Triage, TriageAction, TriageDecision } from '../../src/triage/triage.js';
import { referenceContentText as contentText } from '../mapping/reference-text.js';
import { referenceKeywords as compileKeywords, type KeywordMatcher } from './reference-keywords.js';
import { referenceScore } from './reference-sentiment.js';

const createSentimentScorer = () => referenceScore;

type Influence = 'low' | 'medium' | 'high';
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

function influenceOf(
  author: SocialIdentity,
  cfg: TriageConfig['priority']['influence'],
): { level: Influence; reason?: string } {
  const followers = author.followers ?? 0;
  if (author.followers !== undefined && followers >= cfg.highFollowers) {
    return { level: 'high', reason: `influence: ${followers} followers` };
  }
  if (author.verified === true && cfg.verifiedIsHigh) return { level: 'high', reason: 'verified author' };
  if (author.followers !== undefined && followers >= cfg.mediumFollowers) {
    return { level: 'medium', reason: `influence: ${followers} followers` };
  }
  return { level: 'low' };
}

/**
 * Builds the triage function. Order: a repost (when `ignoreReposts`, and always the brand's
 * own reposts) → `ignore`; the brand's own account → `outbound`; an empty text (when `ignoreEmpty`) → `ignore`; the first matching
 * rule; else `case`. A repost never opens a Case: a rule's `case` becomes `comment`. Priority starts
 * at the default; an urgent keyword makes it High, a negative sentiment raises it one step, high
 * influence makes it High, medium influence raises it one step, a positive sentiment without urgent
 * keyword lowers it to Low unless influence is high; a matching rule's priority overrides all that.
 */
export function referenceTriage(config: TriageConfig, brand: BrandConfig): Triage {
  const scoreOf = createSentimentScorer();
  const urgent = compileKeywords(config.priority.urgentKeywords);
  const rules: CompiledRule[] = config.rules.map((rule) => ({
    rule,
    keywords: rule.when.keywords === undefined ? undefined : compileKeywords(rule.when.keywords),
  }));
  const prio = config.priority;

  return (post) => {
    const text = sanitizeText(post.text);
    const content = contentText(text);
    const sentiment = scoreOf(text, content).score;
    const influence = influenceOf(post.author, prio.influence);
    const decide = (action: TriageAction, priority: Priority, reasons: string[]): TriageDecision => ({
      action,
      priority,
      reasons,
      sentiment,
      influence: influence.level,
    });

    if (post.kind === 'repost' && (config.ignoreReposts || isBrandAuthor(post.author, brand))) return decide('ignore', prio.default, ['repost']);
    if (isBrandAuthor(post.author, brand)) return decide('outbound', prio.default, [`brand account @${post.author.handle}`]);
    if (config.ignoreEmpty && text.trim() === '') return decide('ignore', prio.default, ['empty text']);

    const reasons: string[] = [];
    const matched = rules.find((r) => ruleMatches(r, { post, content, sentiment }));
    let action: TriageAction = matched?.rule.action ?? 'case';
    if (matched !== undefined) reasons.push(`rule '${matched.rule.name}' → ${action}`);
    if (action === 'ignore') return decide(action, prio.default, reasons);
    if (post.kind === 'repost' && action === 'case') {
      action = 'comment';
      reasons.push('repost never opens a Case → comment');
    }

    let priority: Priority = prio.default;
    const set = (next: Priority, reason: string): void => {
      if (next === priority) return;
      priority = next;
      reasons.push(reason);
    };
    const urgentWord = urgent(content);
    if (urgentWord !== undefined) set('High', `keyword '${urgentWord}'`);
    if (sentiment < prio.negativeBelow) set(STEP_UP[priority], `negative sentiment (${sentiment})`);
    if (influence.level === 'high') set('High', influence.reason ?? 'high influence');
    if (influence.level === 'medium') set(STEP_UP[priority], influence.reason ?? 'medium influence');
    if (sentiment > prio.positiveAbove && urgentWord === undefined && influence.level !== 'high') {
      set('Low', `positive sentiment (${sentiment})`);
    }
    const rulePriority = matched?.rule.priority;
    if (rulePriority !== undefined && matched !== undefined) set(rulePriority, `rule '${matched.rule.name}' → priority ${rulePriority}`);
    return decide(action, priority, reasons);
  };
}
