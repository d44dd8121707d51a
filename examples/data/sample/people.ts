/**
 * The customers of the demo. Ids are `14000` + a 5-digit number; 3xx are people the seeded CRM
 * already knows (see seed.ts), 4xx are the special scenarios, the rest are ordinary customers.
 */
import type { Person } from './build.js';

function person(n: number, handle: string, displayName?: string, followers?: number, extra: Partial<Person> = {}): Person {
  return {
    id: `14000${String(n).padStart(5, '0')}`,
    handle,
    ...(displayName === undefined ? {} : { displayName }),
    ...(followers === undefined ? {} : { followers, verified: false }),
    ...extra,
  };
}

/** Ordinary customers, by a short key. */
export const C = {
  jess: person(1, 'jess_mk', 'Jess McKenna', 412),
  tomasz: person(2, 'tomasz_b', 'Tomasz Brzęczyszczykiewicz', 88),
  ana: person(3, 'ana_lucia_r', 'Ana Lucía Reyes', 1_930),
  dev: person(4, 'devops_dan', 'Dan (on call)', 5_210),
  nina: person(5, 'ninabakes', 'Nina 🧁', 23_400),
  omar: person(6, 'omar_k', 'Omar Khalil', 640),
  greta: person(7, 'greta_h', 'Greta Hoffmann', 301),
  paul: person(8, 'paulwrites', 'Paul Mercer', 12_800, { verified: true }),
  sam: person(9, 'sam_t_2001', 'Sam T', 57),
  li: person(10, 'li_na_photo', 'Li Na', 7_300),
  rosa: person(11, 'rosa_mtz', 'Rosa Martínez', 950, { location: 'Valencia' }),
  claire: person(12, 'claire_dlc', 'Claire de la Cour', 2_140, { location: 'Lyon' }),
  jonas: person(13, 'jonas_w', 'Jonas Weber', 410, { location: 'Köln' }),
  ike: person(14, 'ike_builds', 'Ikenna', 3_050),
  mo: person(15, 'mo_streams', 'Mo | streaming 8pm', 48_900),
  hannah: person(16, 'hannahplays', 'Hannah', 760),
  victor: person(17, 'vic_tor', 'Victor Osei', 205),
  kim: person(18, 'kim_s_lee', 'Kim Lee', 1_120),
  ben: person(19, 'benj_farm', 'Ben the Farmer', 2_800, { location: 'Eastfield' }),
  lucy: person(20, 'lucy_in_ldn', 'Lucy', 615),
  raf: person(21, 'rafa_gomez', 'Rafael Gómez', 330),
  amelie: person(22, 'amelie_b', 'Amélie Bernard', 190),
  zoe: person(23, 'zoe_codes', 'Zoe', 9_400),
  frank: person(24, 'frank_the_tank', 'Frank Ruiz', 44),
  ivy: person(25, 'ivy_green', 'Ivy Green', 1_005),
  noah: person(26, 'noah_p', 'Noah Park', 130),
  mei: person(27, 'meimei_art', 'Mei', 15_200),
  george: person(28, 'grumpy_george', 'George', 12),
  sara: person(29, 'sara_nurse', 'Sara (night shifts)', 480),
  leo: person(30, 'leo_gaming', 'Leo', 3_900),
  ruth: person(31, 'ruth_at_62', 'Ruth Abernathy', 75),
  ahmed: person(32, 'ahmed_f', 'Ahmed Farouk', 860),
  jules: person(33, 'jules_v', 'Jules Vidal', 1_340, { location: 'Bordeaux' }),
  karin: person(34, 'karin_s', 'Karin Schmidt', 220, { location: 'Hamburg' }),
  diego: person(35, 'diego_arg', 'Diego', 2_250, { location: 'Madrid' }),
  pat: person(36, 'pat_quinn'),
  eli: person(37, 'eli_r', 'Eli Rosen', 610),
  maya: person(38, 'maya_travels', 'Maya ✈️', 31_000),
  owen: person(39, 'owen_j', 'Owen Jones', 90),
  tara: person(40, 'tara_k', 'Tara Kapoor', 1_700),
  will: person(41, 'will_b_smallbiz', 'Will @ Bloom Florist', 2_020),
  yuki: person(42, 'yuki_t', 'Yuki Tanaka', 540),
  fatima: person(43, 'fatima_z', 'Fatima Zahra', 3_300),
  chris: person(44, 'chris_p', 'Chris P', 150),
  dora: person(45, 'dora_explores', undefined, 60),
  kevin: person(46, 'kev_on_hold', 'Kevin Doyle', 1_480),
  bea: person(47, 'bea_santos', 'Beatriz Santos', 2_600),
  harriet: person(48, 'harriet_w', 'Harriet Wu', 870),
  stan: person(49, 'stan_the_man', 'Stan Kowal', 35),
  ingrid: person(50, 'ingrid_n', 'Ingrid Nilsson', 1_190),
  ravi: person(51, 'ravi_s', 'Ravi Shankar', 5_600, { verified: true }),
  lola: person(52, 'lola_runs', 'Lola', 410),
  gus: person(53, 'gus_mechanic', 'Gus', 95),
  petra: person(54, 'petra_n', 'Petra Novak', 730),
  quinn: person(55, 'quinn_x', 'Quinn', 250_000, { verified: true }),
} as const satisfies Record<string, Person>;

/** People the seeded CRM knows (see seed.ts): matched by provider id, handle, email, or only a similar name. */
export const SEEDED = {
  /** Seed contact has this provider id under an OLD handle `dana_whit` → matched by id, handle updated. */
  dana: person(301, 'danawhitfield', 'Dana Whitfield', 2_310),
  /** Seed contact has handle `RajP_Builds` (no provider id) → matched by handle, case-insensitively. */
  raj: person(302, 'rajp_builds', 'Raj P.', 640),
  /** Seed contact has only this email → matched by email. */
  lena: person(303, 'lenaf_berlin', 'Lena F.', 205, { email: 'lena.fischer@example.de', location: 'Berlin' }),
  /** Seed contact "Margaret Oyelaran" has only a name → a suggestion, never a merge. */
  margaret: person(304, 'maggie_oye', 'Margaret Oyelaran', 118),
  /** Closed case 00001001 (closed 2026-10-20T16:00Z); replies 2 days later → reopen. */
  tom: person(305, 'tomokafor', 'Tom Okafor', 940),
  /** Closed case 00001002 (closed 2026-09-05T12:00Z); replies 40 days later → new Case, parent 00001002. */
  sofia: person(306, 'sofiamarquez', 'Sofía Márquez', 3_870),
  /** Open case 00001003; a new reply in its thread → comment. */
  priya: person(307, 'priya_r', 'Priya Raman', 1_420),
  /** Closed case 00001006 (2026-09-30); posts a NEW top-level complaint → a new Case (other thread). */
  chen: person(310, 'chenwei_dev', 'Chen Wei', 6_100),
} as const satisfies Record<string, Person>;

/** Special scenarios. */
export const SPECIAL = {
  /** Posts first as `jkowalski_88`, later as `jordan_kowalski` (same user id). */
  jordanOld: person(401, 'jkowalski_88', 'Jordan Kowalski', 530),
  jordanNew: person(401, 'jordan_kowalski', 'Jordan Kowalski', 541),
  /** A display name of exactly 300 characters. */
  longName: person(402, 'long_name_guy', `${'Sir Bartholomew Maximilian '.repeat(11).slice(0, 296)} XII`, 17),
  /** Hostile-text authors. */
  quoter: person(403, 'quote_unquote', 'Robert "Bobby" O\'Neill \\ Jr.', 310),
  sqlish: person(404, 'little_bobby', "Robert'); DROP TABLE Contacts;--", 1_337),
  emoji: person(405, 'family_first', '👨‍👩‍👧‍👦 The Nguyens 🇻🇳🇦🇺', 2_020),
  rtl: person(406, 'yasmin_a', 'ياسمين العلي', 780, { location: 'عمّان' }),
  ctrl: person(407, 'term_junkie', 'Terminal\u0007Junkie', 64),
  blank: person(408, 'photo_only', 'Pics only', 1_005),
  essay: person(409, 'the_long_read', 'Long Read Larry', 2_500),
} as const satisfies Record<string, Person>;
