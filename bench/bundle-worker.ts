/**
 * Builds the pipeline worker (bench/pipeline.ts) into one JavaScript file with tsup, so each measured
 * run is plain `node` on built code, as a production job runs (`node dist/…`): its RSS is the
 * sync's, not that of a TypeScript loader. Dependencies stay external (resolved from node_modules).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'tsup';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
/** Inside node_modules, so the bundle's bare imports (zod, better-sqlite3, …) resolve. */
const outDir = join(repoRoot, 'node_modules', '.cache', 'scc-bench');

/** Bundles the worker; resolves with the path of the built script. */
export async function bundlePipelineWorker(): Promise<string> {
  await mkdir(outDir, { recursive: true });
  await build({
    entry: { pipeline: join(repoRoot, 'bench', 'pipeline.ts') },
    outDir,
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    splitting: false,
    sourcemap: false,
    dts: false,
    silent: true,
    config: false,
    clean: true,
  });
  return join(outDir, 'pipeline.js');
}
