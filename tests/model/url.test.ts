import { describe, expect, it } from 'vitest';
import { accepted, droppedFields, postInput } from './helpers.js';

describe('url', () => {
  it.each([
    ['https://x.com/ada/status/1', 'https://x.com/ada/status/1'],
    ['http://example.com/a?b=1#c', 'http://example.com/a?b=1#c'],
    ['HTTPS://X.COM/a', 'HTTPS://X.COM/a'],
    [' https://x.com/a ', 'https://x.com/a'],
  ])('accepts the http(s) URL %j as %j', (url, want) => {
    expect(accepted(postInput({ url })).url).toBe(want);
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(document.cookie)',
    ' javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'ftp://x.org/a',
    'mailto:a@b.co',
    'http://',
    'not a url',
    '/relative/path',
    '',
  ])('drops %j (optional metadata never costs the post), naming the field', (url) => {
    expect(droppedFields(postInput({ url }))).toEqual(['url']);
    expect(accepted(postInput({ url })).url).toBeUndefined();
  });

  it('stays optional', () => {
    expect(accepted(postInput()).url).toBeUndefined();
  });
});
