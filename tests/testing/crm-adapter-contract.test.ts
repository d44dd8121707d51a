import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localCrmAdapter } from '../../src/adapters/local/index.js';
import { describeCrmAdapterContract } from '../../src/testing/crm-adapter-contract.js';

describeCrmAdapterContract({ name: 'local (memory)', create: () => ({ adapter: localCrmAdapter() }) });

describeCrmAdapterContract('local (file)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crm-contract-'));
  const adapter = localCrmAdapter({ path: join(dir, 'crm.json') });
  return {
    adapter,
    cleanup: async () => {
      await adapter.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
