import { jsonlSource } from '../../sources/jsonl/index.js';
import type { SocialSource } from '../../sources/types.js';
import type { SourceConfig } from '../config/sources.js';
import { requireFile } from './path-errors.js';

/**
 * The source a `source:` config describes. One case per member of `SourceConfigSchema`; a source
 * with a heavy client loads it here with `await import()` so other jobs never pay for it.
 */
export async function buildSource(config: SourceConfig): Promise<SocialSource> {
  switch (config.type) {
    case 'jsonl':
      requireFile(config.path, 'source.path');
      return jsonlSource({ path: config.path });
  }
}
