import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { TransientError } from '../../../src/errors.js';
import { salesforceAdapter } from '../../../src/adapters/salesforce/index.js';

/** A loopback port nothing listens on (bound, then closed). */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

describe('token endpoint unreachable (real sockets, real jsforce transport)', () => {
  it('connection refused: transient, naming the token endpoint and ECONNREFUSED, never the secret', async () => {
    const port = await closedPort();
    const adapter = salesforceAdapter({ loginUrl: `http://127.0.0.1:${port}`, auth: { flow: 'refresh_token', clientId: 'CID', clientSecret: 'TOPSECRET', refreshToken: '5Aep_SECRET' } });
    const error = (await adapter.refreshSession().catch((e: unknown) => e)) as TransientError;
    expect(error).toBeInstanceOf(TransientError);
    expect(error.message).toContain(`http://127.0.0.1:${port}/services/oauth2/token`);
    expect(error.message).toContain('ECONNREFUSED');
    expect(error.details.remoteCode).toBe('ECONNREFUSED');
    expect(JSON.stringify(error.toJSON())).not.toMatch(/TOPSECRET|5Aep_SECRET/);
  });
});
