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

/** The running process's stdout, stderr and environment. */
export function processIo(): CliIo {
  return {
    out: (text) => void process.stdout.write(`${text}\n`),
    err: (text) => void process.stderr.write(text),
    errIsTty: process.stderr.isTTY === true,
    env: process.env,
  };
}
