/**
 * Seeding: a local CRM that holds nothing yet can start from a seed file (an existing CRM export in
 * the local file format), so a demo or a test begins with Contacts and Cases to match into.
 */
import fs from 'node:fs';
import { ConfigError } from '../../errors.js';
import { journalPathOf, readSnapshot } from '../../files/journal-file.js';

/** True when `path` holds no local CRM yet: neither the file nor a non-empty journal beside it. */
export function isEmptyCrmPath(path: string): boolean {
  if (fs.existsSync(path)) return false;
  try {
    return fs.statSync(journalPathOf(path)).size === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
}

/** Reads a seed file (a local CRM file) as a snapshot body without its `seq`; errors name `crm.seed`. */
export function readSeed(seedPath: string): Record<string, unknown> {
  let body: Record<string, unknown> | undefined;
  try {
    body = readSnapshot(seedPath).body;
  } catch (error) {
    throw new ConfigError(`crm.seed: ${(error as Error).message}`, { field: 'crm.seed' }, error);
  }
  if (body === undefined) throw new ConfigError(`crm.seed: cannot read ${seedPath}: no such file`, { field: 'crm.seed' });
  return body;
}
