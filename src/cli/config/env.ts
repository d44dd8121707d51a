import type { ConfigProblem } from './problems.js';

const ENV_REF = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** A config with its `${NAME}` references replaced. */
export interface Interpolated {
  readonly value: unknown;
  /** Keys (`limits.retries`, `brand.ids[0]`) whose string held a reference: only these may be converted to numbers or booleans. */
  readonly fromEnv: ReadonlySet<string>;
  /** One per reference to an unset (or empty) variable, naming the key. */
  readonly problems: readonly ConfigProblem[];
}

const keyOf = (at: string, k: string): string => (at ? `${at}.${k}` : k);

/**
 * Replaces `${NAME}` in every string of a parsed config with the environment variable. Never
 * throws: each missing variable becomes a problem naming its key, so all are reported at once.
 */
export function interpolateEnv(value: unknown, env: NodeJS.ProcessEnv): Interpolated {
  const fromEnv = new Set<string>();
  const problems: ConfigProblem[] = [];
  const walk = (v: unknown, at: string): unknown => {
    if (typeof v === 'string') {
      let referenced = false;
      const out = v.replace(ENV_REF, (whole, name: string) => {
        referenced = true;
        const found = env[name];
        if (found === undefined || found === '') {
          problems.push({ field: at || '(root)', message: `environment variable ${name} is not set` });
          return whole;
        }
        return found;
      });
      if (referenced) fromEnv.add(at);
      return out;
    }
    if (Array.isArray(v)) return v.map((item, i) => walk(item, `${at}[${i}]`));
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, walk(item, keyOf(at, k))]));
    return v;
  };
  return { value: walk(value, ''), fromEnv, problems };
}

/**
 * The number or boolean an env-provided string stands for, when the schema wants one
 * (`batchSize: "${BATCH}"` with BATCH=50); undefined when the text is not one.
 */
export function convertEnvText(text: string, expected: 'number' | 'boolean'): number | boolean | undefined {
  const t = text.trim();
  if (expected === 'boolean') return t === 'true' ? true : t === 'false' ? false : undefined;
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t)) return undefined;
  return Number(t);
}
