/**
 * Hostile but valid input (block 70): quotes and backslashes, SOQL-like text, emoji with ZWJ and
 * flags, a 10,000-character text, control characters, an empty text, right-to-left text, a 300-char
 * display name, invisible separators. And the exactly 4 INVALID lines (block 71 ids) the sync must
 * dead-letter, naming the field or line.
 */
import { ACME_HELP, postId, type SampleBuilder } from './build.js';
import { C, SPECIAL } from './people.js';

/** Length of the long text, in UTF-16 code units (JavaScript `length`). */
export const LONG_TEXT_LENGTH = 10_000;

function longText(): string {
  const paragraph = (n: number) =>
    `Part ${n}: I have been an Acme Telecom customer since March and I want to set out, in order, everything that went wrong, ` +
    'because every time I call I am asked to start from the beginning. The broadband dropped daily, the engineer did not come, ' +
    'the bill doubled, and the chat closed on me twice. I am writing it all here so that nobody can say they did not know. ';
  let text = '@AcmeHelp here is the full story, since nobody reads my emails. ';
  for (let n = 1; text.length < LONG_TEXT_LENGTH; n += 1) text += paragraph(n);
  return `${text.slice(0, LONG_TEXT_LENGTH - 5)} END.`;
}

/** Adds the hostile-but-valid posts; returns their ids by name. */
export function addHostile(b: SampleBuilder): Record<string, string> {
  const q = b.post(70, SPECIAL.quoter,
    String.raw`@AcmeHelp the router page says "Password must not contain \ or ' or "" — my wifi is called "Bob's \"Fast\" WiFi". The log C:\Users\bob\modem.log shows a literal \n and \t here.` +
      '\nAnd this line comes after a real newline.\r\nAnd this one after CRLF.',
    '2026-10-05T12:00:00Z');
  const soql = b.post(70, SPECIAL.sqlish,
    `@AcmeHelp my account name is ' OR Name LIKE '% and your chat said it "broke the search". Also tried: '); DELETE FROM Case WHERE Id != null; -- and \\' OR 1=1 --`,
    '2026-10-07T09:09:00Z');
  const emoji = b.post(70, SPECIAL.emoji,
    '@AcmeHelp the whole family 👨‍👩‍👧‍👦 has no signal 😭 since we got back from 🇳🇬🇩🇪🇯🇵 — 🏳️‍🌈 👍🏽 ❤️‍🔥 🧑🏿‍💻 #NoSignal #家族',
    '2026-10-11T16:45:00Z');
  const long = b.post(70, SPECIAL.essay, longText(), '2026-10-14T22:30:00Z');
  const ctrl = b.post(70, SPECIAL.ctrl,
    '@AcmeHelp the modem app prints \u001b[31mERROR 0x7F\u001b[0m, rings a bell\u0007, and the log has a null\u0000byte, a tab\tand a form feed\f and DEL\u007f.',
    '2026-10-18T03:03:00Z');
  const empty = b.post(70, SPECIAL.blank, '', '2026-10-20T12:00:00Z');
  const rtl = b.post(70, SPECIAL.rtl, '@AcmeHelp الإنترنت مقطوع عندي منذ الصباح في عمّان. أرجو المساعدة بسرعة 🙏', '2026-10-25T06:30:00Z', { lang: 'ar' });
  const bidi = b.post(70, C.eli, '@AcmeHelp שלום, החשבונית שלי שגויה. you sent me invoice_\u202Efdp.exe — is that safe?', '2026-10-29T15:15:00Z', { lang: 'he' });
  const named = b.post(70, SPECIAL.longName, '@AcmeHelp my full name does not fit in your forms, so my bills are addressed to "Sir Barth". Please fix.', '2026-11-02T10:10:00Z');
  const namedHelp = b.reply(70, named, ACME_HELP, 'Sorry about that! We will pass this to the billing team so the full name prints.', 50);
  const markup = b.post(70, C.zoe, "@AcmeHelp your contact form echoed <script>alert('x')</script> &amp; {{user.name}} ${SECRET} %s %n back at me 👀", '2026-11-05T11:11:00Z');
  const invisible = b.post(70, C.leo,
    '@AcmeHelp line\u2028separator, paragraph\u2029separator, zero\u200Bwidth, BOM\uFEFF, and Zalgo H̸̡̪̯ͨ͊̽̅̾̎E̬̩̾͛ͪ̈́̀́͘ C̷̙̲̝͖ͭ̏ͥͮ͟O̮̪̝͍M̲̖͊̒ͪͩͬ̚̚͜E̴̟̟͙̞ͩ͌͝S̨̥̫͎̭ͯ̿̔̀ͅ',
    '2026-11-08T20:20:00Z');
  const caps = b.post(70, C.pat, '@ACMEHELP WHY IS MY BILL £0.00 AND ALSO OVERDUE', '2026-11-12T09:00:00Z', { kind: null });
  return {
    quotesAndBackslashes: q.id, soqlLike: soql.id, emoji: emoji.id, longText: long.id, controlChars: ctrl.id,
    emptyText: empty.id, rtl: rtl.id, bidiOverride: bidi.id, longDisplayName: named.id, longDisplayNameBrandReply: namedHelp.id,
    markup: markup.id, invisibleSeparators: invisible.id, upperCaseMention: caps.id,
  };
}

const base = (n: number) => ({
  id: postId(71, n),
  provider: 'twitter',
  createdAt: '2026-10-15T10:00:00Z',
  lang: 'en',
});

/** The 4 invalid lines, each with the reason the sync must give. Ids use block 71. */
export const INVALID_LINES: readonly { readonly reason: string; readonly field: string; readonly line: string }[] = [
  { reason: 'not JSON at all', field: '(line)', line: 'this is not json: the export tool crashed here <EOF> {"id": 1980071' },
  {
    reason: 'missing author.handle', field: 'author.handle',
    line: JSON.stringify({ ...base(2), text: '@AcmeHelp my account has no handle?', author: { provider: 'twitter', id: '1400000999', displayName: 'No Handle' } }),
  },
  {
    reason: 'createdAt is not a date', field: 'createdAt',
    line: JSON.stringify({ ...base(3), createdAt: 'yesterday', text: '@AcmeHelp posted yesterday', author: { provider: 'twitter', id: '1400000998', handle: 'time_traveller' } }),
  },
  {
    reason: 'text is a number', field: 'text',
    line: JSON.stringify({ ...base(4), text: 12345, author: { provider: 'twitter', id: '1400000997', handle: 'numbers_only' } }),
  },
];
