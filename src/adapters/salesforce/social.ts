/**
 * Social objects mode: beside each Case and comment, a `SocialPost` (and the author's
 * `SocialPersona`). Neither `SocialPost.ExternalPostId` nor `SocialPersona.ExternalId` is an External
 * ID field, so nothing can be upserted by them: the lookup asks for them (`WHERE ExternalPostId IN
 * (…)`, in its first Composite round), the adapter dedupes in memory, and after the Case and comment
 * writes it creates the missing ones — personas in one Composite round, then posts (which need the
 * persona ids) in another. A lost reply is never resent: those keys are looked for again next time.
 */
import type { ApplyWarning, CaseUpsert, CommentUpsert, CrmCallContext, ApplyResult, ItemResult, WritePlan } from '../types.js';
import type { SalesforceEnv } from './env.js';
import type { SocialSchema } from './describe.js';
import { MAX_COLLECTION_RECORDS, packComposites, sendComposite, type Subrequest } from './composite.js';
import { chunkBy } from '../kit/chunk.js';
import { chunkQuery, queryPath } from './query-builder.js';
import { runQueries } from './query-runner.js';
import { splitKey } from './rows.js';
import { personaRecord, providerValue, socialPostRecord, type WantedPost } from './social-records.js';
import { QueryReplySchema, SaveResultSchema, type CompositeSubresponse } from './wire-schemas.js';
import { errorsOfBody } from './errors.js';

/** Times a refused SocialPost create is tried again by later applies of the same adapter. */
export const SOCIAL_REFUSAL_RETRIES = 3;

/** Queries for the SocialPosts of `postKeys` and the SocialPersonas of `authorKeys` (`provider:id` each). */
export function socialQueries(env: SalesforceEnv, postKeys: readonly string[], authorKeys: readonly string[]): string[] {
  const ids = (keys: readonly string[]): string[] => [...new Set(keys.flatMap((k) => splitKey(k)?.id ?? []))];
  return [
    ...chunkQuery({ select: ['Id', 'ExternalPostId', 'Provider', 'ParentId'], from: 'SocialPost', terms: [{ field: 'ExternalPostId', values: ids(postKeys) }] }, env.queryOptions()),
    ...chunkQuery({ select: ['Id', 'ExternalId', 'Provider', 'ParentId'], from: 'SocialPersona', terms: [{ field: 'ExternalId', values: ids(authorKeys) }] }, env.queryOptions()),
  ];
}

/** Records what the social queries found: rows are matched to the asked keys by provider and id. */
export function learnSocial(env: SalesforceEnv, schema: SocialSchema, postKeys: readonly string[], authorKeys: readonly string[], rows: readonly Record<string, unknown>[]): void {
  const k = env.knowledge;
  const index = (keys: readonly string[]): Map<string, string> => {
    const out = new Map<string, string>();
    for (const key of keys) {
      const split = splitKey(key);
      if (split !== undefined) out.set(`${providerValue(split.provider, schema)}|${split.id}`, key);
    }
    return out;
  };
  const posts = index(postKeys);
  const authors = index(authorKeys);
  for (const row of rows) {
    const id = row['Id'];
    const provider = row['Provider'];
    if (typeof id !== 'string' || typeof provider !== 'string') continue;
    const attributes = row['attributes'] as { type?: unknown } | undefined;
    const type = attributes?.type ?? (typeof row['ExternalPostId'] === 'string' ? 'SocialPost' : 'SocialPersona');
    if (type === 'SocialPost' && typeof row['ExternalPostId'] === 'string') {
      const key = posts.get(`${provider}|${row['ExternalPostId']}`);
      if (key !== undefined && !k.socialPostByKey.has(key)) k.socialPostByKey.set(key, id);
    } else if (type === 'SocialPersona' && typeof row['ExternalId'] === 'string') {
      const key = authors.get(`${provider}|${row['ExternalId']}`);
      if (key !== undefined && !k.personaByKey.has(key)) k.personaByKey.set(key, id);
    }
  }
  for (const key of postKeys) k.socialChecked.add(key);
  for (const key of authorKeys) k.personaChecked.add(key);
}

function caseKeyOf(env: SalesforceEnv, caseId: string): string | undefined {
  for (const [key, id] of env.knowledge.caseIdByKey) if (id === caseId) return key;
  return undefined;
}

const firstLine = (text: string): string => (text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '').trim();

/** The Contact carrying External ID `authorKey`, from what the adapter learned. */
function contactOfAuthor(env: SalesforceEnv, authorKey: string): string | undefined {
  for (const [id, external] of env.knowledge.contactExternalId) if (external === authorKey) return id;
  return undefined;
}

/**
 * Direction and author of a comment's post, as the lookup request told ({@link LookupRequest.posts}):
 * an inbound post's author becomes the SocialPost's persona and `Handle`. Undefined when not told.
 */
function commentAuthor(env: SalesforceEnv, key: string, contactOf: (authorKey: string) => string | undefined): Pick<WantedPost, 'outbound' | 'contactId' | 'authorKey' | 'handle' | 'realName' | 'followers'> | undefined {
  const info = env.knowledge.postInfo.get(key);
  if (info === undefined) return undefined;
  if (info.outbound) return { outbound: true };
  const authorKey = `${info.author.provider}:${info.author.id}`;
  return { outbound: false, authorKey, contactId: contactOf(authorKey), handle: info.author.handle, realName: info.author.displayName?.trim() || undefined, followers: info.author.followers };
}

/** The posts of an applied plan that should have a SocialPost: every Case and comment written or found. */
export function wantedOfPlan(env: SalesforceEnv, plan: WritePlan, result: ApplyResult): WantedPost[] {
  const k = env.knowledge;
  const contacts = new Map(plan.contacts.map((c, i) => [c.key, { upsert: c, id: result.contacts[i]?.ok === true ? result.contacts[i]?.id : undefined }]));
  const wanted: WantedPost[] = [];
  const author = (c: CaseUpsert): Pick<WantedPost, 'contactId' | 'authorKey' | 'handle' | 'realName' | 'followers'> => {
    if ('id' in c.contact) {
      const external = k.contactExternalId.get(c.contact.id);
      return { contactId: c.contact.id, authorKey: external ?? undefined, handle: k.contactHandle.get(c.contact.id) };
    }
    const planned = contacts.get(c.contact.externalKey);
    const fields = planned?.upsert.fields;
    const provider = splitKey(c.contact.externalKey)?.provider;
    const handle = fields?.handles.find((h) => h.provider === provider)?.handle ?? fields?.handles[0]?.handle;
    const realName = fields === undefined ? undefined : [fields.firstName, fields.lastName].filter((s) => s !== undefined && s !== '').join(' ');
    return { contactId: planned?.id, authorKey: c.contact.externalKey, handle, realName, followers: fields?.followers };
  };
  plan.cases.forEach((c, i) => {
    const r = result.cases[i];
    if (r?.ok !== true || r.id === undefined) return;
    const parentKey = c.parent === undefined ? undefined : 'id' in c.parent ? caseKeyOf(env, c.parent.id) : c.parent.externalKey;
    wanted.push({ key: c.key, caseId: r.id, ...author(c), outbound: false, reply: c.parent !== undefined, content: c.fields.description, name: c.fields.subject, posted: c.fields.createdAt, replyToKey: parentKey });
  });
  plan.comments.forEach((m: CommentUpsert, i) => {
    if (result.comments[i]?.ok !== true) return;
    const caseId = 'id' in m.case ? m.case.id : k.caseIdByKey.get(m.case.externalKey);
    if (caseId === undefined) return;
    const caseKey = 'id' in m.case ? caseKeyOf(env, m.case.id) : m.case.externalKey;
    const who = commentAuthor(env, m.key, (authorKey) => contacts.get(authorKey)?.id ?? contactOfAuthor(env, authorKey));
    wanted.push({ key: m.key, caseId, ...who, outbound: m.fields.outbound, reply: true, content: m.fields.body, name: firstLine(m.fields.body), posted: m.fields.createdAt, replyToKey: caseKey });
  });
  return wanted;
}

/**
 * Subrequests that ride in a write Composite the adapter sends anyway (room under the 25 /
 * 5-collections limits permitting). `settle` gets the replies of those that went (`sent`); `lost`
 * when the Composite was retried after a lost reply (riders are never resent).
 */
export interface Riders {
  readonly subs: readonly Subrequest[];
  settle(replies: ReadonlyMap<string, CompositeSubresponse>, lost: boolean, sent: readonly Subrequest[]): void;
}

/**
 * The SocialPost / SocialPersona queries for the posts and authors of `plan` not looked for yet (a
 * plan applied without a lookup first), to ride in the first write Composite: the social round
 * then needs no check call of its own. Undefined when social objects are off or all are known.
 */
export function socialCheckOfPlan(env: SalesforceEnv, plan: WritePlan): Riders | undefined {
  const schema = env.socialSchema();
  if (schema === undefined) return undefined;
  const k = env.knowledge;
  const postKeys = [...new Set([...plan.cases.map((c) => c.key), ...plan.comments.map((m) => m.key)])].filter((key) => !k.socialChecked.has(key));
  const authorKeys = [...new Set(plan.cases.flatMap((c) => ('externalKey' in c.contact ? [c.contact.externalKey] : (k.contactExternalId.get(c.contact.id) ?? []))))].filter((key) => !k.personaChecked.has(key));
  const queries = socialQueries(env, postKeys, authorKeys);
  if (queries.length === 0) return undefined;
  const subs: Subrequest[] = queries.map((soql, i) => ({ limited: true, method: 'GET', url: queryPath(env.apiVersion, soql), referenceId: `r${i}` }));
  return {
    subs,
    settle(replies, _lost, sent) {
      if (sent.length !== subs.length) return; // not all went: the social round checks for itself
      const rows = sent.flatMap((q) => {
        const reply = replies.get(q.referenceId);
        const parsed = reply !== undefined && reply.httpStatusCode < 300 ? QueryReplySchema.safeParse(reply.body) : undefined;
        return parsed?.success === true && parsed.data.done ? [parsed.data.records] : [];
      });
      if (rows.length === sent.length) learnSocial(env, schema, postKeys, authorKeys, rows.flat());
    },
  };
}

/** The SocialPersonas `wanted` lacks whose absence is known (looked for, not found): one per author. */
function personasToCreate(env: SalesforceEnv, schema: SocialSchema, wanted: readonly WantedPost[]): { key: string; record: Record<string, unknown>; post: WantedPost }[] {
  const k = env.knowledge;
  const byAuthor = new Map<string, WantedPost>();
  for (const w of wanted) {
    if (w.outbound || w.authorKey === undefined || k.personaByKey.has(w.authorKey) || !k.personaChecked.has(w.authorKey) || byAuthor.has(w.authorKey)) continue;
    if (k.socialPostByKey.has(w.key)) continue;
    byAuthor.set(w.authorKey, w);
  }
  return [...byAuthor.values()].flatMap((w) => {
    const record = personaRecord(w, schema);
    return record === undefined ? [] : [{ key: w.authorKey as string, record, post: w }];
  });
}

/** What became of persona creates: ids learned, refusals warned, a lost reply looked for again. */
function settlePersonas(env: SalesforceEnv, personas: readonly { key: string; post: WantedPost }[], outcome: { ids: ReadonlyMap<number, string>; lost: ReadonlySet<number>; refused: ReadonlyMap<number, { code: string; message: string }> }): void {
  const k = env.knowledge;
  for (const [i, id] of outcome.ids) k.personaByKey.set(personas[i]?.key ?? '', id);
  for (const i of outcome.lost) k.personaChecked.delete(personas[i]?.key ?? '');
  for (const [i, error] of outcome.refused) {
    const p = personas[i];
    if (p !== undefined) k.socialWarnings.push({ postId: p.post.key, code: error.code, reason: `SocialPersona of ${p.key} not created (${error.code}: ${error.message}); its SocialPost goes without PersonaId, the persona is tried again with the author's next post` });
  }
}

/** Reads the SaveResults of a collection create reply: ids, refusals (a lost reply counts as lost). */
function readCreates(reply: CompositeSubresponse | undefined, count: number, lost: boolean): { ids: Map<number, string>; lost: Set<number>; refused: Map<number, { code: string; message: string }> } {
  const out = { ids: new Map<number, string>(), lost: new Set<number>(), refused: new Map<number, { code: string; message: string }>() };
  const body: unknown = reply?.body;
  for (let i = 0; i < count; i++) {
    const parsed = Array.isArray(body) && reply !== undefined && reply.httpStatusCode < 300 ? SaveResultSchema.safeParse(body[i]) : undefined;
    if (parsed?.success && parsed.data.success && typeof parsed.data.id === 'string') out.ids.set(i, parsed.data.id);
    else if (lost || reply === undefined) out.lost.add(i);
    else {
      const first = parsed?.success === true ? parsed.data.errors[0] : errorsOfBody(body, reply.httpStatusCode)[0];
      out.refused.set(i, { code: first?.statusCode ?? first?.errorCode ?? 'UNKNOWN_ERROR', message: first?.message ?? 'no id in the reply' });
    }
  }
  return out;
}

/**
 * The SocialPersonas a plan's posts still lack (their absence known), as creates that ride in the
 * comment-create Composite: `results` are the plan's item results so far (Contacts written).
 */
export function personaRidersOfPlan(env: SalesforceEnv, plan: WritePlan, results: ReadonlyMap<string, ItemResult>): Riders | undefined {
  const schema = env.socialSchema();
  if (schema === undefined) return undefined;
  const at = (group: 'contacts' | 'cases', n: number): ItemResult[] => Array.from({ length: n }, (_v, index) => results.get(`${group}:${index}`) ?? { key: '', ok: false });
  const sofar: ApplyResult = { contacts: at('contacts', plan.contacts.length), cases: at('cases', plan.cases.length), reopens: [], comments: plan.comments.map((m) => ({ key: m.key, ok: true })) };
  const personas = personasToCreate(env, schema, wantedOfPlan(env, plan, sofar)).slice(0, MAX_COLLECTION_RECORDS);
  if (personas.length === 0) return undefined;
  const sub: Subrequest = { limited: true, method: 'POST', url: `/services/data/v${env.apiVersion}/composite/sobjects`, referenceId: 'p0', body: { allOrNone: false, records: personas.map((p) => p.record) } };
  return {
    subs: [sub],
    settle(replies, lost, sent) {
      if (sent.length === 0) return; // no room: the persona round creates them
      settlePersonas(env, personas, readCreates(replies.get(sub.referenceId), personas.length, lost));
    },
  };
}

/** Sends creates of one object as collections packed into Composite calls; returns record → new id. Never resends on a lost reply. */
async function createAll(env: SalesforceEnv, ctx: CrmCallContext, operation: string, records: readonly Record<string, unknown>[], onLost: (index: number) => void, onRefused: (index: number, error: { code: string; message: string }) => void): Promise<Map<number, string>> {
  const ids = new Map<number, string>();
  const subs: { sub: Subrequest; from: number; count: number }[] = [];
  let from = 0;
  for (const chunk of chunkBy(records, { maxCount: MAX_COLLECTION_RECORDS }).chunks) {
    subs.push({ from, count: chunk.length, sub: { limited: true, method: 'POST', url: `/services/data/v${env.apiVersion}/composite/sobjects`, referenceId: `s${subs.length}`, body: { allOrNone: false, records: chunk } } });
    from += chunk.length;
  }
  for (const pack of packComposites(subs.map((s) => s.sub))) {
    let lost = false;
    const replies = await sendComposite(env.connection, env.apiVersion, ctx, operation, 'write', (attempt) => {
      if (attempt === 1) return pack;
      lost = true; // the previous attempt may have been applied with its reply lost: never resend a create
      return [];
    });
    for (const { sub, from, count } of subs.filter((s) => pack.includes(s.sub))) {
      const read = readCreates(replies.get(sub.referenceId), count, lost);
      for (const [i, id] of read.ids) ids.set(from + i, id);
      for (const i of read.lost) onLost(from + i);
      for (const [i, error] of read.refused) onRefused(from + i, error);
    }
  }
  return ids;
}

/**
 * Creates the SocialPersonas and SocialPosts `wanted` still lacks: a check query first for keys
 * not looked for yet (one call, usually none), then personas (one round), then posts. Failures here
 * fail no item (the Case or comment is in the org); a key whose write may have been lost is looked
 * for again the next time it comes up.
 */
export async function writeSocial(env: SalesforceEnv, ctx: CrmCallContext, schema: SocialSchema, wanted: readonly WantedPost[]): Promise<void> {
  const k = env.knowledge;
  const byKey = new Map<string, WantedPost>();
  for (const w of wanted) if (!byKey.has(w.key)) byKey.set(w.key, w);
  const uncheckedPosts = [...byKey.keys()].filter((key) => !k.socialChecked.has(key));
  const authorsOf = [...byKey.values()].filter((w) => !w.outbound && w.authorKey !== undefined && w.contactId !== undefined);
  const uncheckedAuthors = [...new Set(authorsOf.map((w) => w.authorKey as string))].filter((key) => !k.personaChecked.has(key));
  const check = socialQueries(env, uncheckedPosts, uncheckedAuthors);
  if (check.length > 0) learnSocial(env, schema, uncheckedPosts, uncheckedAuthors, (await runQueries(env.connection, env.apiVersion, ctx, 'apply-check', check)).flat());

  const missingPosts = [...byKey.values()].filter((w) => !k.socialPostByKey.has(w.key));
  if (missingPosts.length === 0) return;
  const personas = personasToCreate(env, schema, missingPosts);
  if (personas.length > 0) {
    const lost = new Set<number>();
    const refused = new Map<number, { code: string; message: string }>();
    const ids = await createAll(env, ctx, 'apply-social', personas.map((p) => p.record), (i) => lost.add(i), (i, error) => refused.set(i, error));
    settlePersonas(env, personas, { ids, lost, refused });
  }
  // Posts answering a post written in the same round wait for a second round, so they get its ReplyToId
  // (a round only when needed: a reply to a post already in the org goes in the first).
  let waiting = missingPosts;
  for (let round = 0; round < 3 && waiting.length > 0; round++) {
    const writing = new Set(waiting.map((w) => w.key));
    const now = round === 2 ? waiting : waiting.filter((w) => w.replyToKey === undefined || !writing.has(w.replyToKey) || w.replyToKey === w.key);
    waiting = waiting.filter((w) => !now.includes(w));
    const posts = now.flatMap((w) => {
      const record = socialPostRecord(w, schema, {
        personaId: w.authorKey === undefined ? undefined : k.personaByKey.get(w.authorKey),
        replyToId: w.replyToKey === undefined ? undefined : k.socialPostByKey.get(w.replyToKey),
      });
      return record === undefined ? [] : [{ key: w.key, record }];
    });
    const ids = await createAll(env, ctx, 'apply-social', posts.map((p) => p.record), (i) => k.socialChecked.delete(posts[i]?.key ?? ''), (i, error) => refused(env, now.find((w) => w.key === posts[i]?.key), error));
    for (const [i, id] of ids) k.socialPostByKey.set(posts[i]?.key ?? '', id);
  }
}

/** A refused SocialPost create: a warning, and queued again (up to {@link SOCIAL_REFUSAL_RETRIES} times) for the next apply or lookup. */
function refused(env: SalesforceEnv, w: WantedPost | undefined, error: { code: string; message: string }): void {
  if (w === undefined) return;
  const k = env.knowledge;
  const times = (k.socialRefusals.get(w.key) ?? 0) + 1;
  k.socialRefusals.set(w.key, times);
  const again = times <= SOCIAL_REFUSAL_RETRIES;
  if (again) k.socialRepairs.set(w.key, w);
  k.socialWarnings.push({ postId: w.key, code: error.code, reason: `SocialPost not created (${error.code}: ${error.message}); the ${w.outbound ? 'outbound ' : ''}${w.reply ? 'comment' : 'Case'} landed without it${again ? ', tried again with the next batch' : `, given up after ${times} tries`}` });
}

/** The warnings gathered since the last call, emptied. */
export function takeSocialWarnings(env: SalesforceEnv): ApplyWarning[] {
  return env.knowledge.socialWarnings.splice(0);
}

/** Creates the SocialPosts of {@link Knowledge.socialRepairs} (Cases found without theirs), with `more`. */
export async function repairSocial(env: SalesforceEnv, ctx: CrmCallContext, more: readonly WantedPost[] = []): Promise<void> {
  const schema = env.socialSchema();
  if (schema === undefined) return;
  const repairs = [...env.knowledge.socialRepairs.values()];
  env.knowledge.socialRepairs.clear();
  try {
    await writeSocial(env, ctx, schema, [...more, ...repairs]);
  } catch (error) {
    // A write may have been applied with its reply lost: look everything up again next time.
    env.knowledge.socialChecked.clear();
    env.knowledge.personaChecked.clear();
    throw error;
  }
}

/**
 * Queues a repair for each comment the lookup found by its marker line whose post has no SocialPost
 * (a run stopped between the comment write and the SocialPost round): the engine no longer plans
 * those posts, so no later run would write it. Only for posts whose direction the lookup request
 * told ({@link LookupRequest.posts}): `IsOutbound` is never guessed.
 */
export function queueCommentRepairs(env: SalesforceEnv, comments: readonly { id: string; caseId: string; externalPostId: string; body: string }[]): void {
  const k = env.knowledge;
  for (const c of comments) {
    const key = c.externalPostId;
    if (k.socialPostByKey.has(key) || !k.socialChecked.has(key) || k.socialRepairs.has(key)) continue;
    const who = commentAuthor(env, key, (authorKey) => contactOfAuthor(env, authorKey));
    if (who === undefined) continue;
    k.socialRepairs.set(key, { key, caseId: c.caseId, ...who, reply: true, content: c.body, name: firstLine(c.body), replyToKey: caseKeyOf(env, c.caseId) });
  }
}

/** Queues a repair for each Case the lookup found (by its post) that has no SocialPost. */
export function queueRepairs(env: SalesforceEnv, cases: readonly { id: string; externalPostId?: string | undefined; contactId?: string | undefined; parentId?: string | undefined; subject?: string | undefined; createdAt: string }[], asked: ReadonlySet<string>): void {
  const k = env.knowledge;
  for (const c of cases) {
    const key = c.externalPostId;
    if (key === undefined || !asked.has(key) || k.socialPostByKey.has(key) || !k.socialChecked.has(key)) continue;
    const authorKey = c.contactId === undefined ? undefined : (k.contactExternalId.get(c.contactId) ?? undefined);
    const replyToKey = c.parentId === undefined ? undefined : caseKeyOf(env, c.parentId);
    const subject = c.subject ?? key;
    k.socialRepairs.set(key, { key, caseId: c.id, contactId: c.contactId, authorKey, handle: c.contactId === undefined ? undefined : k.contactHandle.get(c.contactId), outbound: false, reply: replyToKey !== undefined, content: subject, name: subject, posted: c.createdAt, replyToKey });
  }
}
