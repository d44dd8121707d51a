/**
 * Building blocks of the state-store contract: batches with unique keys, and the crash writer a
 * child process runs (`runStateWriter`) so the suite can kill it with SIGKILL mid-commit.
 */
import { spawn } from 'node:child_process';
import type { DeadLetter } from '../model/dead-letter.js';
import type { StateCommit, StateStore } from '../state/types.js';

/** The stream the crash writer commits to. */
export const CRASH_STREAM = 'contract:crash';

const AT = '2024-05-01T10:00:00.000Z';

/** A dead letter of `postId` (`code` and `reason` as given). */
export function contractLetter(postId: string, code = 'STRING_TOO_LONG', reason = 'subject: too long'): DeadLetter {
  return { postId, stage: 'write', code, reason, field: 'subject', payload: { id: postId, text: 'é 😀 "quoted"' }, at: AT };
}

/**
 * Batch `n` of stream `stream` under `prefix`: a Case post, an ignored post, an identity and a dead
 * letter, each keyed by `prefix` and `n`, with checkpoint `String(n)`.
 */
export function contractBatch(prefix: string, n: number, stream = `${prefix}:stream`): StateCommit {
  return {
    stream,
    checkpoint: String(n),
    posts: [
      { postId: `${prefix}:p${n}`, threadId: `t${n}`, outcome: 'case', caseId: `case-${n}`, recordId: `case-${n}`, authorKey: `${prefix}:u${n}` },
      { postId: `${prefix}:p${n}i`, threadId: `t${n}`, outcome: 'ignored', authorKey: `${prefix}:u${n}`, reason: 'repost' },
    ],
    identities: [{ key: `${prefix}:u${n}`, contactId: `contact-${n}`, handle: `h${n}`, method: 'created', confidence: 1, updatedAt: AT }],
    deadLetters: [contractLetter(`${prefix}:d${n}`)],
  };
}

/**
 * The crash writer: commits {@link contractBatch} `n = checkpoint + 1, …` to `store` forever and
 * prints `n` on its own stdout line after commit n returned. Run it in a child process (the
 * `crashWriter` command of the suite's options) that opens the store and calls this.
 */
export async function runStateWriter(store: StateStore, prefix = 'crash'): Promise<never> {
  let n = Number((await store.getCheckpoint(CRASH_STREAM)) ?? '0');
  for (;;) {
    n += 1;
    await store.commit(contractBatch(prefix, n, CRASH_STREAM));
    process.stdout.write(`${n}\n`);
  }
}

/** Where and how long {@link killWriterAfter} lets its writer run. */
export interface KillWriterOptions {
  /** Working directory of the writer (default: this process's). */
  readonly cwd?: string;
  /** The writer is killed after this long whatever it printed (default 15 s). */
  readonly guardMs?: number;
}

/** Starts `command`, SIGKILLs it `delayMs` after its first printed commit; resolves with the last commit it reported. */
export function killWriterAfter(command: readonly [string, ...string[]], delayMs: number, options: KillWriterOptions = {}): Promise<number> {
  const [file, ...args] = command;
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'], ...(options.cwd === undefined ? {} : { cwd: options.cwd }) });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    const guard = setTimeout(() => child.kill('SIGKILL'), options.guardMs ?? 15_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (timer === undefined && out.includes('\n')) timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      err += chunk;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      if (timer) clearTimeout(timer);
      if (signal !== 'SIGKILL' || !out.includes('\n')) {
        reject(new Error(`crash writer ended with ${code ?? signal} before it was killed: ${err.slice(0, 2000)}`));
        return;
      }
      const lines = out.split('\n').filter((l) => /^\d+$/.test(l));
      resolve(Number(lines.at(-1) ?? 0));
    });
  });
}
