/**
 * Scenario posts around the brand: an outage broadcast with customers replying under it (block 60),
 * direct messages (61), reposts and quotes (62), and a bystander joining someone else's thread (63).
 */
import type { SocialPostInput } from '../../../src/model/social-post.js';
import { ACME_HELP, ACME_TELECOM, type Person, type SampleBuilder } from './build.js';
import { C } from './people.js';

type Ids = Record<string, string | string[]>;

/** Broadcast by @AcmeTelecom with six customers replying under it (block 60). */
export function addBroadcast(b: SampleBuilder): Ids {
  const cast = b.post(60, ACME_TELECOM,
    "⚠️ Service alert: we're aware of a broadband outage affecting Northgate, Riverside and Eastfield. Engineers are on site and we'll post updates in this thread. Sorry for the disruption. #AcmeOutage",
    '2026-11-03T07:05:00Z', { threadId: true });
  const r = (who: keyof typeof C, text: string, gap: number) => b.reply(60, cast, C[who], text, gap);
  const hannah = r('hannah', 'Eastfield here, nothing since 6am. Any ETA?', 12);
  const ben = r('ben', "@AcmeTelecom @AcmeHelp the farm's milking system alerts run over this line. This is serious for us.", 19);
  const fatima = r('fatima', 'third outage in a month in Eastfield #AcmeOutage', 23);
  const ingrid = r('ingrid', 'Riverside too. Router flashing red.', 31);
  const will = r('will', 'Card machine down again, can you at least say when?', 44);
  const gus = r('gus', 'is this why my mobile is on 3G only in Northgate?', 58);
  const helpBen = b.reply(60, ben, ACME_HELP, "Ben, we've flagged your line as a priority. A 4G backup router is on its way to you today.", 15);
  const benBack = b.reply(60, helpBen, C.ben, 'thank you, that helps a lot', 9);
  const helpWill = b.reply(60, will, ACME_HELP, "Will, we're aiming for 12:00. We'll credit the business line for today.", 11);
  const helpFatima = b.reply(60, fatima, ACME_HELP, "We're sorry, Fatima. We'll look at why Eastfield keeps being hit once service is back.", 20);
  const update = b.reply(60, cast, ACME_TELECOM, 'Update 11:30: the damaged fibre has been spliced; service is returning street by street. #AcmeOutage', 265);
  const fixed = b.reply(60, update, ACME_TELECOM, '✅ Resolved 12:40: all affected customers should be back online. Restart your router if not. Thanks for your patience.', 70);
  return {
    broadcast: cast.id,
    customerReplies: [hannah, ben, fatima, ingrid, will, gus].map((p) => p.id),
    brandAnswers: [helpBen, helpWill, helpFatima].map((p) => p.id),
    customerFollowUp: benBack.id,
    brandSelfUpdates: [update.id, fixed.id],
  };
}

/** Direct-message conversations, `threadId` `dm-<customer id>` (block 61). */
export function addDirectMessages(b: SampleBuilder): Ids {
  const dm = (who: keyof typeof C, text: string, createdAt: string, lang = 'en') =>
    b.post(61, C[who], text, createdAt, { kind: 'direct_message', threadId: `dm-${C[who].id}`, lang });
  const t1 = dm('tomasz', 'Hi, the card ends 4417. Both payments of £42.50 were on 1 October.', '2026-10-01T10:02:00Z');
  const t2 = b.reply(61, t1, ACME_HELP, "Thanks Tomasz. We've refunded the second payment; it will show in 3-5 working days. Ref RF-20331.", 24);
  const t3 = b.reply(61, t2, C.tomasz, 'Thanks. Will it happen again next month?', 6);
  const t4 = b.reply(61, t3, ACME_HELP, "No, we've fixed the duplicate payment instruction on your account.", 9);
  const r1 = dm('rosa', 'Hola, mi número de cliente es 88-411-207. Sigo sin conexión.', '2026-10-06T10:05:00Z', 'es');
  const r2 = b.reply(61, r1, ACME_HELP, 'Gracias Rosa. Hemos reiniciado tu línea desde aquí; ¿puedes probar ahora?', 15, { lang: 'es' });
  const r3 = b.reply(61, r2, C.rosa, '¡Ya funciona! Gracias.', 12, { lang: 'es' });
  const p1 = dm('paul', 'Business account 7781-2290. Office at 14 Quay Street.', '2026-10-02T08:25:00Z');
  const p2 = b.reply(61, p1, ACME_HELP, 'Thanks Paul, we have it. Checking the line now.', 5);
  const o1 = dm('owen', "Hi, I'd rather not post publicly. My late father's account is still being billed. How do I close it?", '2026-10-18T14:00:00Z');
  const o2 = b.reply(61, o1, ACME_HELP, "We're very sorry for your loss, Owen. We can close it with a copy of the death certificate; there's nothing more to pay from the date of death.", 32);
  const o3 = b.reply(61, o2, C.owen, 'Thank you. I will send it tomorrow.', 20);
  return {
    tomasz: [t1, t2, t3, t4].map((p) => p.id),
    rosa: [r1, r2, r3].map((p) => p.id),
    paul: [p1, p2].map((p) => p.id),
    owen: [o1, o2, o3].map((p) => p.id),
  };
}

/** Reposts (of a brand broadcast, of complaints, a brand repost of praise) and quotes (block 62). */
export function addRepostsAndQuotes(b: SampleBuilder): Ids {
  const find = (handle: string, fragment: string): SocialPostInput => {
    const p = b.posts.find((x) => x.author.handle === handle && x.text.includes(fragment));
    if (!p) throw new Error(`sample: no post by ${handle} with "${fragment}"`);
    return p;
  };
  const rt = (who: Person, orig: SocialPostInput, createdAt: string) =>
    b.post(62, who, `RT @${orig.author.handle}: ${orig.text}`, createdAt, { kind: 'repost' });
  const quote = (who: Person, text: string, orig: SocialPostInput, createdAt: string) =>
    b.post(62, who, `${text} ${orig.url ?? ''}`.trim(), createdAt, { kind: 'quote' });
  const cast = find('AcmeTelecom', 'Service alert');
  const worst = find('frank_the_tank', 'worst. provider');
  const day5 = find('kim_s_lee', 'Day 5');
  const slow = find('lola_runs', 'slow internet every evening');
  const praise = find('ravi_s', '900Mb');
  const reposts = [
    rt(C.ben, cast, '2026-11-03T07:40:00Z'),
    rt(C.ingrid, cast, '2026-11-03T08:02:00Z'),
    rt(C.george, worst, '2026-10-06T07:10:00Z'),
    rt(C.noah, day5, '2026-10-30T09:00:00Z'),
    rt(ACME_TELECOM, praise, '2026-11-17T19:30:00Z'),
  ];
  const quotes = [
    quote(C.quinn, 'Not a great look, @AcmeTelecom. Your customers deserve better.', worst, '2026-10-06T09:00:00Z'),
    quote(C.mo, "third outage this month and I'm mid-stream. Sort it out @AcmeTelecom", cast, '2026-11-03T07:25:00Z'),
    quote(C.ingrid, 'Same here in Riverside, every single evening #slowinternet', slow, '2026-10-24T07:15:00Z'),
  ];
  return { reposts: reposts.map((p) => p.id), quotes: quotes.map((p) => p.id) };
}

/** A bystander (and a second one) chiming into another customer's thread (block 63). */
export function addBystander(b: SampleBuilder): Ids {
  const root = b.post(63, C.eli, '@AcmeHelp 4G down in Westbrook since lunch, calls only', '2026-11-11T13:20:00Z');
  const help = b.reply(63, root, ACME_HELP, "Hi Eli, we're looking into a mast fault in Westbrook. Updates to follow.", 14);
  const chris = b.reply(63, root, C.chris, '@eli_r @AcmeHelp same here in Westbrook, no data since 1pm', 31);
  const toChris = b.reply(63, chris, ACME_HELP, "@chris_p @eli_r it's the same mast fault, a fix is expected by 18:00. Sorry both.", 9);
  const dora = b.reply(63, help, C.dora, '@AcmeHelp @eli_r any ETA? Westbrook here too', 40);
  const eliBack = b.reply(63, help, C.eli, 'thanks, still nothing at 5pm', 220);
  return {
    root: root.id, brandToRoot: help.id, bystander: chris.id, brandToBystander: toChris.id,
    secondBystander: dora.id, ownerFollowUp: eliBack.id,
  };
}
