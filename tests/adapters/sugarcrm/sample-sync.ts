/** Runs the bundled sample through the engine into a CRM, with the demo job's settings. */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CrmAdapter } from '../../../src/adapters/types.js';
import type { SyncReport } from '../../../src/model/report.js';
import { jsonlSource } from '../../../src/sources/jsonl/index.js';
import type { StateStore } from '../../../src/state/types.js';
import { createSync } from '../../../src/sync/create-sync.js';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** The bundled sample and its seed CRM. */
export const SAMPLE = join(ROOT, 'examples/data/sample-posts.jsonl');
export const SEED = join(ROOT, 'examples/data/seed-crm.json');

/** The demo job's sync settings (examples/demo.config.yaml). */
export const DEMO_SETTINGS = {
  brand: { handles: ['AcmeHelp', 'AcmeTelecom'], ids: ['900000000000000001', '900000000000000002'] },
  threads: { reopenWindowDays: 5 },
  batchSize: 200,
  triage: { rules: [{ name: 'thanks', when: { keywords: ['thanks', 'thank you', 'cheers', 'appreciate it'], maxLength: 80 }, action: 'comment' as const }] },
};

/** Syncs the sample into `crm`; `state` default: in memory. */
export async function syncSample(crm: CrmAdapter, options: { state?: StateStore; limits?: Record<string, unknown>; maxBatches?: number } = {}): Promise<SyncReport> {
  const sync = createSync({
    source: jsonlSource({ path: SAMPLE }),
    crm,
    ...(options.state === undefined ? {} : { state: options.state }),
    ...DEMO_SETTINGS,
    ...(options.limits === undefined ? {} : { limits: options.limits }),
  });
  try {
    return await sync.run(options.maxBatches === undefined ? {} : { maxBatches: options.maxBatches });
  } finally {
    await sync.close();
  }
}
