import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { COMMENT_PLACEHOLDERS, PLACEHOLDERS } from '../../src/mapping/placeholders.js';
import { compileTemplate, renderTemplate } from '../../src/mapping/template.js';

describe('compileTemplate', () => {
  it('rejects an unknown placeholder with a ConfigError naming the field', () => {
    let caught: unknown;
    try {
      compileTemplate('Hi {handel}', PLACEHOLDERS, 'mapping.subjectTemplate');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).details.field).toBe('mapping.subjectTemplate');
    expect((caught as ConfigError).message).toContain('{handel}');
  });

  it('rejects a placeholder not available in that template', () => {
    expect(() => compileTemplate('{priority}', COMMENT_PLACEHOLDERS, 'mapping.commentTemplate')).toThrow(
      'Placeholder {priority} is not available in mapping.commentTemplate',
    );
  });

  it('knows a template made of exactly one placeholder', () => {
    expect(compileTemplate('{followers}', PLACEHOLDERS, 'f').only).toBe('followers');
    expect(compileTemplate('{ followers }', PLACEHOLDERS, 'f').only).toBe('followers');
    expect(compileTemplate('#{followers}', PLACEHOLDERS, 'f').only).toBeUndefined();
  });
});

describe('renderTemplate', () => {
  const render = (source: string, values: Parameters<typeof renderTemplate>[1]) => renderTemplate(compileTemplate(source, PLACEHOLDERS, 'f'), values);

  it('fills placeholders and keeps escaped braces literal', () => {
    expect(render('{{x}} @{handle} {kind}}}', { handle: 'bob', kind: 'reply' })).toBe('{x} @bob reply}');
  });

  it('renders numbers, verified and unknown values without "undefined"', () => {
    expect(render('{followers} followers{verified}', { followers: 12, verified: true })).toBe('12 followers, verified');
    expect(render('{followers} followers{verified} - {lang}', { followers: 0, verified: false })).toBe('0 followers - ');
  });

  it('drops lines whose placeholders are all empty and merges the blank lines around them', () => {
    const source = '{text}\n\nLink: {url}\n\nBy {handle}';
    expect(render(source, { text: 'hi', handle: 'bob' })).toBe('hi\n\nBy bob');
    expect(render(source, { text: 'hi', handle: 'bob', url: 'https://x' })).toBe('hi\n\nLink: https://x\n\nBy bob');
    expect(render(source, { handle: 'bob' })).toBe('By bob');
  });

  it('keeps blank lines inside values', () => {
    expect(render('{text}\nend', { text: 'a\n\n\nb' })).toBe('a\n\n\nb\nend');
  });

  it('sanitizes control characters in the template literal', () => {
    expect(render('a\u0007b {handle}', { handle: 'x' })).toBe('ab x');
  });
});
