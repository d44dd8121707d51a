/**
 * Exit codes of `social-crm-sync`: 0 all synced (or `--check`: all ready), 1 finished with dead
 * letters, 2 config or auth error or a file in use (nothing written; `--check`: something is not
 * ready), 3 stopped by an error (rerun resumes), 130 stopped by Ctrl-C / SIGTERM before the end of the input.
 */
export const EXIT = { ok: 0, deadLetters: 1, config: 2, failed: 3, interrupted: 130 } as const;

/** One of the job's exit codes. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
