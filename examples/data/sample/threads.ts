/**
 * Multi-turn conversations between a customer and the brand (blocks 10–27, one block per thread):
 * customer post → @AcmeHelp reply → customer reply → … Each reply answers the previous turn.
 */
import { ACME_HELP, ACME_TELECOM, type Person, type SampleBuilder } from './build.js';
import { C } from './people.js';

/** Who speaks a turn: c = the customer, b = @AcmeHelp, t = @AcmeTelecom. */
type Turn = readonly ['c' | 'b' | 't', string, number];
interface Script {
  readonly who: keyof typeof C;
  readonly start: string;
  readonly text: string;
  /** Set an explicit threadId (as X's conversation_id) on every post of the thread. */
  readonly explicit: boolean;
  readonly turns: readonly Turn[];
}

const SCRIPTS: readonly Script[] = [
  { who: 'paul', start: '2026-10-02T08:10:00Z', explicit: true, text: '@AcmeHelp whole office offline since 7:30. 14 people sitting around. Business line ref on request. #outage', turns: [
    ['b', "Sorry Paul, that's a lot of people waiting. Can you DM us the account number? We'll check the line now.", 9],
    ['c', 'Sent. Router shows a red WAN light.', 6],
    ['b', "Thanks. We can see a fault on the line from the cabinet. An engineer is booked for 11:00 today.", 14],
    ['c', '11:00 is 3 hours away. Anything sooner?', 4],
    ['b', "We've asked; the nearest engineer is finishing a job and will come straight after, around 10:15.", 20],
    ['c', 'Engineer here. Back online at 10:40. Thanks for pushing it.', 160],
    ['b', "Great news! We've added a credit for the downtime to your next bill.", 12],
  ] },
  { who: 'greta', start: '2026-10-05T10:00:00Z', explicit: false, text: "@AcmeHelp I was charged twice for my September bill and the app won't let me dispute it", turns: [
    ['b', "Hi Greta, sorry about that. Could you tell us the amount and the date of both payments?", 25],
    ['c', '£38.99 on 1 Oct and again on 2 Oct', 11],
    ['b', 'Thanks, we can see both. The second one is a duplicate; we have started a refund.', 18],
    ['c', 'How long will that take?', 3],
    ['b', "3-5 working days. We'll check in on Friday to make sure it's arrived.", 7],
    ['c', 'ok thanks', 2],
  ] },
  { who: 'dev', start: '2026-10-06T21:15:00Z', explicit: true, text: '@AcmeHelp speeds dropped to 40Mb again tonight. Same as last week. Line test attached. #slowinternet', turns: [
    ['b', 'Hi Dan, thanks for the test. Is that over wifi or a cable to the router?', 12],
    ['c', 'Ethernet. Cat6. Directly into the router.', 3],
    ['b', "Thanks. We're seeing evening congestion on the backhaul in your area. A capacity upgrade is scheduled.", 30],
    ['c', 'Scheduled for when? This has been going on for a month.', 5],
    ['b', 'The work is booked for the night of 14 October. We know that is not soon enough, sorry.', 22],
    ['c', 'Can I get a discount until then?', 4],
    ['b', "Fair ask. We've applied 50% off for this month's broadband charge.", 40],
    ['c', 'Appreciated. Will report back after the 14th.', 6],
  ] },
  { who: 'omar', start: '2026-10-07T12:00:00Z', explicit: false, text: '@AcmeHelp my new phone order says cancelled but the money has left my account', turns: [
    ['b', "Hi Omar, let's sort this. Was the payment taken by card or by PayPal?", 15],
    ['c', 'card', 2],
    ['b', "It's a pre-authorisation; it drops off within 5 days. Do you still want the phone? We can re-order it.", 21],
    ['c', 'yes please, same colour', 8],
  ] },
  { who: 'li', start: '2026-10-08T09:30:00Z', explicit: true, text: "@AcmeHelp rebooked engineer also didn't show. This is the second time.", turns: [
    ['b', "Li, we're really sorry. We've escalated this to the field manager who will call you today.", 10],
    ['c', 'Nobody has called. It is 5pm.', 450],
    ['b', "Apologies, we've chased again and the manager is calling you in the next 10 minutes.", 8],
  ] },
  { who: 'sam', start: '2026-10-10T14:00:00Z', explicit: false, text: '@AcmeHelp still no signal in the centre. Day 2.', turns: [
    ['b', "Hi Sam, a mast near the station is down after a power cut. We're working on it.", 30],
    ['c', 'any ETA?', 5],
    ['b', 'Power should be back by 18:00, then the mast needs about 30 minutes.', 14],
    ['c', 'its back!! thanks', 250],
    ['b', 'Brilliant, thanks for bearing with us Sam!', 6],
  ] },
  { who: 'zoe', start: '2026-10-12T16:20:00Z', explicit: true, text: '@AcmeHelp router firmware 4.2 broke my port forwarding. Anyone else? #homelab', turns: [
    ['b', "Hi Zoe, thanks for flagging. We've had a couple of reports; can you tell us the rule that stopped working?", 35],
    ['c', 'TCP 443 → 192.168.1.20. UI shows it saved, traffic never arrives.', 9],
    ['b', "Thanks, that matches. A fix is in 4.2.1, rolling out this week. Reboot after it installs.", 60],
    ['c', '4.2.1 installed, forwarding works again 👍', 2880],
  ] },
  { who: 'tara', start: '2026-10-14T09:00:00Z', explicit: false, text: '@AcmeHelp my bill shows a £25 "late payment fee" but I pay by direct debit??', turns: [
    ['b', 'Hi Tara, that looks wrong. Let us check your direct debit history.', 20],
    ['c', 'thanks, it went out on the 1st like always', 4],
    ['b', 'You are right, the bank file was delayed on our side. The fee has been removed.', 26],
    ['c', 'Thanks for sorting it so fast', 3],
    ['b', "No problem, sorry for the worry!", 5],
    ['c', "👍", 2],
  ] },
  { who: 'ahmed', start: '2026-10-16T19:00:00Z', explicit: true, text: '@AcmeHelp TV box keeps rebooting every 20 minutes since yesterday', turns: [
    ['b', 'Hi Ahmed, does it show an error code before it restarts?', 14],
    ['c', 'E-204', 6],
    ['b', "That's a storage fault. We'll send a replacement box, arriving Tuesday.", 19],
    ['c', 'ok. do I send the old one back?', 3],
  ] },
  { who: 'jess', start: '2026-10-19T07:10:00Z', explicit: false, text: '@AcmeHelp Northgate cabinet is down AGAIN. Same as the 1st of the month.', turns: [
    ['b', "Sorry Jess. It's a different fault this time, a damaged cable after roadworks.", 18],
    ['c', 'roadworks by who?', 4],
    ['b', "A utility company working on Mill Lane. We're repairing it now.", 11],
    ['c', 'how long?', 2],
    ['b', 'Around 4 hours for the splicing work.', 9],
    ['c', 'fine. I will work from the café then ☕', 3],
    ['b', 'Good plan! We will tweet you when it is fixed.', 4],
    ['b', '@jess_mk fixed at 11:52, you should be back online. Sorry again.', 275],
    ['c', 'confirmed, back. thanks', 20],
  ] },
  { who: 'victor', start: '2026-10-22T13:00:00Z', explicit: true, text: "@AcmeHelp why do I need to give my date of birth AND my password AND a PIN just to ask a question on chat", turns: [
    ['b', "Hi Victor, it's to protect your account, but we hear you that it's a lot.", 16],
    ['c', 'three checks is too many', 4],
  ] },
  { who: 'ivy', start: '2026-10-25T10:30:00Z', explicit: false, text: "@AcmeHelp I got a letter saying my contract ends but I signed a new one in July?", turns: [
    ['b', "Hi Ivy, sorry for the confusion. The letter was sent before the new contract was processed.", 22],
    ['c', 'so I am fine?', 5],
    ['b', 'Yes, your new contract runs to July 2028. You can ignore the letter.', 9],
  ] },
  { who: 'ike', start: '2026-10-28T11:00:00Z', explicit: true, text: '@AcmeHelp mesh extender keeps losing the connection to the main router', turns: [
    ['b', 'Hi Ikenna, how far apart are the two units?', 12],
    ['c', 'about 15m with two walls', 5],
    ['b', 'That is at the edge. Try moving the extender halfway, ideally within sight of a doorway.', 15],
    ['c', 'moved it, solid now. thanks', 55],
  ] },
  { who: 'kim', start: '2026-11-01T08:00:00Z', explicit: false, text: '@AcmeHelp Day 7 with no internet. Three engineers. Nobody knows what is wrong.', turns: [
    ['t', "Kim, we're sorry. Our regional team is taking ownership of this today.", 40],
    ['c', 'ok, who do I talk to?', 6],
    ['b', 'Hi Kim, this is Marta from the regional team. I will call you at 10:00.', 25],
    ['c', 'thanks Marta', 3],
    ['b', 'The fault is in the underground duct. Repair crew booked for tomorrow 8am.', 180],
  ] },
  { who: 'maya', start: '2026-11-03T15:00:00Z', explicit: true, text: '@AcmeHelp data roaming is not working in Seoul, phone says "no service"', turns: [
    ['b', "Hi Maya, sorry! Is data roaming switched on in your phone's settings?", 7],
    ['c', 'yes', 2],
    ['b', 'Please select SK Telecom manually under Network operators, then restart the phone.', 8],
    ['c', 'worked! 🙏', 6],
    ['b', 'Enjoy Seoul! ✈️', 3],
    ['c', '❤️', 1],
  ] },
  { who: 'stan', start: '2026-11-06T17:00:00Z', explicit: false, text: "@AcmeHelp you cut off my line for non payment. I PAID. I have the receipt", turns: [
    ['b', "Sorry Stan, let's fix this now. Can you DM us the receipt reference?", 10],
    ['c', 'done', 3],
    ['b', 'Thanks, the payment was allocated to an old account. Your line is back on within 1 hour.', 25],
    ['c', 'it better be', 2],
  ] },
  { who: 'petra', start: '2026-11-09T09:45:00Z', explicit: true, text: '@AcmeHelp your chatbot closed my chat 3 times mid-conversation', turns: [
    ['b', 'Sorry Petra, that should not happen. What were you trying to sort?', 19],
    ['c', 'cancelling an order I did not place', 5],
  ] },
  { who: 'lucy', start: '2026-11-14T20:00:00Z', explicit: false, text: '@AcmeHelp internet slow AGAIN every evening, I give up #slowinternet', turns: [
    ['b', 'Hi Lucy, sorry. Could you run a speed test on a cable and share the result?', 11],
    ['c', '41Mb down, 9 up. Paying for 300.', 6],
    ['b', "Thanks, that's far too low. We're booking a line check for tomorrow.", 15],
    ['c', 'ok', 2],
    ['b', 'Line check found a faulty joint, fixed remotely. Could you test again?', 1000],
    ['c', '289Mb. finally', 30],
  ] },
];

/** Adds the threads; returns the posts of each thread in order (index 0 = block 10). */
export function addThreads(b: SampleBuilder): SampleBuilder['posts'][] {
  return SCRIPTS.map((s, i) => {
    const block = 10 + i;
    const customer = C[s.who];
    const root = b.post(block, customer, s.text, s.start, s.explicit ? { threadId: true } : {});
    const speaker: Record<Turn[0], Person> = { c: customer, b: ACME_HELP, t: ACME_TELECOM };
    return b.chain(block, root, s.turns.map(([who, body, gap]) => [speaker[who], body, gap] as const));
  });
}
