/**
 * Creates a folder and its missing parents one level at a time. Node's
 * `fs.mkdirSync(dir, { recursive: true })` never returns where the kernel answers ENOENT for a
 * folder it will not create (under `/proc`, `/sys`): the process spins at 100 % CPU, deaf to
 * SIGTERM. One level at a time, that answer is an error naming the folder and the errno.
 */
import fs from 'node:fs';
import nodePath from 'node:path';
import { ConfigError } from '../errors.js';

/** Options of {@link ensureDir}. */
export interface EnsureDirOptions {
  /** The config key the folder comes from (e.g. `state.path`), for the error's `details.field`. Default: the folder itself. */
  readonly key?: string;
}

/** The file-system answers that mean the path is wrong (a setting to fix), not that the disk failed. */
const PATH_CODES: ReadonlySet<string> = new Set(['ENOENT', 'ENOTDIR', 'EEXIST', 'EACCES', 'EPERM', 'EROFS']);

/** The missing folders of `folder`, outermost first (`folder` included when missing). */
function missingFolders(folder: string): string[] {
  const missing: string[] = [];
  for (let at = folder; !fs.existsSync(at); at = nodePath.dirname(at)) {
    missing.unshift(at);
    if (nodePath.dirname(at) === at) break;
  }
  return missing;
}

/**
 * Makes sure `folder` exists as a folder, creating it and its missing parents one level at a time.
 * A path that cannot hold a folder (under `/proc`, under a file, no permission, a read-only disk)
 * throws a {@link ConfigError} naming the folder that could not be created and the errno (its
 * `cause` is the file-system error); other failures (EIO, ENOSPC) are thrown as they are.
 */
export function ensureDir(folder: string, options: EnsureDirOptions = {}): void {
  const full = nodePath.resolve(folder);
  for (const at of missingFolders(full)) {
    try {
      fs.mkdirSync(at);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' && fs.statSync(at, { throwIfNoEntry: false })?.isDirectory() === true) continue; // made meanwhile
      if (code === undefined || !PATH_CODES.has(code)) throw error;
      const why = code === 'EEXIST' ? 'ENOTDIR, a file is in the way' : code;
      throw new ConfigError(`the folder ${at} cannot be created (${why})`, { field: options.key ?? full }, error);
    }
  }
  const last = fs.statSync(full, { throwIfNoEntry: false });
  if (last !== undefined && !last.isDirectory()) {
    throw new ConfigError(`the folder ${full} cannot be created (ENOTDIR, a file is in the way)`, { field: options.key ?? full });
  }
}
