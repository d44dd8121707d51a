/** Where the job writes and what it reads from its process; a test or an embedding program passes its own. */
export interface CliIo {
  /** One line (or block) of stdout: the plan, the summary, the `--json` report. */
  readonly out: (text: string) => void;
  /** Progress and notices (stderr); text is written as given. */
  readonly err: (text: string) => void;
  /** True when stderr is a terminal (progress is redrawn on one line). */
  readonly errIsTty: boolean;
  /** The environment (`${NAME}` in the config, npm's `npm_config_*`). */
  readonly env: NodeJS.ProcessEnv;
}

/**
 * A writer to `stream` that goes quiet once the reader has gone (`social-crm-sync … | head`: EPIPE)
 * instead of dying on an unhandled 'error' event with a stack trace; the run itself goes on and
 * ends as it would (checkpoint saved, locks released).
 */
function quietWhenClosed(stream: NodeJS.WriteStream): (text: string) => void {
  let closed = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    closed = true;
  });
  return (text) => {
    if (!closed) stream.write(text);
  };
}

/** The running process's stdout, stderr and environment. */
export function processIo(): CliIo {
  const out = quietWhenClosed(process.stdout);
  const err = quietWhenClosed(process.stderr);
  return {
    out: (text) => out(`${text}\n`),
    err,
    errIsTty: process.stderr.isTTY === true,
    env: process.env,
  };
}
