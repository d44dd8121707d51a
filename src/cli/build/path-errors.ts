import { existsSync, statSync } from 'node:fs';
import { ConfigError, ConnectorError } from '../../errors.js';

/** A config error naming `key` unless `path` is a readable regular file. */
export function requireFile(path: string, key: string): void {
  if (!existsSync(path)) throw new ConfigError(`${key}: no such file: ${path}`, { field: key });
  if (!statSync(path).isFile()) throw new ConfigError(`${key}: ${path} is not a file (a directory?)`, { field: key });
}

/** Plain words for the file-system errors a wrong path (not a failing disk) gives. */
const PATH_PROBLEMS: Readonly<Record<string, string>> = {
  ENOTDIR: 'a part of the path is a file, not a folder',
  EEXIST: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder, not a file',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the disk is read-only',
};

/**
 * Runs `open`; a file-system error caused by the path (a directory where a file should be, a path
 * under a file, no permission, a read-only disk) becomes a config error naming `key`, so the job says
 * which setting to fix and exits 2. Disk failures (EIO, ENOSPC) stay errors of the run (exit 3).
 */
export async function asConfigError<T>(key: string, path: string, open: () => T | Promise<T>): Promise<T> {
  try {
    return await open();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    const why = typeof code === 'string' ? PATH_PROBLEMS[code] : undefined;
    if (error instanceof ConnectorError || why === undefined) throw error; // e.g. EIO, ENOSPC: not a setting to fix
    throw new ConfigError(`${key}: cannot use ${path}: ${why} (${code})`, { field: key }, error);
  }
}
