/**
 * Tiny helpers shared by the benchmark data tools: mentions and hashtags as X extracts them from a
 * post's text (close enough for synthetic and archived data), and the "run as a script" check.
 */
import { realpathSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';

const MENTION = /(?<![\p{L}\p{N}_@])@([A-Za-z0-9_]{1,15})(?![A-Za-z0-9_@])/gu;
const HASHTAG = /(?<![\p{L}\p{N}_&#])[#＃]([\p{L}\p{M}\p{N}_]*[\p{L}\p{M}_][\p{L}\p{M}\p{N}_]*)/gu;

/** Handles mentioned in a text (`@name`), without the `@`, in order, duplicates removed. */
export function extractMentions(text: string): string[] {
  return unique([...text.matchAll(MENTION)].map((m) => m[1] ?? ''));
}

/** Hashtags in a text (`#tag`, letters required), without the `#`, in order, duplicates removed. */
export function extractHashtags(text: string): string[] {
  return unique([...text.matchAll(HASHTAG)].map((m) => m[1] ?? ''));
}

function unique(values: string[]): string[] {
  return [...new Set(values.filter((v) => v !== ''))];
}

/** True when the module at `moduleUrl` (named `name`, the file's name without extension) is the script node/tsx was started with. */
export function isMainModule(moduleUrl: string, name?: string): boolean {
  const entry = process.argv[1];
  // The name guards bundles (bench/bundle-worker.ts), where every module shares the bundle's URL.
  if (entry === undefined || (name !== undefined && basename(entry).replace(/\.[cm]?[jt]s$/, '') !== name)) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}
