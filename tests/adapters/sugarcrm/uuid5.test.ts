import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseIdOf, contactIdOf, noteIdOf, SUGAR_ID_NAMESPACE } from '../../../src/adapters/sugarcrm/ids.js';
import { NAMESPACE_DNS, NAMESPACE_URL, uuidV5 } from '../../../src/adapters/sugarcrm/uuid5.js';

describe('UUID v5', () => {
  it('matches known vectors (RFC 9562 appendix, Python uuid.uuid5)', () => {
    expect(uuidV5(NAMESPACE_DNS, 'www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
    expect(uuidV5(NAMESPACE_DNS, 'python.org')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
    expect(uuidV5('6ba7b812-9dad-11d1-80b4-00c04fd430c8', 'é日本')).toBe('34b1bb39-b471-59f5-8409-915bc851637d');
    expect(SUGAR_ID_NAMESPACE).toBe(uuidV5(NAMESPACE_URL, 'https://github.com/social-crm-connector#sugarcrm'));
    expect(SUGAR_ID_NAMESPACE).toBe('b4131c2e-8abd-56da-838b-6a8d1160d054');
  });

  it('gives version 5, RFC variant, stable and distinct ids per module', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (a, b) => {
        const id = caseIdOf(a);
        expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(caseIdOf(a)).toBe(id);
        expect(noteIdOf(a)).not.toBe(id);
        expect(contactIdOf(a)).not.toBe(id);
        if (a !== b) expect(caseIdOf(b)).not.toBe(id);
      }),
    );
  });

  it('refuses a namespace that is not a UUID', () => {
    expect(() => uuidV5('nope', 'x')).toThrow(TypeError);
  });
});
