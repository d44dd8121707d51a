import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute } from 'node:path';
import { ConfigError } from '../../errors.js';
import { ensureDir } from '../../files/ensure-dir.js';
import type { JobConfig } from '../config/schema.js';
import type { ConfigProblem } from '../config/problems.js';

/** Where a relative path was looked for (a config run from another folder than the one it was written for). */
const fromCwd = (path: string): string => (isAbsolute(path) ? '' : ` (relative paths are read from the working directory, ${process.cwd()})`);

const writable = (path: string): boolean => {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
};

/** A file the job reads: it must be there and be a regular file. */
function inputProblem(key: string, path: string): ConfigProblem | undefined {
  if (!existsSync(path)) return { field: key, message: `no such file: ${path}${fromCwd(path)}` };
  if (!statSync(path).isFile()) return { field: key, message: `${path} is not a file (a folder?)` };
  return undefined;
}

/** The nearest part of `path` (itself or a parent folder) that exists. */
function nearestExisting(path: string): string {
  let at = path;
  while (!existsSync(at)) {
    const up = dirname(at);
    if (up === at) return at;
    at = up;
  }
  return at;
}

/**
 * A file the job writes (or may create, with its folders): if it is there it must be a regular
 * file; if not, the nearest existing part of its path must be a folder. `write`: it (or that folder)
 * must also be writable.
 */
function outputProblem(key: string, path: string, write: boolean): ConfigProblem | undefined {
  if (existsSync(path)) {
    if (!statSync(path).isFile()) return { field: key, message: `cannot use ${path}: it is a folder, not a file (name a file in that folder)` };
    if (write && !writable(path)) return { field: key, message: `cannot use ${path}: permission denied (not writable)` };
    return undefined;
  }
  const existing = nearestExisting(dirname(path));
  if (!statSync(existing).isDirectory()) return { field: key, message: `cannot use ${path}: a part of the path is a file, not a folder (${existing})` };
  if (write && !writable(existing)) return { field: key, message: `cannot use ${path}: permission denied (cannot create it in ${existing})` };
  return undefined;
}

/**
 * Creates the missing folders of `path` one level at a time. Node's recursive mkdir never ends where
 * the kernel answers ENOENT for a folder it will not create (under /proc, /sys): the job spun at
 * 100 % CPU, deaf to SIGTERM. One level at a time, that answer is a problem naming the key.
 */
function createFolders(key: string, path: string): ConfigProblem | undefined {
  try {
    ensureDir(dirname(path), { key });
    return undefined;
  } catch (error) {
    if (error instanceof ConfigError) return { field: key, message: `cannot use ${path}: ${error.message}` };
    throw error;
  }
}

/** The files a job writes, with their keys: the CRM's and state's (not in a dry run or --check) and token files. */
function writtenFiles(config: JobConfig, options: { readOnly: boolean }): [string, string, boolean][] {
  const { source, crm, state } = config;
  const files: [string, string, boolean][] = [];
  if (source.type === 'twitter' && 'tokenFile' in source.auth) files.push(['source.auth.tokenFile', source.auth.tokenFile, true]);
  if (crm.type === 'local') files.push(['crm.path', crm.path, !options.readOnly]);
  if (crm.type === 'salesforce' && crm.tokenFile !== undefined) files.push(['crm.tokenFile', crm.tokenFile, true]);
  if (state.type === 'file' || state.type === 'sqlite') files.push(['state.path', state.path, !options.readOnly]);
  return files;
}

/**
 * After {@link jobPathProblems} found nothing: creates the folders the job will write in (not in a
 * dry run or --check, but token files' folders always), returning what could not be created.
 */
export function prepareJobFolders(config: JobConfig, options: { readOnly: boolean }): ConfigProblem[] {
  return writtenFiles(config, options)
    .filter(([, , write]) => write)
    .map(([key, path]) => createFolders(key, path))
    .filter((p): p is ConfigProblem => p !== undefined);
}

/**
 * Every file of a job config that cannot be used, all at once (a new user should not fix one per
 * run): the inputs that must exist (`source.path`, `crm.seed`, a JWT `privateKeyFile`) and the files
 * the job writes (`crm.path`, `state.path`, token files), checked before anything is opened so a
 * bad path never leaves another file half-made. `readOnly` (dry run, --check): the CRM and state files
 * are not written, so only their shape is checked; token files are written even then (a refresh
 * spends the old token).
 */
export function jobPathProblems(config: JobConfig, options: { readOnly: boolean }): ConfigProblem[] {
  const inputs: [string, string][] = [];
  const { source, crm } = config;
  if (source.type === 'jsonl') inputs.push(['source.path', source.path]);
  if (crm.type === 'local' && crm.seed !== undefined) inputs.push(['crm.seed', crm.seed]);
  if (crm.type === 'salesforce' && crm.auth.flow === 'jwt' && crm.auth.privateKeyFile !== undefined) inputs.push(['crm.auth.privateKeyFile', crm.auth.privateKeyFile]);
  const outputs = writtenFiles(config, options);
  return [
    ...inputs.map(([key, path]) => inputProblem(key, path)),
    ...outputs.map(([key, path, write]) => outputProblem(key, path, write)),
  ].filter((p): p is ConfigProblem => p !== undefined);
}
