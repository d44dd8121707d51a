import type { DeadLetter } from '../model/dead-letter.js';
import type { SyncEventEmitter } from './events.js';
import type { Settlement } from './settle.js';

/**
 * Announces a committed batch: Contact writes, then each post (ignored, Case created, reopened,
 * comment added), then first links to existing Contacts, then the dead letters (the batch's own,
 * then its rejected input lines).
 */
export function emitSettlement(events: SyncEventEmitter, settlement: Settlement, rejected: readonly DeadLetter[]): void {
  for (const c of settlement.contacts) {
    if (c.kind === 'created') {
      events.emit('contactCreated', c.created);
      if (c.suggested !== undefined) events.emit('contactSuggested', c.suggested);
    } else if (c.kind === 'updated') events.emit('contactUpdated', c.updated);
  }
  for (const p of settlement.posts) {
    if (p.kind === 'ignored') events.emit('postIgnored', p.ignored);
    else if (p.kind === 'case') events.emit('caseCreated', p.created);
    else if (p.kind === 'comment') {
      if (p.reopened !== undefined) events.emit('caseReopened', p.reopened);
      events.emit('commentAdded', p.added);
    }
  }
  for (const c of settlement.contacts) if (c.kind === 'matched') events.emit('contactMatched', c.matched);
  for (const dl of settlement.deadLetters) events.emit('deadLettered', dl);
  for (const dl of rejected) events.emit('deadLettered', dl);
}
