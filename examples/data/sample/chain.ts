/**
 * The deep chain (block 50): @kev_on_hold and @AcmeHelp trade 104 replies over two weeks about an
 * intermittent fault. Turns are generated from phrase pools, so the texts vary but stay plausible.
 * No post carries a threadId: the engine must derive the thread through 104 parents.
 */
import { ACME_HELP, type SampleBuilder } from './build.js';
import { C } from './people.js';

/** Number of replies after the root post. */
export const CHAIN_REPLIES = 104;

const CUSTOMER = [
  'It dropped again at {time}.',
  'Router light went orange at {time}, back after about {mins} minutes.',
  'Still happening. {n} drops today so far.',
  'I did the restart you asked for. Dropped again at {time}.',
  "Plugged the laptop straight into the router, it still cut out at {time}.",
  'Tried a different cable like you said. No change, {n} drops since this morning.',
  'The engineer visit is when exactly?',
  'Is there any update from the network team?',
  'Sending log number {n} now, this one is from {time}.',
  'It was fine all morning, then {n} drops in an hour.',
  'Phone line crackles at the same time the internet drops, if that helps.',
  'Neighbour on the same street has no problems, so it must be my line.',
];

const AGENT = [
  'Thanks Kevin. We can see the drop at {time} on our side too. Passing it to the line team.',
  'Sorry it is still happening. Could you restart the router and leave it for 10 minutes?',
  "Thanks for the log. We've added it to the fault ticket.",
  'The line test shows noise on the line around {time}. We are checking the cabinet.',
  'The network team has the fault and is monitoring your line over the next 24 hours.',
  'Could you try a different power socket for the router? We have seen that help before.',
  "An engineer visit is booked for {day} between 8:00 and 13:00.",
  "Apologies for the wait, Kevin. We're chasing the line team for an update now.",
  "We've reset your line profile, which can take a few hours to settle.",
  'That crackle is a useful clue, thanks. It points to a wet joint outside.',
];

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function fill(template: string, k: number): string {
  const hh = String(7 + ((k * 5) % 15)).padStart(2, '0');
  const mm = String((k * 17) % 60).padStart(2, '0');
  return template
    .replace('{time}', `${hh}:${mm}`)
    .replace('{mins}', String(2 + (k % 9)))
    .replace('{n}', String(3 + (k % 7)))
    .replace('{day}', DAYS[k % DAYS.length] ?? 'Monday');
}

/** Adds the deep chain; returns its posts (root first, then 104 replies, alternating brand/customer). */
export function addDeepChain(b: SampleBuilder): SampleBuilder['posts'] {
  const root = b.post(
    50,
    C.kevin,
    '@AcmeHelp my broadband drops out several times a day, every day, for the last week. Working from home is impossible.',
    '2026-10-12T08:05:00Z',
  );
  const turns: [typeof ACME_HELP, string, number][] = [];
  for (let k = 0; k < CHAIN_REPLIES; k += 1) {
    const brandTurn = k % 2 === 0;
    const pool = brandTurn ? AGENT : CUSTOMER;
    const line = fill(pool[(k * 7) % pool.length] ?? '', k);
    const day = Math.floor(k / 8) + 1;
    const text = brandTurn ? line : `${line}${k % 10 === 1 ? ` (day ${day + 7} of this)` : ''}`;
    turns.push([brandTurn ? ACME_HELP : C.kevin, text, 70 + ((k * 37) % 200)]);
  }
  turns[CHAIN_REPLIES - 2] = [ACME_HELP, 'The engineer replaced the wet joint in the pole outside. Your line has been stable for 48 hours now. Sorry it took so long.', 120];
  turns[CHAIN_REPLIES - 1] = [C.kevin, 'Confirmed, not a single drop since Thursday. Thanks for sticking with it. #finally', 240];
  return b.chain(50, root, turns);
}
