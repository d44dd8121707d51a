/**
 * The job's commands on its state instead of a sync: `--list-dead-letters`, `--replay-dead-letters`,
 * `--compact-state` (with a config) and `--migrate-state FROM TO` (without). Each works with every
 * state store and reads letters a page at a time, so memory stays flat with any number of them.
 */
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { ConfigError } from '../errors.js';
import { deadLetterJsonLine, deadLetterPages, formatDeadLetter, replayDeadLetters } from '../dead-letters/index.js';
import type { StateCommandArgs, JobArgs } from './args.js';
import { resolveBrand } from './brand-identity.js';
import { buildJob } from './build/job.js';
import { buildState, loadSqliteStore } from './build/state.js';
import type { JobConfig } from './config/schema.js';
import { DEFAULT_RETAIN_DAYS } from './config/state-sqlite.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import type { CliIo } from './io.js';
import { formatSuggestion, SUGGESTION_CSV_HEADER } from './suggestions.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** `--list-dead-letters [--json]`: every letter, oldest first; exit 1 when there are any. */
async function listDeadLetters(args: JobArgs, config: JobConfig, io: CliIo): Promise<ExitCode> {
  const state = await buildState(config.state, { readOnly: true });
  let count = 0;
  try {
    for await (const page of deadLetterPages(state)) {
      for (const letter of page) io.out(args.json ? deadLetterJsonLine(letter) : formatDeadLetter(letter));
      count += page.length;
    }
  } finally {
    await state.close();
  }
  io.err(`${count} dead letter(s)${count > 0 ? '; retry them after a fix with --replay-dead-letters [--only CODE] [--dry-run]' : ''}\n`);
  return count > 0 ? EXIT.deadLetters : EXIT.ok;
}

/** The codes of the state's letters with their counts (a page at a time: memory stays flat). */
async function codesOf(config: JobConfig): Promise<Map<string, number>> {
  const state = await buildState(config.state, { readOnly: true });
  const codes = new Map<string, number>();
  try {
    for await (const page of deadLetterPages(state)) for (const letter of page) codes.set(letter.code, (codes.get(letter.code) ?? 0) + 1);
  } finally {
    await state.close();
  }
  return codes;
}

/**
 * `--only CODE` that no letter has (a typo, a code of another CRM): a config error naming the codes
 * there are, instead of a replay of nothing that reads like success.
 */
async function checkOnlyCode(config: JobConfig, only: string): Promise<void> {
  const codes = await codesOf(config);
  if (codes.size === 0 || codes.has(only)) return;
  const listed = [...codes].sort((a, b) => b[1] - a[1]).map(([code, n]) => `${code} (${n})`).join(', ');
  throw new ConfigError(`--only ${only}: no dead letter has this code; the state's letters have: ${listed}`, { field: '--only' });
}

/** `--replay-dead-letters [--only CODE] [--dry-run]`: retries them through the CRM; exit 1 when some still fail. */
async function replay(args: JobArgs, config: JobConfig, io: CliIo, only: string | undefined): Promise<ExitCode> {
  const { source: _s, crm: _c, state: _st, ...settings } = config;
  if (only !== undefined) await checkOnlyCode(config, only);
  const parts = await buildJob(config, { readOnly: args.dryRun });
  try {
    const brand = await resolveBrand(config, parts.source);
    const result = await replayDeadLetters({
      state: parts.state,
      sync: { ...settings, brand, crm: parts.crm },
      dryRun: args.dryRun,
      ...(only === undefined ? {} : { only }),
      onPage: (p) => io.err(`${p.letters} letter(s) looked at, ${p.resolved} ${args.dryRun ? 'would be retried and written' : 'resolved'}\n`),
    });
    const verb = args.dryRun ? 'Dry run — nothing was written.' : 'Replay finished.';
    io.out(`${verb} ${result.letters} dead letter(s)${only === undefined ? '' : ` with code ${only}`}: ${result.retried} retried, ${result.resolved} ${args.dryRun ? 'planned to be written' : 'resolved and removed'}, ${result.stillFailing} still failing (kept with the new reason), ${result.notReplayable} without a post to retry (fix the input and rerun).`);
    if (args.json) io.out(JSON.stringify({ ...result, dryRun: args.dryRun }));
    return result.stillFailing + result.notReplayable > 0 ? EXIT.deadLetters : EXIT.ok;
  } finally {
    await parts.close();
  }
}

/** `--compact-state`: drops post records older than `state.retainDays`. */
async function compact(config: JobConfig, io: CliIo): Promise<ExitCode> {
  const retainDays = 'retainDays' in config.state ? config.state.retainDays : DEFAULT_RETAIN_DAYS;
  const state = await buildState(config.state, { readOnly: false });
  try {
    if (state.dropPostsBefore === undefined) throw new ConfigError(`--compact-state: a ${state.kind} state keeps no history to compact`, { field: 'state.type' });
    const before = new Date(Date.now() - retainDays * DAY_MS).toISOString();
    const dropped = await state.dropPostsBefore(before);
    io.out(`Dropped ${dropped} post record(s) handled before ${before} (state.retainDays: ${retainDays}); replies to them still find their Case through the CRM.`);
    return EXIT.ok;
  } finally {
    await state.close();
  }
}

/** `--list-suggestions [--csv]`: the name suggestions the state kept, a page at a time. */
async function listSuggestions(config: JobConfig, io: CliIo, csv: boolean): Promise<ExitCode> {
  const state = await buildState(config.state, { readOnly: true });
  try {
    if (state.listSuggestions === undefined) throw new ConfigError(`--list-suggestions: a ${state.kind} state keeps no suggestions (use state: { type: sqlite })`, { field: 'state.type' });
    if (csv) io.out(SUGGESTION_CSV_HEADER);
    let after: string | undefined;
    let count = 0;
    for (;;) {
      const page = await state.listSuggestions({ limit: 500, ...(after === undefined ? {} : { after }) });
      for (const s of page) io.out(formatSuggestion(s, csv));
      count += page.length;
      if (page.length < 500) break;
      after = page.at(-1)?.id;
    }
    io.err(`${count} suggestion(s) to review\n`);
    return EXIT.ok;
  } finally {
    await state.close();
  }
}

/** True when `path` is a SQLite database (its 16-byte header), e.g. the TO of an earlier migration given as FROM. */
function isSqliteFile(path: string): boolean {
  try {
    const fd = openSync(path, 'r');
    try {
      const head = Buffer.alloc(16);
      readSync(fd, head, 0, 16, 0);
      return head.toString('latin1') === 'SQLite format 3\u0000';
    } finally {
      closeSync(fd);
    }
  } catch {
    return false; // missing or unreadable: the migration says so
  }
}

/** `--migrate-state FROM TO`: a file state into a new SQLite file. */
async function migrate(from: string, to: string, io: CliIo): Promise<ExitCode> {
  if (isSqliteFile(from)) throw new ConfigError(`--migrate-state: ${from} is a SQLite state already; FROM is a file state (state: { type: file }, e.g. .data/state.json)`, { field: '--migrate-state' });
  const { migrateFileStateToSqlite } = await loadSqliteStore();
  const copied = await migrateFileStateToSqlite(from, to);
  io.out(`Copied ${from} into ${to}: ${copied.checkpoints} checkpoint(s), ${copied.posts} post record(s), ${copied.identities} identit(ies), ${copied.deadLetters} dead letter(s). Point state at it: { type: sqlite, path: ${to} }.`);
  return EXIT.ok;
}

/**
 * The state file of the config when it is not there: no sync has run with this `state.path` (or it
 * is misspelt). The commands say so instead of reporting an empty state (and creating one).
 */
function missingStateFile(config: JobConfig): string | undefined {
  const { state } = config;
  return state.type !== 'memory' && !existsSync(state.path) ? state.path : undefined;
}

/** Runs a state command; `config` is absent only for `--migrate-state`. */
export async function runStateCommand(command: StateCommandArgs, args: JobArgs, config: JobConfig | undefined, io: CliIo): Promise<ExitCode> {
  if (command.kind === 'migrate-state') return migrate(command.from, command.to, io);
  if (config === undefined) throw new ConfigError(`--config FILE is required for --${command.kind}`, { field: '--config' });
  const missing = missingStateFile(config);
  if (missing !== undefined) {
    io.err(`--${command.kind}: there is no state at ${missing} (state.path): no sync has run with it yet, or the path is not the one the job uses. Nothing to do.\n`);
    return EXIT.ok;
  }
  switch (command.kind) {
    case 'list-dead-letters':
      return listDeadLetters(args, config, io);
    case 'replay-dead-letters':
      return replay(args, config, io, command.only);
    case 'compact-state':
      return compact(config, io);
    case 'list-suggestions':
      return listSuggestions(config, io, command.csv);
  }
}
