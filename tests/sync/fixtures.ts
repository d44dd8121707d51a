import type { SocialPostInput } from '../../src/model/social-post.js';

/** Brand of the engine tests. */
export const BRAND = { handles: ['AcmeHelp'], ids: ['900'] };

/** The brand's own account. */
export const ACME = { provider: 'twitter', id: '900', handle: 'AcmeHelp', displayName: 'Acme Help' };
const acme = ACME;
const person = (id: string, handle: string, displayName?: string) => ({ provider: 'twitter', id, handle, ...(displayName === undefined ? {} : { displayName }) });
export const ANN = person('1', 'ann_k', 'Ann Kim');
export const BOB = person('2', 'bobby', 'Bob Stone');
export const CY = person('3', 'cy', 'Cy Young');

let clock = Date.parse('2026-10-01T08:00:00Z');
const at = (minutes: number): string => new Date(clock + minutes * 60_000).toISOString();

/** A tweet. */
export function tweet(id: string, minutes: number, author: SocialPostInput['author'], text: string, extra: Partial<SocialPostInput> = {}): SocialPostInput {
  return { id, provider: 'twitter', text, createdAt: at(minutes), author, ...extra };
}

/** A reply. */
export function reply(id: string, minutes: number, author: SocialPostInput['author'], parent: SocialPostInput, text: string, extra: Partial<SocialPostInput> = {}): SocialPostInput {
  return tweet(id, minutes, author, text, { inReplyTo: { postId: parent.id, authorId: parent.author.id }, ...extra });
}

/**
 * A small conversation:
 * - 100 Ann complains; 101 AcmeHelp answers Ann; 102 Ann replies; 103 Bob chimes in under Ann's post;
 *   104 AcmeHelp answers Bob (mentions him); 105 a repost; 106 Ann complains again in a new thread;
 *   107 Cy replies under an unseen post; 108 AcmeHelp broadcast; 109 Cy replies to the broadcast.
 */
export function conversation(): SocialPostInput[] {
  clock = Date.parse('2026-10-01T08:00:00Z');
  const p100 = tweet('100', 0, ANN, '@AcmeHelp my internet has been down since this morning, this is awful');
  const p101 = reply('101', 5, acme, p100, '@ann_k Sorry to hear that! Can you DM us your account number?', { mentions: ['ann_k'] });
  const p102 = reply('102', 9, ANN, p101, '@AcmeHelp sent it just now');
  const p103 = reply('103', 12, BOB, p100, '@ann_k @AcmeHelp same here in Springfield, no service at all', { mentions: ['ann_k', 'AcmeHelp'] });
  const p104 = reply('104', 15, acme, p103, '@bobby @ann_k we are looking into an outage in Springfield', { mentions: ['bobby', 'ann_k'] });
  const p105 = tweet('105', 16, CY, 'RT @ann_k: my internet has been down', { kind: 'repost' });
  const p106 = tweet('106', 60, ANN, '@AcmeHelp also my bill shows a double charge this month');
  const p107 = tweet('107', 61, CY, '@AcmeHelp what happened to the old plan?', { inReplyTo: { postId: '555' } });
  const p108 = tweet('108', 70, acme, 'We are aware of an outage in the north region and are working on it.');
  const p109 = reply('109', 72, CY, p108, '@AcmeHelp any ETA?');
  return [p100, p101, p102, p103, p104, p105, p106, p107, p108, p109];
}
