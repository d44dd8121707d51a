/**
 * The sync job from a clone of the repository (`npm run sync -- --config FILE …`): the same program
 * an installed package runs as `npx social-crm-sync`, called from its library entry.
 * Integrators embed it the same way: `import { runCli } from 'social-crm-connector/cli'`.
 */
import { runCli } from '../src/cli/index.js';
import { tuneHeapForSyncJob } from '../src/runtime/heap.js';

tuneHeapForSyncJob(); // as the installed program does (src/cli/main.ts)

process.exitCode = await runCli(process.argv.slice(2));
