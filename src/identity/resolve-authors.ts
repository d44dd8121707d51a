import type { ContactUpsert } from '../adapters/types.js';
import type { CrmContact } from '../model/crm-records.js';
import { MappingError } from '../errors.js';
import type { ContactDraft, RecordRef } from '../model/drafts.js';
import { identityKey, type SocialIdentity } from '../model/social-post.js';
import type { IdentityRecord, MatchMethod } from '../state/types.js';
import { indexCandidates, MATCH_CONFIDENCE, matchIndexed, NO_SUGGESTIONS, type NameSuggestion } from './match.js';

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

/** The contact's handle of this provider (the first one), if any. */
function handleOf(contact: CrmContact, provider: string): { readonly provider: string; readonly handle: string } | undefined {
  for (const h of contact.handles) if (h.provider === provider) return h;
  return undefined;
}

/** True when the contact stores this provider id. */
function hasSocialId(contact: CrmContact, identity: SocialIdentity): boolean {
  for (const s of contact.socialIds) if (s.provider === identity.provider && s.id === identity.id) return true;
  return false;
}

/**
 * Resolves every author of a batch against the Contacts one batched lookup returned and the
 * identity cache. Never touches the CRM itself: it only decides. `keys`, when given, are the
 * identities' {@link identityKey}s in the same order (the engine has them already).
 */
export function resolveAuthors(
  identities: readonly SocialIdentity[],
  candidates: readonly CrmContact[],
  cache: ReadonlyMap<string, IdentityRecord>,
  newContactDraft: ContactDraftFactory,
  keys?: readonly string[],
): Map<string, AuthorResolution> {
  const out = new Map<string, AuthorResolution>();
  const index = indexCandidates(candidates);
  for (let i = 0; i < identities.length; i += 1) {
    const identity = identities[i] as SocialIdentity;
    const key = keys?.[i] ?? identityKey(identity);
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
    const known = contact === undefined ? undefined : handleOf(contact, identity.provider);
    const hasId = contact !== undefined && hasSocialId(contact, identity);
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
      suggestions: NO_SUGGESTIONS,
      upsert: needsUpdate ? { key, id: match.contactId, fields: updateDraft(contact, identity) } : undefined,
      previousHandle,
    });
  }
  return out;
}
