/** The read side of a state store over a {@link StateDoc}, shared by the memory and file stores. */
import type { StateDoc } from './state-doc.js';
import type { DeadLetterQuery, IdentityRecord, NameSuggestionRecord, PostRecord, StoredDeadLetter } from './types.js';

/** Known checkpoint of a stream (`null` when none). */
export function checkpointOf(doc: StateDoc, stream: string): string | null {
  return doc.checkpoints.get(stream) ?? null;
}

/** The known records among the given post ids. */
export function postsOf(doc: StateDoc, postIds: readonly string[]): Map<string, PostRecord> {
  const out = new Map<string, PostRecord>();
  for (const id of postIds) {
    const record = doc.posts.get(id);
    if (record) out.set(id, record);
  }
  return out;
}

/** The cached identities among the given keys. */
export function identitiesOf(doc: StateDoc, keys: readonly string[]): Map<string, IdentityRecord> {
  const out = new Map<string, IdentityRecord>();
  for (const key of keys) {
    const record = doc.identities.get(key);
    if (record) out.set(key, record);
  }
  return out;
}

/** A copy of the dead letters `query` asks for, oldest first. */
export function deadLettersOf(doc: StateDoc, query: DeadLetterQuery = {}): StoredDeadLetter[] {
  const after = query.after === undefined ? 0 : Number(query.after);
  const limit = query.limit ?? Number.POSITIVE_INFINITY;
  const out: StoredDeadLetter[] = [];
  if (limit <= 0) return out;
  for (const [id, letter] of doc.deadLetters) {
    if (id <= after || (query.code !== undefined && letter.code !== query.code)) continue;
    out.push({ ...letter, id: String(id) });
    if (out.length >= limit) break;
  }
  return out;
}

/** A copy of a page of the name suggestions, oldest first (`after`: the last id of the previous page). */
export function suggestionsOf(doc: StateDoc, query: { readonly after?: string; readonly limit?: number } = {}): (NameSuggestionRecord & { readonly id: string })[] {
  const from = query.after === undefined ? 0 : Math.max(0, Math.floor(Number(query.after)) || 0);
  const limit = query.limit ?? Number.POSITIVE_INFINITY;
  const out: (NameSuggestionRecord & { readonly id: string })[] = [];
  for (let i = from; i < doc.suggestions.length && out.length < limit; i += 1) {
    const row = doc.suggestions[i];
    if (row !== undefined) out.push({ ...row, id: String(i + 1) });
  }
  return out;
}
