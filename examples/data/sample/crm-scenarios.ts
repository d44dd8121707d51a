/**
 * Scenarios that test identity and Case rules against the seeded CRM: a handle rename (block 64),
 * one customer with two threads (65), authors matching seeded Contacts (66), and threads resuming
 * after their seeded Case closed, or while it is still open (67).
 */
import { ACME_HELP, type SampleBuilder } from './build.js';
import { C, SEEDED, SPECIAL } from './people.js';
import { OLD_ROOTS } from './seed.js';

type Ids = Record<string, string | string[]>;

/** The same user id posts as @jkowalski_88 in October and as @jordan_kowalski in November. */
export function addRename(b: SampleBuilder): Ids {
  const first = b.post(64, SPECIAL.jordanOld, '@AcmeHelp broadband disconnects every time it rains. Every. Single. Time. 🌧️', '2026-10-06T18:00:00Z');
  const help1 = b.reply(64, first, ACME_HELP, "Hi Jordan, that often means water in a joint outside. We'll book a line check.", 21);
  const back = b.reply(64, help1, SPECIAL.jordanOld, 'ok, any day but Thursday', 7);
  const second = b.post(64, SPECIAL.jordanNew, '@AcmeHelp new handle, same problem: rain = no internet. I raised this in October already.', '2026-11-09T10:00:00Z');
  const help2 = b.reply(64, second, ACME_HELP, 'Sorry Jordan, we can see the October fault. Re-opening it with the line team now.', 18);
  return { oldHandlePosts: [first.id, back.id], newHandlePosts: [second.id], brandReplies: [help1.id, help2.id] };
}

/** One customer (@bea_santos) with two separate top-level complaints, each answered. */
export function addTwoThreads(b: SampleBuilder): Ids {
  const bill = b.post(65, C.bea, '@AcmeHelp charged twice for the TV add-on this month. Two lots of £12.', '2026-10-08T19:00:00Z', { threadId: true });
  const h1 = b.reply(65, bill, ACME_HELP, "Hi Beatriz, sorry! We've refunded the duplicate £12, 3-5 working days.", 30);
  const ok = b.reply(65, h1, C.bea, 'thanks 🙏', 10);
  const slow = b.post(65, C.bea, '@AcmeHelp separate issue now: internet crawling every evening this week #slowinternet', '2026-10-27T20:30:00Z');
  const h2 = b.reply(65, slow, ACME_HELP, "Hi again Beatriz. Can you run a speed test on a cable for us?", 25);
  return { firstThread: [bill.id, h1.id, ok.id], secondThread: [slow.id, h2.id] };
}

/** Authors that match seeded Contacts by provider id, by handle, by email, and only by name. */
export function addSeedMatches(b: SampleBuilder): Ids {
  const dana = b.post(66, SEEDED.dana, "@AcmeHelp my mobile bill has a £15 'content' charge I never signed up for", '2026-10-09T12:00:00Z');
  const danaHelp = b.reply(66, dana, ACME_HELP, "Hi Dana, that's a third-party charge. We've blocked them and refunded the £15.", 40);
  const raj = b.post(66, SEEDED.raj, '@AcmeHelp ordered the business router a week ago, the order now shows as cancelled?', '2026-10-17T08:30:00Z');
  const rajHelp = b.reply(66, raj, ACME_HELP, 'Hi Raj, the order was cancelled by a payment check. Can we call you to re-place it?', 22);
  const rajBack = b.reply(66, rajHelp, SEEDED.raj, 'yes, after 2pm please', 5);
  const lena = b.post(66, SEEDED.lena, '@AcmeHelp Seit dem Umzug funktioniert mein Festnetz nicht mehr. Wer kann helfen?', '2026-10-23T09:00:00Z', { lang: 'de' });
  const lenaHelp = b.reply(66, lena, ACME_HELP, 'Hallo Lena, die Rufnummer wird noch umgezogen. Morgen ist sie aktiv.', 35, { lang: 'de' });
  const margaret = b.post(66, SEEDED.margaret, '@AcmeHelp I have been without a phone line for 3 days. I am 81 and it is my only phone.', '2026-11-04T11:40:00Z');
  const margaretHelp = b.reply(66, margaret, ACME_HELP, "Margaret, we're so sorry. We've made this a priority repair; an engineer will visit today.", 12);
  const chen = b.post(66, SEEDED.chen, '@AcmeHelp the VPN problem is back. Office VPN drops every 30 minutes again on your network.', '2026-10-26T14:00:00Z');
  return {
    byProviderId: dana.id, byHandle: raj.id, byEmail: lena.id, nameOnly: margaret.id, newThreadOfSeededContact: chen.id,
    brandReplies: [danaHelp.id, rajHelp.id, lenaHelp.id, margaretHelp.id], rajFollowUp: rajBack.id,
  };
}

/**
 * Replies in threads whose Case is already in the CRM: Tom 2 days after his Case closed (reopen),
 * Sofía 40 days after (new Case with parent), Priya while her Case is still open (comment).
 */
export function addResumedThreads(b: SampleBuilder): Ids {
  const resume = (who: typeof SEEDED.tom, root: string, text: string, createdAt: string) =>
    b.replyToOld(67, { postId: root, authorId: who.id }, root, who, text, createdAt);
  const tom = resume(SEEDED.tom, OLD_ROOTS.tom, "@AcmeHelp sorry, the router is restarting again, the fix didn't last", '2026-10-22T16:30:00Z');
  const tomHelp = b.reply(67, tom, ACME_HELP, "Sorry Tom, we're re-opening your case and sending a replacement router.", 26);
  const sofia = resume(SEEDED.sofia, OLD_ROOTS.sofia, "@AcmeHelp it's back: no signal at home again, same as in August", '2026-10-15T12:00:00Z');
  const sofiaHelp = b.reply(67, sofia, ACME_HELP, "Hi Sofía, sorry it's back. We're checking the mast near you again.", 33);
  const priya = resume(SEEDED.priya, OLD_ROOTS.priya, '@AcmeHelp any news on the replacement SIM? Still waiting', '2026-10-04T10:20:00Z');
  const priyaHelp = b.reply(67, priya, ACME_HELP, "Hi Priya, it was returned to us as undeliverable. Could you confirm your flat number by DM?", 45);
  return {
    reopen: tom.id, reopenBrandReply: tomHelp.id,
    newCaseWithParent: sofia.id, newCaseBrandReply: sofiaHelp.id,
    commentOnOpen: priya.id, commentOnOpenBrandReply: priyaHelp.id,
  };
}
