/**
 * Seeding: a local CRM that holds nothing yet can start from a seed file (an existing CRM export in
 * the local file format), so a demo or a test begins with Contacts and Cases to match into.
 */
import fs from 'node:fs';
import { ConfigError } from '../../errors.js';
import { journalPathOf } from '../../state/journal-file.js';

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

/** Reads a seed file as a snapshot body (without its `seq`); errors name the seed file. */
export function readSeed(seedPath: string): Record<string, unknown> {
  let text: string;
  try {
    text = fs.readFileSync(seedPath, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new ConfigError(`crm.seed: cannot read ${seedPath}: ${reason}`, { field: 'crm.seed' }, error);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`crm.seed: ${seedPath} is not valid JSON: ${(error as Error).message}`, { field: 'crm.seed' }, error);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError(`crm.seed: ${seedPath} must hold a JSON object`, { field: 'crm.seed' });
  }
  const { seq: _seq, ...body } = value as Record<string, unknown>;
  return body;
}
