import { describe, expect, it } from 'vitest';
import { accepted, rejection, withAuthor } from './helpers.js';

describe('author.handle', () => {
  it.each(['@', '@\t', '\u0007', '@ ', ' @ ', '@\u007f', '@\u0085', '\u00a0@\u3000', '@\u0000\u001f', '@\u2028'])(
    'rejects %j: nothing visible once the leading @ is removed',
    (handle) => {
      const { field, message } = rejection(withAuthor({ handle }));
      expect(field).toBe('author.handle');
      expect(message).toBe('Invalid post 1: author.handle: must have a visible character after the leading "@" (not only whitespace or control characters)');
    },
  );

  it.each(['', '   '])('rejects %j as empty, with one message', (handle) => {
    expect(rejection(withAuthor({ handle }))).toEqual({ field: 'author.handle', message: 'Invalid post 1: author.handle: must not be empty' });
  });

  it.each([
    ['ada', 'ada'],
    ['@ada', 'ada'],
    [' @ada ', 'ada'],
    ['@\u0007x', '\u0007x'],
    ['@@', '@'],
    ['Zoë_ü', 'Zoë_ü'],
  ])('accepts %j as %j', (handle, want) => {
    expect(accepted(withAuthor({ handle })).author.handle).toBe(want);
  });
});
