/**
 * `apply`: the prepared records go out as sObject Collections subrequests of at most 200 records
 * (upserts by External ID for Contacts and Cases, updates by id, creates for comments), packed into
 * Composite calls (at most 5 collections each). Per-record errors become item failures, the rest of
 * the batch goes on; a child of a failed item is `DEPENDENCY_FAILED`. Comments whose Case's
 * comments are not known are checked first (one query call), so a comment is never written twice —
 * also when a Composite's reply was lost and the call is retried (the retry leaves comments out).
 */
import type { ApplyResult, CrmCallContext, ItemResult, WritePlan } from '../types.js';
import type { SalesforceEnv } from './env.js';
import { chunkBy } from '../kit/chunk.js';
import { MAX_COLLECTION_RECORDS, packComposites, sendComposite, type Subrequest } from './composite.js';
import { errorsOfBody, toItemError } from './errors.js';
import { commentQueries, learnComments } from './lookup.js';
import { runQueries } from './query-runner.js';
import { SaveResultSchema, type SalesforceError, type SaveResult } from './wire-schemas.js';
import { personaRidersOfPlan, socialCheckOfPlan, type Riders } from './social.js';
import { commentRecord, dependencyFailed, preparePlan, refKey, type PendingComment, type PreparedPlan, type RecordOp } from './write-ops.js';

interface OpOutcome {
  readonly result: SaveResult;
}

function subrequestOf(env: SalesforceEnv, ops: readonly RecordOp[], referenceId: string): Subrequest {
  const first = ops[0] as RecordOp;
  const base = `/services/data/v${env.apiVersion}/composite/sobjects`;
  const url = first.mode === 'upsert' ? `${base}/${first.sobject}/${first.sobject === 'Contact' ? env.fields.contactExternalId : env.fields.caseExternalId}` : base;
  const headers = first.sobject === 'Contact' && env.duplicates === 'allowSave' ? { 'Sforce-Duplicate-Rule-Header': 'allowSave=true' } : undefined;
  return {
    limited: true,
    method: first.mode === 'create' ? 'POST' : 'PATCH',
    url,
    referenceId,
    body: { allOrNone: false, records: ops.map((o) => o.record) },
    ...(headers === undefined ? {} : { httpHeaders: headers }),
  };
}

/** Groups ops by (order, object, mode) into collections of ≤ 200 records, in writing order. */
function collections(ops: readonly RecordOp[]): RecordOp[][] {
  const groups = new Map<string, RecordOp[]>();
  for (const op of [...ops].sort((a, b) => a.order - b.order)) {
    const id = `${op.order}|${op.sobject}|${op.mode}`;
    const list = groups.get(id) ?? [];
    list.push(op);
    groups.set(id, list);
  }
  return [...groups.values()].flatMap((list) => chunkBy(list, { maxCount: MAX_COLLECTION_RECORDS }).chunks.map((chunk) => [...chunk]));
}

function failedResult(errors: SalesforceError[]): SaveResult {
  return { success: false, errors };
}

/** Writes ops; a lost reply retried leaves out the comment creates (they go back to `pending`). */
async function writeOps(env: SalesforceEnv, ctx: CrmCallContext, ops: readonly RecordOp[], retriedComments: RecordOp[], riders?: Riders): Promise<Map<RecordOp, OpOutcome>> {
  const outcomes = new Map<RecordOp, OpOutcome>();
  const chunks = collections(ops);
  const subs = chunks.map((chunk, i) => ({ chunk, sub: subrequestOf(env, chunk, `w${i}`) }));
  const riding = chunks.length === 0 ? [] : (riders?.subs ?? []);
  let ridersSettled = riding.length === 0;
  for (const pack of packComposites([...riding, ...subs.map((s) => s.sub)])) {
    const inPack = subs.filter((s) => pack.includes(s.sub));
    if (inPack.length === 0) continue; // riders left over (no room beside the writes): the social round does them itself
    const ride = pack.filter((sub) => riding.includes(sub));
    let ridersLost = false;
    let dropped: RecordOp[] = [];
    const replies = await sendComposite(env.connection, env.apiVersion, ctx, 'apply', 'write', (attempt) => {
      if (attempt === 1) return pack;
      // The previous attempt may have been applied with its reply lost: never resend a create.
      dropped = inPack.filter((s) => s.chunk[0]?.mode === 'create').flatMap((s) => s.chunk);
      ridersLost = ride.length > 0; // riders may be creates too: never resent
      return inPack.filter((s) => s.chunk[0]?.mode !== 'create').map((s) => s.sub);
    });
    retriedComments.push(...dropped);
    if (ride.length > 0 && riders !== undefined) {
      riders.settle(replies, ridersLost, ride);
      ridersSettled = true;
    }
    for (const { chunk, sub } of inPack) {
      if (dropped.includes(chunk[0] as RecordOp)) continue;
      const reply = replies.get(sub.referenceId);
      const body: unknown = reply?.body;
      const results = reply !== undefined && reply.httpStatusCode < 300 && Array.isArray(body) ? body : undefined;
      chunk.forEach((op, i) => {
        const parsed = results === undefined ? undefined : SaveResultSchema.safeParse(results[i]);
        const result = parsed?.success ? parsed.data : failedResult(errorsOfBody(body, reply?.httpStatusCode ?? 500));
        outcomes.set(op, { result });
      });
    }
  }
  if (!ridersSettled && riders !== undefined) riders.settle(new Map(), false, []);
  return outcomes;
}

/** The id of the record a duplicate rule matched, from a `DUPLICATES_DETECTED` error. */
function duplicateIdOf(error: SalesforceError): string | undefined {
  const matches = (error.duplicateResult as { matchResults?: { matchRecords?: { record?: { Id?: unknown } }[] }[] } | undefined)?.matchResults;
  const id = matches?.[0]?.matchRecords?.[0]?.record?.Id;
  return typeof id === 'string' ? id : undefined;
}

function outcomeToItem(env: SalesforceEnv, op: RecordOp, outcome: OpOutcome, results: ReadonlyMap<string, ItemResult>): ItemResult {
  const { result } = outcome;
  if (result.success && typeof result.id === 'string') {
    return { key: op.key, ok: true, id: result.id, created: op.mode === 'create' ? true : op.mode === 'upsert' ? result.created === true : false };
  }
  const failedParent = op.dependsOn.find((ref) => results.get(refKey(ref))?.ok === false);
  if (failedParent !== undefined) {
    const parent = results.get(refKey(failedParent));
    const field = failedParent.group === 'contacts' ? 'contactId' : op.item.group === 'comments' ? 'caseId' : 'parentId';
    return dependencyFailed(op.key, { what: `${op.sobject} ${op.key}`, field, parentKey: parent?.key ?? '', parentError: parent?.error });
  }
  const first = result.errors[0] ?? { message: 'no id in the reply', errorCode: 'UNKNOWN_ERROR' };
  const duplicate = env.duplicates === 'useDuplicate' && op.sobject === 'Contact' && first.statusCode === 'DUPLICATES_DETECTED' ? duplicateIdOf(first) : undefined;
  if (duplicate !== undefined) {
    env.knowledge.duplicateOf.set(op.key, duplicate);
    if (!env.knowledge.contactExternalId.has(duplicate)) env.knowledge.contactExternalId.set(duplicate, null);
    return { key: op.key, ok: true, id: duplicate, created: false };
  }
  const error = toItemError(first, `${op.sobject} ${op.key}`);
  const dupId = first.statusCode === 'DUPLICATES_DETECTED' ? duplicateIdOf(first) : undefined;
  return { key: op.key, ok: false, error: dupId === undefined ? error : { ...error, message: `${error.message} (the duplicate rule matched ${dupId})` } };
}

/** Checks the comments of pending items' Cases (one query call), then writes those not there yet. */
async function settlePending(env: SalesforceEnv, ctx: CrmCallContext, plan: WritePlan, pending: readonly PendingComment[], results: Map<string, ItemResult>): Promise<void> {
  const targets = new Map<PendingComment, string>();
  for (const p of pending) {
    const planned = p.caseItem === undefined ? undefined : results.get(refKey(p.caseItem));
    if (planned?.ok === false) {
      results.set(refKey(p.item), dependencyFailed(p.upsert.key, { what: `Comment ${p.upsert.key}`, field: 'caseId', parentKey: planned.key, parentError: planned.error }));
      continue;
    }
    const id = p.caseId ?? planned?.id ?? ('externalKey' in p.upsert.case ? env.knowledge.caseIdByKey.get(p.upsert.case.externalKey) : undefined);
    if (id === undefined) results.set(refKey(p.item), { key: p.upsert.key, ok: false, error: { code: 'INVALID_CROSS_REFERENCE_KEY', message: `Comment ${p.upsert.key}: its Case is not in the CRM`, field: 'caseId' } });
    else {
      // A Case this apply just created has no comments yet: nothing to check.
      if (planned?.ok === true && planned.created === true && !env.knowledge.commentsByCase.has(id)) env.knowledge.commentsByCase.set(id, { exact: new Map(), urlTails: new Map() });
      targets.set(p, id);
    }
  }
  const caseIds = [...new Set(targets.values())].filter((id) => !env.knowledge.commentsByCase.has(id));
  if (caseIds.length > 0) learnComments(env, caseIds, (await runQueries(env.connection, env.apiVersion, ctx, 'apply-check', commentQueries(env, caseIds))).flat());
  const ops: RecordOp[] = [];
  for (const [p, caseId] of targets) {
    const existing = env.knowledge.commentFor(caseId, p.upsert.key);
    if (typeof existing === 'string') results.set(refKey(p.item), { key: p.upsert.key, ok: true, id: existing, created: false });
    else ops.push({ item: p.item, key: p.upsert.key, sobject: env.comments.object, mode: 'create', order: 60, record: commentRecord(env, p.upsert, { id: caseId }), dependsOn: [], caseId });
  }
  if (ops.length === 0) return;
  const retried: RecordOp[] = [];
  // Social objects: the SocialPersonas still missing ride along with the comment creates (no persona round of their own).
  const outcomes = await writeOps(env, ctx, ops, retried, personaRidersOfPlan(env, plan, results));
  recordOutcomes(env, outcomes, results);
  if (retried.length > 0) await settlePending(env, ctx, plan, retried.map((op) => ({ item: op.item, upsert: plan.comments[op.item.index] as (typeof plan.comments)[number], caseId: op.caseId ?? '' })), forgetting(env, retried, results));
}

/** Forgets what is known about the comments of the Cases of `ops` (their write may or may not have happened). */
function forgetting(env: SalesforceEnv, ops: readonly RecordOp[], results: Map<string, ItemResult>): Map<string, ItemResult> {
  for (const op of ops) if (op.caseId !== undefined) env.knowledge.commentsByCase.delete(op.caseId);
  return results;
}

function recordOutcomes(env: SalesforceEnv, outcomes: ReadonlyMap<RecordOp, OpOutcome>, results: Map<string, ItemResult>): void {
  for (const [op, outcome] of [...outcomes].sort(([a], [b]) => a.order - b.order)) {
    const item = outcomeToItem(env, op, outcome, results);
    results.set(refKey(op.item), item);
    if (!item.ok || item.id === undefined) continue;
    if (op.sobject === 'Case' && op.mode === 'upsert') env.knowledge.caseIdByKey.set(op.key, item.id);
    if (op.sobject === 'Contact' && op.mode === 'upsert') env.knowledge.contactExternalId.set(item.id, op.key);
    if (op.mode === 'create') {
      const caseId = op.caseId ?? (typeof op.record['ParentId'] === 'string' ? op.record['ParentId'] : undefined) ?? caseIdOfParentRef(env, op);
      if (caseId !== undefined) env.knowledge.addComment(caseId, op.key, item.id);
    }
  }
}

function caseIdOfParentRef(env: SalesforceEnv, op: RecordOp): string | undefined {
  const parent = op.record['Parent'] as Record<string, unknown> | undefined;
  const key = parent?.[env.fields.caseExternalId];
  return typeof key === 'string' ? env.knowledge.caseIdByKey.get(key) : undefined;
}

/** Applies a plan once (no second round for row locks): one result per item, in plan order. */
export async function applyOnce(env: SalesforceEnv, plan: WritePlan, ctx: CrmCallContext): Promise<ApplyResult> {
  const prepared: PreparedPlan = preparePlan(env, plan);
  const results = prepared.results;
  if (prepared.ops.length === 0 && prepared.pending.length === 0) {
    // Everything is answered from what the adapter knows (a replay): one call through the context, no request.
    await ctx.call('apply', async () => undefined, { kind: 'write' });
  }
  const retried: RecordOp[] = [];
  recordOutcomes(env, await writeOps(env, ctx, prepared.ops, retried, socialCheckOfPlan(env, plan)), results);
  const pending = [...prepared.pending, ...retried.map((op): PendingComment => ({ item: op.item, upsert: plan.comments[op.item.index] as (typeof plan.comments)[number], ...(op.caseId === undefined ? {} : { caseId: op.caseId }), ...(op.dependsOn[0] === undefined ? {} : { caseItem: op.dependsOn[0] }) }))];
  forgetting(env, retried, results);
  if (pending.length > 0) await settlePending(env, ctx, plan, pending, results);
  const pick = (group: 'contacts' | 'cases' | 'reopens' | 'comments', keys: readonly { key: string }[]): ItemResult[] =>
    keys.map((u, index) => results.get(refKey({ group, index })) ?? { key: u.key, ok: false, error: { code: 'UNKNOWN_ERROR', message: `${u.key}: no result` } });
  return { contacts: pick('contacts', plan.contacts), cases: pick('cases', plan.cases), reopens: pick('reopens', plan.reopens), comments: pick('comments', plan.comments) };
}
