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
    },
    format: ['esm', 'cjs'],
  },
  {
    // The contract kit runs inside vitest, which is ESM-only: so is this entry point.
    ...shared,
    entry: { testing: 'src/testing/index.ts' },
    format: ['esm'],
    external: ['vitest'],
  },
]);
