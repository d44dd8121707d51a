import { ConfigError } from '../../errors.js';

/** One thing wrong in a job config: the key (`crm.path`, `triage.rules[0].when`) and what is wrong with it. */
export interface ConfigProblem {
  readonly field: string;
  readonly message: string;
}

/**
 * A job config that cannot run, with every problem found (not just the first). `details.field` is
 * the first problem's key; `problems` lists them all; the message shows them one a line. Build it from
 * texts without secrets (schema messages, keys, paths; env values replaced by their `${NAME}`).
 */
export class JobConfigError extends ConfigError {
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    const lines = problems.map((p) => `${p.field}: ${p.message}`);
    const message = lines.length === 1 ? `Config error: ${lines[0] ?? ''}` : `Config error, ${lines.length} problems:\n${lines.map((l) => `  - ${l}`).join('\n')}`;
    super(message, { field: problems[0]?.field ?? '(root)' });
    // Not passed through the generic free-text redaction: a problem's text is the schema's own words
    // and key names, with every env value already put back as its `${NAME}` (parseJobConfig), so
    // there is nothing to mask.
    this.message = message;
    this.name = 'ConfigError';
    this.problems = problems;
  }
}
