import { defineConfig } from 'tsup';

// `npm run build` empties dist/ first: tsup's own `clean` would run per config and delete the other's files.

const shared = { dts: true, sourcemap: true, target: 'node20', splitting: true } as const;

export default defineConfig([
  {
    ...shared,
    entry: {
      index: 'src/index.ts',
      local: 'src/adapters/local/index.ts',
      jsonl: 'src/sources/jsonl/index.ts',
      sqlite: 'src/state/sqlite/index.ts',
      kit: 'src/adapters/kit/index.ts',
      salesforce: 'src/adapters/salesforce/index.ts',
      twitter: 'src/sources/twitter/index.ts',
      'cli/index': 'src/cli/index.ts',
      sugarcrm: 'src/adapters/sugarcrm/index.ts',
    },
    format: ['esm', 'cjs'],
    // Optional peers stay outside the bundle: only users of their subpath load them.
    external: ['jsforce', 'axios', 'twitter-api-v2'],
  },
  {
    // The contract kit runs inside vitest, which is ESM-only: so is this entry point. No source map:
    // vitest would map a failing contract's stack to src/…, which the package does not ship; without
    // one, the frames name dist/testing.js (.ci/contract-stack.mjs checks it on the packed tarball).
    ...shared,
    sourcemap: false,
    entry: { testing: 'src/testing/index.ts' },
    format: ['esm'],
    external: ['vitest'],
  },
  {
    // The `social-crm-sync` bin: plain `node dist/cli.js` (ESM, top-level await; tsup keeps the shebang and makes it executable).
    ...shared,
    dts: false,
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    external: ['jsforce', 'twitter-api-v2'],
  },
]);
