/**
 * Writes the demo data: examples/data/sample-posts.jsonl and examples/data/seed-crm.json.
 * Deterministic: the same code always writes the same bytes. Run: `npx tsx examples/data/make-sample.ts`.
 *
 * Brand: Acme Telecom, @AcmeHelp (id 900000000000000001) and @AcmeTelecom (id 900000000000000002).
 * Post ids are `1980` + block (3 digits) + `000000` + n (6 digits); e.g. block 60 post 1 = 1980060000000000001.
 * Valid posts are written in createdAt order; 3 duplicates sit at fixed line numbers. The 4 invalid lines
 * go to bad-lines.jsonl (with 3 valid neighbours), so the demo runs clean.
 *
 * SCENARIOS (ids)
 * Ids below drop the common shape: `B60/1` means block 60, n 1 = 1980060000000000001.
 * Seeded records (seed-crm.json): Contacts 0035g00000AcMeC001–012, Cases 5005g00000AcMeK001–008
 * (caseNumber 00001001–00001008), comments 00a5g00000AcMeM001–004. Customer ids are 14000xxxxx.
 *
 * - Singles (blocks 1–4): complaints B1 (34 posts: outage, billing, charged twice, slow internet,
 *   cancelled order; 17 answered), questions B2 (20; 13 answered), praise B3 (14; 4 answered),
 *   es/fr/de B4 (10; 3 answered). An answer by @AcmeHelp has the id right after its post's
 *   (e.g. B1/1 jess_mk → answer B1/2). Three B4 posts carry a +02:00 offset in createdAt.
 * - Multi-turn threads B10–B27 (18 threads, customer ↔ @AcmeHelp, B23 also @AcmeTelecom), each n 1..k
 *   in reply order, sizes 8,7,9,5,4,6,5,7,5,10,3,4,5,6,7,5,3,7 (root + replies). Explicit threadId on
 *   B10,12,14,16,18,20,22,24,26; derived on the others. B19 has two brand replies in a row (the second
 *   @mentions jess_mk).
 * - Deep chain B50/1 (kev_on_hold, 1400000046) + 104 replies B50/2..105 alternating @AcmeHelp/customer,
 *   no threadId anywhere (derived through 104 parents).
 * - Broadcast B60/1 by @AcmeTelecom (threadId set). Six customers reply under it: B60/2 hannahplays,
 *   /3 benj_farm, /4 fatima_z, /5 ingrid_n, /6 will_b_smallbiz, /7 gus_mechanic (→ 6 Cases, parent =
 *   the thread's first Case if any). @AcmeHelp answers /8 (ben), /10 (will), /11 (fatima); /9 ben
 *   follows up. /12, /13 are @AcmeTelecom replying to its own broadcast (no customer: never a Case).
 * - DMs B61 (kind direct_message, threadId dm-<customer id>): tomasz_b /1–4, rosa_mtz /5–7 (es),
 *   paulwrites /8–9, owen_j /10–12 (DM only). Brand DMs carry inReplyTo the customer's DM.
 * - Reposts B62/1–5 (/1,/2 of the broadcast, /3 of frank's complaint B1/13, /4 of kim's B1/42,
 *   /5 @AcmeTelecom reposting ravi_s's praise); quotes B62/6 (quinn_x, 250k verified, quoting B1/13),
 *   /7 (mo_streams, quoting the broadcast), /8 (ingrid_n quoting lola_runs's B1/36).
 * - Bystander B63: /1 eli_r root, /2 @AcmeHelp to eli, /3 chris_p replies under eli's root (bystander →
 *   own Case), /4 @AcmeHelp to chris (@chris_p first, then @eli_r), /5 dora_explores (second bystander,
 *   replying to /2), /6 eli follows up.
 * - Rename B64: user 1400000401 as jkowalski_88 (/1, /3) then as jordan_kowalski (/4); brand /2, /5.
 * - Two threads B65: bea_santos /1 (+ /2 brand, /3 bea) and a separate top-level /4 (+ /5 brand).
 * - Seeded matches B66: /1 danawhitfield by provider id 1400000301 (Contact C001 has old handle
 *   dana_whit → handle update); /3 rajp_builds by handle (C002 has RajP_Builds, no socialId); /6
 *   lenaf_berlin by email lena.fischer@example.de (C003, no handle); /8 maggie_oye "Margaret Oyelaran"
 *   (C004 name only → suggestion, NOT a merge); /10 chenwei_dev (C010, whose Case K006 closed
 *   2026-09-30) with a new top-level post → new Case. Brand replies /2, /4, /7, /9; raj follows up /5.
 * - Resumed threads B67 (replies to roots NOT in the file, explicit threadId = root id):
 *   /1 tomokafor in thread 1979000000000000101, 2 days 30 min after Case 00001001 (K001) closed → reopen;
 *   /3 sofiamarquez in thread 1979000000000000102, exactly 40 days after 00001002 (K002) closed → new
 *   Case with parentId K002; /5 priya_r in thread 1979000000000000103 of OPEN Case 00001003 (K003) →
 *   comment. Brand replies /2, /4, /6.
 * - Hostile but valid B70: /1 quotes, backslashes, literal \n, real LF and CRLF; /2 SOQL-ish
 *   `' OR Name LIKE '%`; /3 ZWJ family, flags, skin tones; /4 exactly 10,000 chars; /5 \u0000 \u0007
 *   \u001b, tab, form feed, DEL (display name has \u0007 too); /6 empty text ""; /7 Arabic (RTL);
 *   /8 Hebrew + U+202E override; /9 author with a 300-char display name (/10 brand reply);
 *   /11 <script>, {{…}}, ${…}, %s; /12 U+2028, U+2029, zero-width space, BOM, Zalgo; /13 "@ACMEHELP".
 * - INVALID lines, in bad-lines.jsonl (exactly 4, ids in block 71): line 2 not JSON; line 4 B71/2
 *   missing author.handle; line 5 B71/3 createdAt "yesterday"; line 7 B71/4 text is the number 12345
 *   (lines 1, 3, 6: valid posts B72/1..3).
 * - Exact duplicate lines (exactly 3): line 100 repeats B1/1, line 210 repeats B10/1, the last line
 *   (407) repeats B60/1.
 * Totals: 407 lines, 404 distinct valid posts (162 by the brand accounts).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SocialPostInput } from '../../src/model/social-post.js';
import { isMainModule } from '../../bench/twitter-text.js';
import { SampleBuilder } from './sample/build.js';
import { addDeepChain } from './sample/chain.js';
import { addRename, addResumedThreads, addSeedMatches, addTwoThreads } from './sample/crm-scenarios.js';
import { addHostile, INVALID_LINES } from './sample/hostile.js';
import { buildSeedCrm, type SeedCrm } from './sample/seed.js';
import { addSingles } from './sample/singles.js';
import { addBroadcast, addBystander, addDirectMessages, addRepostsAndQuotes } from './sample/special.js';
import { addThreads } from './sample/threads.js';

/** Where the demo posts are written. */
export const SAMPLE_POSTS_PATH = fileURLToPath(new URL('./sample-posts.jsonl', import.meta.url));
/** Where the seeded local CRM is written. */
export const SEED_CRM_PATH = fileURLToPath(new URL('./seed-crm.json', import.meta.url));

/** Where the 4 invalid lines live (kept out of the demo, which should run clean; see examples/bad-lines.config.yaml). */
export const BAD_LINES_PATH = fileURLToPath(new URL('./bad-lines.jsonl', import.meta.url));
/** 1-based line numbers of the 4 invalid lines in bad-lines.jsonl, in the order of INVALID_LINES. */
export const INVALID_LINE_NUMBERS = [2, 4, 5, 7] as const;
/** Exact duplicate lines: `line` repeats the post `of` (whose first copy is on an earlier line). */
export const DUPLICATE_LINES = [
  { line: 100, of: '1980001000000000001' },
  { line: 210, of: '1980010000000000001' },
  { line: 'last', of: '1980060000000000001' },
] as const;

/** Post ids of every scenario, by name (see the header comment). */
export type SampleScenarios = Record<string, Record<string, string | string[]> | string[] | string[][]>;

/** Everything make-sample writes, built in memory. */
export interface Sample {
  /** Lines of sample-posts.jsonl, without newlines. */
  readonly lines: string[];
  /** The valid posts, in file order (duplicates not repeated). */
  readonly posts: SocialPostInput[];
  readonly seed: SeedCrm;
  readonly scenarios: SampleScenarios;
}

/** Builds the demo data deterministically. */
export function buildSample(): Sample {
  const b = new SampleBuilder();
  addSingles(b);
  const threads = addThreads(b);
  const chain = addDeepChain(b);
  const scenarios: SampleScenarios = {
    threads: threads.map((t) => t.map((p) => p.id)),
    deepChain: { root: chain[0]?.id ?? '', last: chain[chain.length - 1]?.id ?? '', count: String(chain.length) },
    broadcast: addBroadcast(b),
    directMessages: addDirectMessages(b),
    repostsAndQuotes: {},
    bystander: addBystander(b),
    rename: addRename(b),
    twoThreads: addTwoThreads(b),
    seedMatches: addSeedMatches(b),
    resumed: addResumedThreads(b),
    hostile: addHostile(b),
  };
  scenarios['repostsAndQuotes'] = addRepostsAndQuotes(b);

  const posts = b.posts
    .map((p, i) => ({ p, i }))
    .sort((x, y) => Date.parse(x.p.createdAt) - Date.parse(y.p.createdAt) || x.i - y.i)
    .map(({ p }) => p);
  const lines = posts.map((p) => JSON.stringify(p));
  const byId = new Map(posts.map((p, i) => [p.id, lines[i] ?? '']));
  const inserts: { at: number; line: string }[] = [
    ...DUPLICATE_LINES.flatMap((d) => (d.line === 'last' ? [] : [{ at: d.line, line: byId.get(d.of) ?? '' }])),
  ].sort((x, y) => x.at - y.at);
  for (const { at, line } of inserts) lines.splice(at - 1, 0, line);
  for (const d of DUPLICATE_LINES) if (d.line === 'last') lines.push(byId.get(d.of) ?? '');
  for (const d of DUPLICATE_LINES) {
    const first = lines.indexOf(byId.get(d.of) ?? '\u0000');
    const dup = d.line === 'last' ? lines.length : d.line;
    if (first === -1 || first + 1 >= dup) throw new Error(`sample: duplicate of ${d.of} must come after its first copy`);
  }
  return { lines, posts, seed: buildSeedCrm(), scenarios };
}

/**
 * Lines of bad-lines.jsonl: the 4 invalid lines at INVALID_LINE_NUMBERS among valid posts of their own
 * (ids in block 72), so a run shows dead letters and goes on with the rest.
 */
export function buildBadLines(): string[] {
  const valid = [1, 2, 3].map((n) =>
    JSON.stringify({
      id: `198007200000000000${n}`,
      provider: 'twitter',
      text: n === 2 ? '@AcmeHelp still waiting for the engineer, third day now' : `@AcmeHelp is the app down again? (${n})`,
      createdAt: `2026-11-20T1${n}:00:00.000Z`,
      author: { provider: 'twitter', id: `14000009${n}0`, handle: `bad_lines_neighbour_${n}` },
    }),
  );
  const lines = [...valid];
  INVALID_LINES.forEach((l, i) => lines.splice((INVALID_LINE_NUMBERS[i] ?? 1) - 1, 0, l.line));
  return lines;
}

function main(): void {
  const { lines, posts, seed } = buildSample();
  writeFileSync(SAMPLE_POSTS_PATH, `${lines.join('\n')}\n`);
  writeFileSync(BAD_LINES_PATH, `${buildBadLines().join('\n')}\n`);
  const crm = { cases: seed.cases, contacts: seed.contacts, comments: seed.comments };
  writeFileSync(SEED_CRM_PATH, `${JSON.stringify(crm, null, 2)}\n`);
  process.stderr.write(`${lines.length} lines (${posts.length} valid posts) → ${SAMPLE_POSTS_PATH}\n`);
}

if (isMainModule(import.meta.url)) main();
