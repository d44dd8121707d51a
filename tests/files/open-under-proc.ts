/**
 * Child process of ensure-dir.test.ts: opens one product file whose folder is under /proc with the
 * library entry point named by argv[3] and prints what it threw as one JSON line. Run in a child
 * because the old code (Node's recursive mkdir) spun there forever, deaf to SIGTERM.
 */
import { localCrmAdapter } from '../../src/adapters/local/adapter.js';
import { ensureDir } from '../../src/files/ensure-dir.js';
import { writeTokenFile as writeSalesforceTokenFile } from '../../src/adapters/salesforce/token-file.js';
import { writeTokenFile } from '../../src/sources/twitter/token-file.js';
import { fileStateStore } from '../../src/state/file-store.js';
import { sqliteStateStore } from '../../src/state/sqlite/index.js';

const [path = '', kind = ''] = process.argv.slice(2);
const opens: Record<string, () => unknown> = {
  ensureDir: () => ensureDir(path, { key: 'state.path' }),
  sqlite: () => sqliteStateStore({ path, configKey: 'state.path' }),
  file: () => fileStateStore({ path }),
  local: () => localCrmAdapter({ path, configKey: 'crm.path' }),
  token: () => writeTokenFile(path, { refreshToken: 'r', accessToken: 'a', expiresAt: new Date().toISOString() }),
  salesforceToken: () => writeSalesforceTokenFile(path, { accessToken: 'a', instanceUrl: 'https://acme.my.salesforce.com' }),
};
try {
  const open = opens[kind];
  if (open === undefined) throw new Error(`unknown kind ${kind}`);
  open();
  process.stdout.write(`${JSON.stringify({ threw: false })}\n`);
} catch (error) {
  const e = error as { name?: string; message?: string; details?: { field?: string } };
  process.stdout.write(`${JSON.stringify({ threw: true, name: e.name, message: e.message, field: e.details?.field })}\n`);
}
