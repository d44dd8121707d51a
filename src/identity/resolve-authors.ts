import type { ContactUpsert } from '../adapters/types.js';
import type { CrmContact } from '../model/crm-records.js';
import { MappingError } from '../errors.js';
import type { ContactDraft, RecordRef } from '../model/drafts.js';
import { identityKey, type SocialIdentity } from '../model/social-post.js';
import type { IdentityRecord, MatchMethod } from '../state/types.js';
import { indexCandidates, MATCH_CONFIDENCE, matchIndexed, type NameSuggestion } from './match.js';

/** What the sync knows about one author of a batch after identity resolution. */
export interface AuthorResolution {
  /** `provider:userId`. */
  readonly key: string;
  readonly identity: SocialIdentity;
  /** The Contact: `{ id }` when it exists, `{ externalKey: key }` when this batch creates it. */
  readonly contactRef: RecordRef;
  /** The Contact id when it exists already. */
  readonly contactId: string | undefined;
  readonly method: MatchMethod;
  readonly confidence: number;
  /** Name-only look-alikes, for a human to merge if right. */
  readonly suggestions: readonly NameSuggestion[];
  /** The write this author needs: create, or update (new handle / add the provider id). */
  readonly upsert: ContactUpsert | undefined;
  /** The handle the Contact had before, when this batch renames it. */
  readonly previousHandle: string | undefined;
  /** Why no Contact can be made for this author (e.g. nothing usable in the handle): their posts are dead-lettered with it. */
  readonly error?: MappingError;
}

/** Builds a Contact draft for a new person. */
export type ContactDraftFactory = (identity: SocialIdentity) => ContactDraft;

function updateDraft(contact: CrmContact, identity: SocialIdentity): ContactDraft {
  return {
    ...(contact.firstName === undefined ? {} : { firstName: contact.firstName }),
    lastName: contact.lastName,
    ...(contact.email !== undefined ? { email: contact.email } : identity.email !== undefined ? { email: identity.email } : {}),
    handles: [{ provider: identity.provider, handle: identity.handle }],
    socialIds: [{ provider: identity.provider, id: identity.id }],
    custom: {},
  };
}

/**
 * Resolves every author of a batch against the Contacts one batched lookup returned and the
 * identity cache. Never touches the CRM itself: it only decides.
 */
export function resolveAuthors(
  identities: readonly SocialIdentity[],
  candidates: readonly CrmContact[],
  cache: ReadonlyMap<string, IdentityRecord>,
  newContactDraft: ContactDraftFactory,
): Map<string, AuthorResolution> {
  const out = new Map<string, AuthorResolution>();
  const index = indexCandidates(candidates);
  for (const identity of identities) {
    const key = identityKey(identity);
    const cached = cache.get(key);
    const match = matchIndexed(identity, index, cached);
    if (!match.matched) {
      let fields: ContactDraft;
      try {
        fields = newContactDraft(identity);
      } catch (error) {
        // One author's unusable data costs that author's posts (dead letters), never the batch.
        const failure = error instanceof MappingError ? error : new MappingError(`Author ${key}: ${error instanceof Error ? error.message : String(error)}`, { record: key });
        out.set(key, { key, identity, contactRef: { externalKey: key }, contactId: undefined, method: 'created', confidence: 0, suggestions: [], upsert: undefined, previousHandle: undefined, error: failure });
        continue;
      }
      out.set(key, {
        key,
        identity,
        contactRef: { externalKey: key },
        contactId: undefined,
        method: 'created',
        confidence: MATCH_CONFIDENCE.created,
        suggestions: match.suggestions,
        upsert: { key, fields },
        previousHandle: undefined,
      });
      continue;
    }
    const contact = match.contact;
    const known = contact?.handles.find((h) => h.provider === identity.provider);
    const hasId = contact?.socialIds.some((s) => s.provider === identity.provider && s.id === identity.id) ?? false;
    const renamed = known !== undefined && known.handle !== identity.handle;
    const needsUpdate = contact !== undefined && (renamed || !hasId || known === undefined);
    const cachedHandle = cached?.handle;
    const previousHandle = renamed ? known.handle : contact === undefined && cachedHandle !== undefined && cachedHandle !== identity.handle ? cachedHandle : undefined;
    out.set(key, {
      key,
      identity,
      contactRef: { id: match.contactId },
      contactId: match.contactId,
      method: match.method,
      confidence: match.confidence,
      suggestions: [],
      upsert: needsUpdate ? { key, id: match.contactId, fields: updateDraft(contact, identity) } : undefined,
      previousHandle,
    });
  }
  return out;
}
