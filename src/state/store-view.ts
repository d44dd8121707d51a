/** The read side of a state store over a {@link StateDoc}, shared by the memory and file stores. */
import type { DeadLetter } from '../model/dead-letter.js';
import type { StateDoc } from './state-doc.js';
import type { IdentityRecord, PostRecord } from './types.js';

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

/** A copy of every dead letter, oldest first. */
export function deadLettersOf(doc: StateDoc): DeadLetter[] {
  return doc.deadLetters.map((d) => ({ ...d }));
}
