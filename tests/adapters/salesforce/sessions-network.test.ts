import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConnectorError, TransientError } from '../../../src/errors.js';
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

  /** A throw-away self-signed certificate for 127.0.0.1, or undefined without openssl. */
  function selfSigned(): { key: string; cert: string } | undefined {
    const dir = mkdtempSync(join(tmpdir(), 'sf-tls-'));
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-days', '1', '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'c.pem')], { stdio: 'ignore' });
      return { key: readFileSync(join(dir, 'k.pem'), 'utf8'), cert: readFileSync(join(dir, 'c.pem'), 'utf8') };
    } catch {
      return undefined;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const tls = selfSigned();

  it.skipIf(tls === undefined)('a certificate Node does not trust: not retried, naming the host and the certificate code', async () => {
    const server = createHttpsServer(tls ?? {}, (_req, res) => res.end('{}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      const adapter = salesforceAdapter({ loginUrl: `https://127.0.0.1:${port}`, auth: { flow: 'refresh_token', clientId: 'CID', refreshToken: '5Aep_SECRET' } });
      const error = (await adapter.refreshSession().catch((e: unknown) => e)) as ConnectorError;
      expect(error).toBeInstanceOf(ConnectorError);
      expect(error.retryable).toBe(false);
      expect(error.message).toContain(`https://127.0.0.1:${port}`);
      expect(error.message).toMatch(/certificate of .* was not accepted \((DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE)\)/);
      expect(error.message).not.toContain('5Aep_SECRET');
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
