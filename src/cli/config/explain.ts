import type { z } from 'zod';
import { formatPath } from '../../model/validate.js';
import { CrmConfigSchema } from './crms.js';
import { didYouMean, knownKeysAt } from './known-keys.js';
import type { ConfigProblem } from './problems.js';
import { SourceConfigSchema } from './sources.js';
import { StateConfigSchema } from './states.js';

const typesOf = (union: { readonly options: readonly { readonly shape: { readonly type: { readonly value: string } } }[] }): string[] =>
  union.options.map((o) => o.shape.type.value);

/** The `type` values each section accepts, read from the unions (so a new member shows up here by itself). */
const TYPE_CHOICES: Readonly<Record<string, readonly string[]>> = {
  'source.type': typesOf(SourceConfigSchema),
  'crm.type': typesOf(CrmConfigSchema),
  'state.type': typesOf(StateConfigSchema),
};

const keyAt = (base: string, k: string): string => (base === '(root)' ? k : `${base}.${k}`);

/**
 * Explains one zod issue of a job config in plain words: which key, what was expected. An unknown
 * key gets "did you mean" when a known key of the same object is one edit away.
 */
export function explainIssue(issue: z.core.$ZodIssue, root: z.core.$ZodType, data: unknown): ConfigProblem[] {
  const base = formatPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeysAt(root, issue.path, data);
    return issue.keys.map((k) => {
      const near = didYouMean(k, known);
      return { field: keyAt(base, k), message: `unknown key${near === undefined ? '' : ` (did you mean '${near}'?)`}` };
    });
  }
  const choices = TYPE_CHOICES[base];
  if (issue.code === 'invalid_union' && choices !== undefined) {
    return [{ field: base, message: `must be one of: ${choices.map((c) => `"${c}"`).join(', ')}` }];
  }
  const detail = issue.message.replace(/^Invalid input: /, '');
  if (issue.code === 'invalid_type' && detail.endsWith('received undefined')) {
    return [{ field: base, message: `is required (${detail.replace(/, received undefined$/, '')})` }];
  }
  return [{ field: base, message: detail }];
}
