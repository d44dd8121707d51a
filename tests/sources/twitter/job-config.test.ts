import { describe, expect, it } from 'vitest';
import { parseJobConfig } from '../../../src/cli/index.js';
import { BRAND } from './helpers.js';

const base = { crm: { type: 'local', path: '.data/crm.json' } };

describe('job config: source.type twitter', () => {
  it('is a member of the job config and may leave brand to the source', () => {
    const config = parseJobConfig({ ...base, source: { type: 'twitter', auth: { bearerToken: 'x' }, mentions: [BRAND] } });
    expect(config.source).toMatchObject({ type: 'twitter', overlapSeconds: 120, fetchParents: true });
  });

  it('names the bad key of a twitter source, never the credential', () => {
    let message = '';
    try {
      parseJobConfig({ ...base, source: { type: 'twitter', auth: { bearerToken: 'SECRET-VALUE', oops: 1 }, mentions: [BRAND], overlapSecond: 5 } });
    } catch (error) {
      message = error instanceof Error ? error.message : String(error);
    }
    expect(message).toContain('source.overlapSecond');
    expect(message).toContain('source.auth');
    expect(message).not.toContain('SECRET-VALUE');
  });
});
