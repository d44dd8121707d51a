import { ConfigError } from '../errors.js';

/** Flags npm keeps for itself when written before `--` and that are safe to honour: the job adds them back. */
const HONOURED = [
  { env: 'npm_config_dry_run', flag: '--dry-run' },
  { env: 'npm_config_json', flag: '--json' },
] as const;

/** Flags npm keeps for itself whose value (or intent) the job cannot know: refused, with the spelling that works. */
const REFUSED = [
  { env: 'npm_config_watch', flag: '--watch' },
  { env: 'npm_config_once', flag: '--once' },
  { env: 'npm_config_check', flag: '--check' },
  { env: 'npm_config_apply', flag: '--apply' },
  { env: 'npm_config_config', flag: '--config' },
] as const;

/**
 * `npm run demo --dry-run` (without `--`) does not pass `--dry-run` to the job: npm takes it as its
 * own option and sets `npm_config_dry_run=true`; the job would then do a real sync. Under `npm run`
 * this returns argv with `--dry-run` / `--json` added back when npm took them (each with a notice
 * showing the right spelling), and refuses `--watch`, `--once`, `--check`, `--apply`, `--config` taken
 * the same way (their values went elsewhere) with a {@link ConfigError} showing the spelling.
 */
export function argvWithNpmFlags(argv: readonly string[], env: NodeJS.ProcessEnv): { argv: readonly string[]; notices: readonly string[] } {
  const script = env['npm_lifecycle_event'];
  if (script === undefined || script === '') return { argv, notices: [] };
  const spelling = (flags: string): string => `npm run ${script} -- ${flags}`;
  const taken = (name: string): boolean => env[name] === 'true';
  const refused = REFUSED.filter((r) => taken(r.env) && !argv.includes(r.flag));
  if (refused.length > 0) {
    const flags = refused.map((r) => r.flag).join(' ');
    throw new ConfigError(`npm took ${flags} for itself (it sets npm_config_…), so the job never saw it; put the job's flags after --, e.g. ${spelling(`${flags} …`)}`, { field: refused[0]?.flag ?? 'argv' });
  }
  const added = HONOURED.filter((h) => taken(h.env) && !argv.includes(h.flag)).map((h) => h.flag);
  if (added.length === 0) return { argv, notices: [] };
  return {
    argv: [...argv, ...added],
    notices: [`npm took ${added.join(' ')} for itself; the job honours it. Next time write: ${spelling(added.join(' '))}`],
  };
}
