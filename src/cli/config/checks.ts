import { canonicalPath } from '../../files/file-lock.js';
import type { ConfigProblem } from './problems.js';
import { SourceConfigSchema, sourceMayKnowBrand } from './sources.js';

type Obj = Readonly<Record<string, unknown>>;
const objectAt = (v: unknown, k: string): Obj | undefined => {
  const x = v !== null && typeof v === 'object' ? (v as Obj)[k] : undefined;
  return x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as Obj) : undefined;
};
const stringAt = (o: Obj | undefined, k: string): string | undefined => {
  const v = o?.[k];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
};

/** The files a store at `path` writes: the file itself, its journal, its lock and its temp file. */
const filesOf = (file: string): string[] => {
  const full = canonicalPath(file);
  return [full, `${full}.journal`, `${full}.lock`, `${full}.tmp`];
};

/**
 * The CRM and the state must not write the same files (one would overwrite the other), and a seed
 * is another file than the CRM it starts. A `path` key of `crm` or `state` (any type) is a file it
 * writes. Runs on the raw config, so these problems are listed with the schema's.
 */
export function distinctFileProblems(config: unknown): ConfigProblem[] {
  const crm = objectAt(config, 'crm');
  const state = objectAt(config, 'state');
  const crmPath = stringAt(crm, 'path');
  const seed = stringAt(crm, 'seed');
  const statePath = stringAt(state, 'path');
  const problems: ConfigProblem[] = [];
  if (crmPath !== undefined && seed !== undefined && canonicalPath(seed) === canonicalPath(crmPath)) {
    problems.push({ field: 'crm.seed', message: `must be another file than crm.path (${crmPath})` });
  }
  if (crmPath !== undefined && statePath !== undefined) {
    const crmFiles = new Set(filesOf(crmPath));
    if (filesOf(statePath).some((f) => crmFiles.has(f))) {
      problems.push({ field: 'state.path', message: `(${statePath}) must be another file than crm.path (${crmPath}) and its .journal/.lock files` });
    }
  }
  return problems;
}

const nonEmptyList = (v: unknown): boolean => Array.isArray(v) && v.length > 0;

/**
 * For a `source:` with problems of its own (listed with the schema's): whether, once they are fixed,
 * it will name the brand's accounts; then a missing `brand` is no problem to report now.
 */
function mayKnowBrandOnceValid(source: Obj | undefined): boolean {
  if (source?.['type'] !== 'twitter') return false;
  return nonEmptyList(source['mentions']) || source['directMessages'] === true;
}

/**
 * Without the brand's own accounts, the brand's posts (its replies, its broadcasts) would be synced
 * as customer Cases: `brand` needs a handle or an id, unless the source can name the account it
 * reads as (then the job asks it, {@link sourceMayKnowBrand}) or `none: true` says on purpose that
 * no post is the brand's (as the engine takes it).
 */
export function brandProblems(config: unknown): ConfigProblem[] {
  if (config === null || typeof config !== 'object' || Array.isArray(config)) return []; // the config itself is the problem
  const brand = objectAt(config, 'brand');
  if (brand?.['none'] === true || nonEmptyList(brand?.['handles']) || nonEmptyList(brand?.['ids'])) return [];
  const raw = objectAt(config, 'source');
  const source = SourceConfigSchema.safeParse(raw);
  if (source.success ? sourceMayKnowBrand(source.data) : mayKnowBrandOnceValid(raw)) return [];
  return [
    {
      field: 'brand',
      message:
        "needs at least one of the company's own accounts (brand.handles: [AcmeHelp] and/or brand.ids: [\"…\"]): without it the brand's own posts would be synced as customer Cases (brand: { none: true } if no post of this source is the brand's)",
    },
  ];
}
