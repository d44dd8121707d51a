/**
 * One-off posts: complaints (block 1), questions (block 2), praise (block 3) and posts in Spanish,
 * French and German (block 4). Some get one answer from @AcmeHelp, prefixed with the customer's handle.
 */
import { ACME_HELP, type SampleBuilder } from './build.js';
import { C } from './people.js';

type Key = keyof typeof C;
/** [customer, text, createdAt, brand answer (or ''), lang]. */
type Single = readonly [Key, string, string, string, string?];

const COMPLAINTS: readonly Single[] = [
  ['jess', "@AcmeHelp internet's been down since 6am in Northgate. Working from home today so this is great. Really great.", '2026-10-01T06:42:00Z', "Sorry Jess! There's a fault on a street cabinet in Northgate; engineers are on it. We'll update you here."],
  ['tomasz', '@AcmeHelp you charged me twice for October. Two payments of £42.50 on the same day. I want one back.', '2026-10-01T09:15:00Z', "That shouldn't happen, sorry. Please DM us the last 4 digits of the card and we'll raise a refund today."],
  ['dev', "@AcmeHelp paying for 500Mb and speedtest says 38Mb. Third evening in a row. What's going on? #slowinternet", '2026-10-02T20:31:00Z', ''],
  ['greta', "@AcmeHelp my order for the new router was cancelled and nobody told me. Found out when the delivery didn't come.", '2026-10-02T13:05:00Z', "Hi Greta, sorry about that. The order was cancelled by a stock issue; we can re-place it with priority delivery. DM us?"],
  ['sam', '@AcmeHelp no signal AT ALL in the city centre. cant even call my mum', '2026-10-03T11:20:00Z', ''],
  ['omar', "@AcmeHelp I've been on hold for 74 minutes. SEVENTY FOUR. Is anyone actually there? #customerservice", '2026-10-03T15:48:00Z', "We're really sorry about the wait, Omar. We can pick this up here instead, what's the issue?"],
  ['li', '@AcmeHelp the engineer never turned up for my 8-12 slot. Took a day off work for this.', '2026-10-04T12:30:00Z', "That's not good enough and we're sorry. Could you DM us your order number so we can rebook and look at compensation?"],
  ['frank', '@AcmeHelp worst. provider. ever.', '2026-10-05T22:02:00Z', ''],
  ['ivy', '@AcmeHelp bill went up £6 this month with no warning. Where was the email about that?', '2026-10-06T08:44:00Z', "Hi Ivy, the annual price change was sent on 1 Sept, but we'll check it reached you. DM us your account number?"],
  ['noah', '@AcmeHelp my landline has a loud buzzing noise on every call since the storm', '2026-10-07T17:10:00Z', ''],
  ['george', "@AcmeHelp 3 weeks and my 'upgrade' still isn't active. I'm paying for the new plan already.", '2026-10-08T10:10:00Z', "Sorry George, that should have been live in 48 hours. We've escalated it; you'll hear back by Friday."],
  ['sara', '@AcmeHelp wifi drops every night around 2am, right when I finally get home from shift. Router light goes orange.', '2026-10-09T02:17:00Z', ''],
  ['leo', '@AcmeHelp 200ms ping every evening. Unplayable. Fix your routing #lag #gaming', '2026-10-09T21:40:00Z', "Hey Leo, we're seeing congestion on one route in your area; a fix is planned for Tuesday night."],
  ['ruth', "@AcmeHelp I don't understand my bill. It says 'prorated adjustment' and a number I didn't agree to.", '2026-10-10T14:05:00Z', "Hi Ruth, happy to go through it with you. Would a call tomorrow morning suit? DM us a number and a time."],
  ['chris', '@AcmeHelp cancelled my contract in August and you are STILL taking direct debits', '2026-10-11T09:30:00Z', ''],
  ['pat', '@AcmeHelp mobile data not working after the update on my phone, calls fine', '2026-10-13T07:55:00Z', "Hi Pat, please try Settings → Mobile network → Reset APN. If that doesn't fix it, DM us your model."],
  ['eli', "@AcmeHelp my order #AC-99812 was cancelled 'due to address issues'. The address is the same one you bill every month.", '2026-10-14T16:00:00Z', ''],
  ['owen', '@AcmeHelp your shop in the high street told me to call, the phone line told me to go to the shop. 🔁', '2026-10-15T11:11:00Z', "Sorry for the runaround, Owen. Tell us what you need and we'll sort it here."],
  ['will', "@AcmeHelp our shop's card machine runs on your broadband and it's been down all morning. We're losing sales.", '2026-10-16T10:05:00Z', "Will, we've flagged this as a business priority fault. An engineer will call you within the hour."],
  ['yuki', '@AcmeHelp charged a roaming fee in France even though my plan includes EU roaming?', '2026-10-17T18:25:00Z', ''],
  ['harriet', '@AcmeHelp internet cut out during my online exam. Speechless.', '2026-10-19T13:37:00Z', "That's awful timing, Harriet, we're sorry. There was a short fault in your exchange 13:20-13:50. We can send a letter confirming it."],
  ['stan', '@AcmeHelp charged twice again!!! same as last month. sort it out', '2026-10-21T08:02:00Z', ''],
  ['lola', '@AcmeHelp slow internet every evening 7-11pm. Speed is fine at 6am, which does not help anyone', '2026-10-23T22:40:00Z', ''],
  ['gus', '@AcmeHelp the new router blocks my garage camera. It worked fine on the old one.', '2026-10-24T09:50:00Z', "Hi Gus, the new router has 2.4GHz and 5GHz combined; splitting them usually helps older cameras. Want the steps?"],
  ['petra', "@AcmeHelp cancelled my order for a SIM, then sent me a bill for it 🙃", '2026-10-26T12:12:00Z', ''],
  ['ingrid', '@AcmeHelp outage again in Riverside? second time this week', '2026-10-28T19:03:00Z', "Hi Ingrid, yes, a power issue at the Riverside exchange. Service should be back by 21:00."],
  ['kim', '@AcmeHelp three techs, three different answers, still no internet. Day 5.', '2026-10-30T08:20:00Z', ''],
  ['victor', "@AcmeHelp you double charged me for the setup fee. £60 x2. I'd like it back before my rent goes out", '2026-11-01T09:00:00Z', "Sorry Victor, we can see the duplicate. The refund has been issued and should land in 3-5 working days."],
  ['lucy', '@AcmeHelp paying for fibre, getting dial-up vibes 🐌 #slowinternet', '2026-11-05T20:15:00Z', ''],
  ['hannah', "@AcmeHelp outage in Eastfield since last night, any ETA? Kids have homework online", '2026-11-07T07:30:00Z', ''],
  ['raf', '@AcmeHelp the website says my order is "cancelled" and also "dispatched". Which is it?', '2026-11-10T15:45:00Z', "Hi Rafael, it's dispatched, the cancellation was a duplicate order we removed. Tracking is in your email."],
  ['noah', '@AcmeHelp still buzzing on the landline btw. Nobody followed up.', '2026-11-12T18:00:00Z', ''],
  ['frank', '@AcmeHelp @AcmeTelecom is there anyone at this company who reads these', '2026-11-16T23:10:00Z', ''],
  ['dora', '@AcmeHelp no internet, no phone, and the status page says all fine. Lovely.', '2026-11-19T17:05:00Z', ''],
];

const QUESTIONS: readonly Single[] = [
  ['ana', '@AcmeHelp how do I move my plan to a new address? Moving on the 20th', '2026-10-02T10:00:00Z', "Hi Ana! You can book a home move in the app under Account → Moving home, at least 14 days ahead."],
  ['zoe', "@AcmeHelp does the new router support WPA3? Can't find it in the spec sheet", '2026-10-04T19:20:00Z', 'Yes it does, Zoe: Settings → Wireless → Security → WPA2/WPA3 mixed.'],
  ['kim', '@AcmeHelp can I keep my number if I switch to a SIM-only plan?', '2026-10-05T13:00:00Z', "You can, Kim. Just choose 'keep my number' when you switch."],
  ['ike', '@AcmeHelp is there a static IP option on home fibre?', '2026-10-07T11:45:00Z', "Hi Ikenna, static IPs are available on Business plans only at the moment."],
  ['tara', '@AcmeHelp what time does the store at Northgate mall open on Sundays?', '2026-10-11T08:30:00Z', '10:00 to 16:00 on Sundays, Tara.'],
  ['eli', "@AcmeHelp how do I turn off the 'smart wifi' thing? it keeps switching my laptop between bands", '2026-10-12T21:10:00Z', ''],
  ['maya', '@AcmeHelp travelling to Japan next week, is Japan covered by Roam Further? #travel', '2026-10-14T07:05:00Z', 'Hi Maya, yes, Japan is in Roam Further zone 2 at £5/day. Safe travels ✈️'],
  ['owen', '@AcmeHelp any chance of getting a paper bill? My dad does not do email', '2026-10-16T16:40:00Z', ''],
  ['fatima', "@AcmeHelp is the outage in Eastfield fixed? Router still shows red", '2026-10-18T09:12:00Z', "Hi Fatima, it was fixed at 08:40. Please restart the router; if it's still red, DM us."],
  ['jonas', '@AcmeHelp do you offer a student discount on broadband?', '2026-10-20T12:00:00Z', ''],
  ['claire', '@AcmeHelp can I add a second SIM to my plan and share data?', '2026-10-22T18:18:00Z', "Yes Claire, up to 4 SIMs can share one data allowance. You can add them in the app."],
  ['ben', '@AcmeHelp when is fibre coming to the farms east of Eastfield? We are on 4Mb copper', '2026-10-25T06:50:00Z', ''],
  ['mei', '@AcmeHelp what happens to my acme-mail.com email address if I leave?', '2026-10-27T14:22:00Z', 'It stays active for 90 days after you leave, Mei, and you can keep it for £2/month.'],
  ['chris', '@AcmeHelp how do I get a PAC code', '2026-10-29T10:31:00Z', "Text PAC to 65075, Chris, it's free and arrives within a minute."],
  ['quinn', '@AcmeHelp genuine question: why does every provider make cancelling harder than signing up? 🤔', '2026-11-02T16:00:00Z', ''],
  ['yuki', '@AcmeHelp is there a family plan with parental controls?', '2026-11-04T19:45:00Z', 'Hi Yuki, Family Plus includes parental controls for up to 5 devices.'],
  ['lucy', '@AcmeHelp does the router have a guest network option?', '2026-11-08T13:30:00Z', ''],
  ['will', '@AcmeHelp can I get an itemised VAT invoice for the business line?', '2026-11-11T09:20:00Z', 'Yes Will, download it under Billing → Invoices → VAT invoice.'],
  ['ravi', '@AcmeHelp any plans for IPv6 on home broadband? #ipv6', '2026-11-15T11:00:00Z', ''],
  ['sam', '@AcmeHelp how long does a refund take to show', '2026-11-18T10:10:00Z', '3 to 5 working days after we confirm it, Sam.'],
];

const PRAISE: readonly Single[] = [
  ['nina', "Shout out to @AcmeHelp, fixed my wifi in 10 minutes over chat. Back to baking videos 🧁", '2026-10-03T18:00:00Z', 'Love to hear it, Nina! Enjoy the baking 🧁'],
  ['paul', 'Credit where due: @AcmeHelp sorted a billing mess in one reply. Rare these days.', '2026-10-08T12:40:00Z', ''],
  ['mo', "Stream was buttery smooth tonight, thanks @AcmeTelecom for the upgrade 🙌 #gaming", '2026-10-10T23:55:00Z', ''],
  ['ana', '@AcmeHelp thank you!! the home move went perfectly, internet was live on day one', '2026-10-21T17:30:00Z', 'Welcome to the new place, Ana! 🏡'],
  ['ruth', '@AcmeHelp Thank you to the young man on the phone, Daniel, who was very patient with me.', '2026-10-12T10:15:00Z', "Thank you Ruth, we'll pass that on to Daniel! 😊"],
  ['ike', 'The @AcmeHelp engineer today was excellent. Explained everything, tidied the cables. 10/10', '2026-10-18T15:00:00Z', ''],
  ['tara', 'Fair play @AcmeHelp, refund arrived in 2 days', '2026-10-24T08:00:00Z', ''],
  ['mei', 'new router from @AcmeTelecom is actually really nice?? the app is good too #wifi', '2026-10-31T20:20:00Z', ''],
  ['zoe', '@AcmeHelp thanks for the WPA3 tip, all set now', '2026-11-03T21:00:00Z', ''],
  ['jess', 'ok @AcmeHelp you redeemed yourselves, fastest fault fix ever today', '2026-11-06T12:30:00Z', 'Thanks Jess, glad the cabinet is behaving now!'],
  ['leo', 'ping is 14ms now, whatever you did @AcmeHelp, thank you #gaming', '2026-11-09T22:00:00Z', ''],
  ['sara', '@AcmeHelp overnight drops are gone since the new router. Thank you 💙', '2026-11-13T03:05:00Z', ''],
  ['ravi', 'Big thanks to @AcmeTelecom for getting our street on full fibre. 900Mb symmetrical. Wow.', '2026-11-17T18:45:00Z', ''],
  ['maya', 'Roaming in Tokyo worked out of the box, nice one @AcmeHelp 🇯🇵', '2026-11-19T01:30:00Z', ''],
];

const FOREIGN: readonly Single[] = [
  ['rosa', '@AcmeHelp llevo dos días sin internet en casa y nadie me da una respuesta. ¿Qué pasa?', '2026-10-06T11:30:00+02:00', 'Hola Rosa, lo sentimos mucho. ¿Nos envías un DM con tu número de cliente para revisarlo?', 'es'],
  ['diego', '@AcmeHelp me cobraron dos veces la factura de octubre 😤', '2026-10-15T13:20:00Z', '', 'es'],
  ['raf', '@AcmeHelp ¡gracias por la ayuda de ayer! Todo funciona perfecto.', '2026-10-30T19:00:00Z', '', 'es'],
  ['rosa', '@AcmeHelp ¿hay alguna avería en Valencia? El router parpadea en rojo #averia', '2026-11-14T08:10:00Z', '', 'es'],
  ['claire', "@AcmeHelp bonjour, ma connexion est très lente depuis la mise à jour du routeur. Une idée ?", '2026-10-09T10:05:00+02:00', 'Bonjour Claire, pouvez-vous redémarrer le routeur et nous dire si le voyant reste orange ?', 'fr'],
  ['amelie', "@AcmeHelp commande annulée sans explication, c'est inadmissible.", '2026-10-20T17:45:00Z', '', 'fr'],
  ['jules', '@AcmeTelecom merci pour la fibre, enfin ! 🎉', '2026-11-06T18:30:00Z', '', 'fr'],
  ['jonas', '@AcmeHelp seit heute Morgen kein Internet in Köln-Ehrenfeld. Gibt es eine Störung?', '2026-10-13T09:40:00+02:00', 'Hallo Jonas, ja, es gibt eine Störung in Ehrenfeld. Techniker sind vor Ort.', 'de'],
  ['karin', '@AcmeHelp Warum wurde mir die Einrichtungsgebühr doppelt berechnet?', '2026-10-27T11:25:00Z', '', 'de'],
  ['karin', '@AcmeHelp Danke, die Gutschrift ist angekommen. Schönes Wochenende!', '2026-11-07T10:00:00Z', '', 'de'],
];

/** Adds the singles to the builder. Blocks: 1 complaints, 2 questions, 3 praise, 4 other languages. */
export function addSingles(b: SampleBuilder): void {
  const groups: readonly (readonly [number, readonly Single[]])[] = [[1, COMPLAINTS], [2, QUESTIONS], [3, PRAISE], [4, FOREIGN]];
  for (const [block, items] of groups) {
    items.forEach(([key, text, createdAt, answer, lang], i) => {
      const opts = { ...(lang === undefined ? {} : { lang }), ...(i % 5 === 3 ? { kind: null } : {}), ...(i % 4 === 0 ? { threadId: true as const } : {}) };
      const root = b.post(block, C[key], text, createdAt, opts);
      if (answer !== '') b.reply(block, root, ACME_HELP, answer, 17 + ((i * 13) % 90), lang === undefined ? {} : { lang });
    });
  }
}
