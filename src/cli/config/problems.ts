import { ConfigError } from '../../errors.js';

/** One thing wrong in a job config: the key (`crm.path`, `triage.rules[0].when`) and what is wrong with it. */
export interface ConfigProblem {
  readonly field: string;
  readonly message: string;
}

/**
 * A job config that cannot run, with every problem found (not just the first). `details.field` is
 * the first problem's key; `problems` lists them all; the message shows them one a line.
 */
export class JobConfigError extends ConfigError {
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    const lines = problems.map((p) => `${p.field}: ${p.message}`);
    const message = lines.length === 1 ? `Config error: ${lines[0] ?? ''}` : `Config error, ${lines.length} problems:\n${lines.map((l) => `  - ${l}`).join('\n')}`;
    super(message, { field: problems[0]?.field ?? '(root)' });
    this.name = 'ConfigError';
    this.problems = problems;
  }
}
