/** "Possible duplicates by name (to review)": kept in the state as they happen, listed with `--list-suggestions [--csv]`. */
import type { StateStore, NameSuggestionRecord } from '../state/types.js';
import type { Sync } from '../sync/create-sync.js';

/**
 * Gathers the run's name suggestions (with the handle of the Contact created for the author) and
 * writes them to the state after each batch (best effort: review data, not sync state). Stores
 * without `addSuggestions` keep none.
 */
export function collectSuggestions(sync: Sync, state: StateStore): { flush(): void } {
  const handles = new Map<string, string>();
  let pending: NameSuggestionRecord[] = [];
  sync.on('contactCreated', ({ identityKey, handle }) => handles.set(identityKey, handle));
  sync.on('contactSuggested', ({ identityKey, contactId, suggestions }) => {
    const at = new Date().toISOString();
    for (const s of suggestions) {
      pending.push({ identityKey, handle: handles.get(identityKey) ?? '', contactId, similarContactId: s.contactId, similarContactName: s.contactName, score: s.score, at });
    }
  });
  return {
    flush() {
      handles.clear();
      if (pending.length === 0 || state.addSuggestions === undefined) return;
      const rows = pending;
      pending = [];
      void state.addSuggestions(rows).catch(() => undefined); // review data: a failed write never stops the sync
    },
  };
}

const csvCell = (value: string | number): string => {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** The CSV header of `--list-suggestions --csv`. */
export const SUGGESTION_CSV_HEADER = 'author,handle,contact_created,resembles_contact,resembles_name,score,at';

/** One suggestion as a CSV row or a line for people. */
export function formatSuggestion(s: NameSuggestionRecord, csv: boolean): string {
  if (csv) return [s.identityKey, s.handle, s.contactId, s.similarContactId, s.similarContactName, s.score.toFixed(2), s.at].map(csvCell).join(',');
  return `${s.identityKey} @${s.handle}: new Contact ${s.contactId} resembles ${s.similarContactId} "${s.similarContactName}" (score ${s.score.toFixed(2)}, ${s.at})`;
}
