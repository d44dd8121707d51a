/** Field mapping for Sugar, as properties: names always set and within 255 characters, no null sent, keys round-trip. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSugarConfig } from '../../../src/adapters/sugarcrm/config.js';
import { caseBody, caseName, contactBody, noteName, toCrmContact } from '../../../src/adapters/sugarcrm/records.js';

const config = parseSugarConfig({ type: 'sugarcrm', baseUrl: 'https://a.example', auth: { username: 'u', password: 'p' } });
const chars = (s: string): number => Array.from(s).length;
const key = fc.tuple(fc.constantFrom('twitter', 'x'), fc.stringMatching(/^[0-9]{1,19}$/)).map(([p, id]) => `${p}:${id}`);

describe('Sugar field mapping (properties)', () => {
  it('gives every Case and Note a non-empty name of at most 255 characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), key, fc.boolean(), (text, post, outbound) => {
        const c = caseName({ externalPostId: post, threadKey: post, subject: text, description: '', status: 'New', priority: 'Low', origin: 'Twitter', createdAt: '', custom: {} });
        const n = noteName({ externalPostId: post, body: text, outbound, createdAt: '' });
        for (const name of [c, n]) {
          expect(name.trim().length).toBeGreaterThan(0);
          expect(chars(name)).toBeLessThanOrEqual(255);
        }
      }),
    );
  });

  it('never sends null, and reads back the author key and handle it wrote', () => {
    fc.assert(
      fc.property(
        key,
        fc.stringMatching(/^[A-Za-z0-9_]{1,15}$/),
        fc.option(fc.emailAddress(), { nil: undefined }),
        fc.dictionary(fc.stringMatching(/^[a-z]{1,8}_c$/), fc.oneof(fc.string(), fc.constant(null))),
        (author, handle, email, custom) => {
          const [provider = 'twitter', id = '1'] = author.split(':');
          const fields = { lastName: 'L', handles: [{ provider, handle }], socialIds: [{ provider, id }], custom, ...(email === undefined ? {} : { email }) };
          const body = contactBody(fields, config, 'id-1');
          expect(Object.values(body)).not.toContain(null);
          const back = toCrmContact({ id: 'id-1', ...body }, config);
          expect(back.socialIds).toEqual([{ provider, id }]);
          expect(back.handles).toEqual(provider === 'twitter' ? [{ provider, handle }] : []);
          expect(back.email).toBe(email);
          const kase = caseBody(
            { externalPostId: author, threadKey: author, subject: 's', description: 'd', status: 'New', priority: 'High', origin: 'Twitter', createdAt: '', custom },
            config,
            { id: 'k', contactId: 'c' },
          );
          expect(Object.values(kase)).not.toContain(null);
          expect(kase['priority']).toBe('P1');
        },
      ),
    );
  });
});
