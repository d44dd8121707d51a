import type { DeadLetter } from '../model/dead-letter.js';
import type { SyncEventEmitter } from './events.js';
import type { Settlement } from './settle.js';

/**
 * Announces a committed batch: Contact writes, then each post (ignored, Case created, reopened,
 * comment added), then first links to existing Contacts, then the dead letters (the batch's own,
 * then its rejected input lines). Post payloads are built only for events someone listens to.
 */
export function emitSettlement(events: SyncEventEmitter, settlement: Settlement, rejected: readonly DeadLetter[]): void {
  for (const c of settlement.contacts) {
    if (c.kind === 'created') {
      events.emit('contactCreated', c.created);
      if (c.suggested !== undefined) events.emit('contactSuggested', c.suggested);
    } else if (c.kind === 'updated') events.emit('contactUpdated', c.updated);
  }
  // A payload is built only when someone listens, asked per post: a handler may subscribe to another event mid-batch.
  for (const s of settlement.posts) {
    if (s.kind === 'ignored') {
      if (events.has('postIgnored')) events.emit('postIgnored', { postId: s.record.postId, reasons: s.reasons });
    } else if (s.kind === 'case') {
      if (events.has('caseCreated')) {
        const { p } = s;
        events.emit('caseCreated', { postId: p.key, caseId: s.caseId, threadKey: p.threadKey, contactId: s.contactId, parentId: s.parentId, priority: p.decision.priority, reasons: p.decision.reasons });
      }
    } else if (s.kind === 'comment') {
      if (s.reopened && events.has('caseReopened')) events.emit('caseReopened', { postId: s.p.key, caseId: s.caseId, threadKey: s.p.threadKey });
      if (events.has('commentAdded')) events.emit('commentAdded', { postId: s.p.key, caseId: s.caseId, commentId: s.commentId, outbound: s.outbound });
    }
  }
  for (const c of settlement.contacts) if (c.kind === 'matched') events.emit('contactMatched', c.matched);
  for (const dl of settlement.deadLetters) events.emit('deadLettered', dl);
  for (const dl of rejected) events.emit('deadLettered', dl);
}
