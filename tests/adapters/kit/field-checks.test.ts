import { describe, expect, it } from 'vitest';
import {
  caseFieldError,
  charLength,
  checkBytes,
  checkChars,
  checkRequired,
  commentFieldError,
  contactFieldError,
} from '../../../src/adapters/kit/index.js';
import { SALESFORCE_FIELD_LIMITS as limits } from '../../../src/mapping/field-limits.js';

describe('kit field checks', () => {
  it('counts characters as code points', () => {
    expect(charLength('abc')).toBe(3);
    expect(charLength('😡é')).toBe(2);
    expect(charLength('')).toBe(0);
  });

  it('checkChars: at the limit passes, one over fails with STRING_TOO_LONG naming the field', () => {
    expect(checkChars('Case k', 'subject', '😡'.repeat(5), 5)).toBeUndefined();
    expect(checkChars('Case k', 'subject', undefined, 5)).toBeUndefined();
    expect(checkChars('Case k', 'subject', 'é'.repeat(6), 5)).toEqual({
      code: 'STRING_TOO_LONG',
      message: 'Case k: subject has 6 characters, the limit is 5',
      field: 'subject',
    });
  });

  it('checkBytes counts UTF-8 bytes: multi-byte text at exactly the limit passes, one byte more fails', () => {
    expect(checkBytes('Comment k', 'body', 'é'.repeat(5), 10)).toBeUndefined();
    expect(checkBytes('Comment k', 'body', '😡😡a', 9)).toBeUndefined();
    expect(checkBytes('Comment k', 'body', `${'é'.repeat(5)}a`, 10)).toEqual({
      code: 'STRING_TOO_LONG',
      message: 'Comment k: body has 11 UTF-8 bytes, the limit is 10',
      field: 'body',
    });
    expect(checkBytes('Comment k', 'body', '😡😡', 7)?.code).toBe('STRING_TOO_LONG');
  });

  it('checkRequired refuses absent, empty and blank values', () => {
    for (const value of [undefined, '', ' \n\t']) expect(checkRequired('X', 'lastName', value)?.code).toBe('REQUIRED_FIELD_MISSING');
    expect(checkRequired('X', 'lastName', 'Lovelace')).toBeUndefined();
  });

  it('draft checks report the first problem of a Contact, Case or comment', () => {
    expect(contactFieldError('C', { lastName: 'L', firstName: 'x'.repeat(41) }, limits)?.field).toBe('firstName');
    expect(contactFieldError('C', { lastName: ' ' }, limits)?.field).toBe('lastName');
    expect(contactFieldError('C', { lastName: 'L' }, limits)).toBeUndefined();
    const kase = { externalPostId: 'twitter:1', status: 'New', subject: 's', description: 'd' };
    expect(caseFieldError('K', kase, limits)).toBeUndefined();
    expect(caseFieldError('K', { ...kase, status: '' }, limits)?.field).toBe('status');
    expect(caseFieldError('K', { ...kase, description: 'd'.repeat(32_001) }, limits)?.field).toBe('description');
    const comment = { externalPostId: 'twitter:2', body: 'é'.repeat(2000) };
    expect(commentFieldError('M', comment, limits)).toBeUndefined();
    expect(commentFieldError('M', { ...comment, body: `${comment.body}a` }, limits)?.field).toBe('body');
    expect(commentFieldError('M', { ...comment, body: '' }, limits)?.code).toBe('REQUIRED_FIELD_MISSING');
  });
});
