import type { z } from 'zod';

/** The parts of zod's schema definitions this walk reads (zod 4 `_zod.def`). */
interface Def {
  readonly type: string;
  readonly innerType?: z.core.$ZodType;
  readonly in?: z.core.$ZodType;
  readonly shape?: Readonly<Record<string, z.core.$ZodType>>;
  readonly element?: z.core.$ZodType;
  readonly options?: readonly z.core.$ZodType[];
  readonly discriminator?: string;
}

const defOf = (schema: z.core.$ZodType): Def => schema._zod.def as unknown as Def;
const WRAPPERS = new Set(['default', 'prefault', 'optional', 'nullable', 'readonly', 'catch', 'nonoptional']);

/** The schema inside defaults, optionals and pipes. */
function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  let s = schema;
  for (let d = defOf(s); ; d = defOf(s)) {
    if (WRAPPERS.has(d.type) && d.innerType) s = d.innerType;
    else if (d.type === 'pipe' && d.in) s = d.in;
    else return s;
  }
}

/** The member of a (discriminated) union that `data` selects, if any. */
function member(def: Def, data: unknown): z.core.$ZodType | undefined {
  if (def.discriminator === undefined || data === null || typeof data !== 'object') return undefined;
  const wanted = (data as Record<string, unknown>)[def.discriminator];
  return def.options?.find((o) => {
    const tag = defOf(unwrap(o)).shape?.[def.discriminator ?? ''];
    const values = tag ? (tag._zod as { values?: ReadonlySet<unknown> }).values : undefined;
    return values?.has(wanted) === true;
  });
}

/** The schema one step down `key` (an object's property, an array's element, a union's selected member's property). */
function child(schema: z.core.$ZodType, key: PropertyKey, data: unknown): z.core.$ZodType | undefined {
  let s = unwrap(schema);
  let def = defOf(s);
  if (def.type === 'union') {
    const m = member(def, data);
    if (!m) return undefined;
    s = unwrap(m);
    def = defOf(s);
  }
  if (def.type === 'object' && typeof key === 'string') return def.shape?.[key];
  if (def.type === 'array' && typeof key === 'number') return def.element;
  return undefined;
}

/** The keys an object schema at `path` of `root` knows, given the config data that selects union members. Empty when unknown. */
export function knownKeysAt(root: z.core.$ZodType, path: readonly PropertyKey[], data: unknown): string[] {
  let schema: z.core.$ZodType | undefined = root;
  let value = data;
  for (const key of path) {
    if (!schema) return [];
    schema = child(schema, key, value);
    value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  }
  if (!schema) return [];
  let def = defOf(unwrap(schema));
  if (def.type === 'union') {
    const m = member(def, value);
    if (!m) return [];
    def = defOf(unwrap(m));
  }
  return def.type === 'object' ? Object.keys(def.shape ?? {}) : [];
}

/**
 * The values a discriminated union accepts for its tag when `path` ends at that tag (`crm.type`,
 * `crm.auth.flow`), read from the schema so a new member shows up by itself; undefined otherwise.
 */
export function discriminatorChoices(root: z.core.$ZodType, path: readonly PropertyKey[], data: unknown): string[] | undefined {
  const tag = path.at(-1);
  if (typeof tag !== 'string') return undefined;
  let schema: z.core.$ZodType | undefined = root;
  let value = data;
  for (const key of path.slice(0, -1)) {
    if (!schema) return undefined;
    schema = child(schema, key, value);
    value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  }
  if (!schema) return undefined;
  const def = defOf(unwrap(schema));
  if (def.type !== 'union' || def.discriminator !== tag) return undefined;
  return (def.options ?? []).flatMap((o) => {
    const values = defOf(unwrap(o)).shape?.[tag]?._zod as { values?: ReadonlySet<unknown> } | undefined;
    return [...(values?.values ?? [])].filter((v): v is string => typeof v === 'string');
  });
}

/** Edit distance with adjacent transpositions (optimal string alignment), for "did you mean". */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const prev = d[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, ((d[i - 2] as number[])[j - 2] as number) + 1);
      row[j] = best;
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

/** A key without case, `_` and `-`: `client_secret`, `Client-Secret` and `clientSecret` are one. */
const spelledAlike = (key: string): string => key.toLowerCase().replace(/[_-]/g, '');

/**
 * The known key one edit away from `key` (a typo, a swapped pair, a wrong case), or written the
 * same in another case style (`client_secret`, `batch-size`), if there is one.
 */
export function didYouMean(key: string, known: readonly string[]): string | undefined {
  return known.find((k) => editDistance(key, k) === 1) ?? known.find((k) => k !== key && spelledAlike(k) === spelledAlike(key));
}
