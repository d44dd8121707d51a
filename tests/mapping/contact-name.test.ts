import { describe, expect, it } from 'vitest';
import { splitDisplayName } from '../../src/mapping/contact-name.js';

describe('splitDisplayName', () => {
  it('takes the last word as last name and the rest as first name', () => {
    expect(splitDisplayName('Jean-Claude Van Damme', 'jcvd')).toEqual({ firstName: 'Jean-Claude Van', lastName: 'Damme' });
    expect(splitDisplayName('  Jane \n Doe ', 'jane')).toEqual({ firstName: 'Jane', lastName: 'Doe' });
  });

  it('uses a single word as last name', () => {
    expect(splitDisplayName('Madonna', 'madonna')).toEqual({ lastName: 'Madonna' });
  });

  it('strips emoji from names', () => {
    expect(splitDisplayName('Jane 🌻 Doe 👩‍💻🇫🇷', 'jane')).toEqual({ firstName: 'Jane', lastName: 'Doe' });
  });

  it('falls back to @handle for emoji-only, symbol-only or missing names', () => {
    expect(splitDisplayName('🚀🔥 👨‍👩‍👧', 'rocketfan')).toEqual({ lastName: '@rocketfan' });
    expect(splitDisplayName('~~ | ~~', 'tilde')).toEqual({ lastName: '@tilde' });
    expect(splitDisplayName(undefined, 'anon')).toEqual({ lastName: '@anon' });
    expect(splitDisplayName('\u0000\u0007', 'ctl')).toEqual({ lastName: '@ctl' });
  });

  it('keeps non-Latin names', () => {
    expect(splitDisplayName('山田 太郎', 'yamada')).toEqual({ firstName: '山田', lastName: '太郎' });
  });
});
