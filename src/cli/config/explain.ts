import type { z } from 'zod';
import { formatPath } from '../../model/validate.js';
import { didYouMean, discriminatorChoices, knownKeysAt } from './known-keys.js';
import type { ConfigProblem } from './problems.js';

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
  // A wrong `type` or `flow`: the values its union accepts, read from the schema.
  const choices = issue.code === 'invalid_union' ? discriminatorChoices(root, issue.path, data) : undefined;
  if (choices !== undefined && choices.length > 0) {
    return [{ field: base, message: `must be one of: ${choices.map((c) => `"${c}"`).join(', ')}` }];
  }
  const detail = issue.message.replace(/^Invalid input: /, '');
  if (issue.code === 'invalid_type' && detail.endsWith('received undefined')) {
    return [{ field: base, message: `is required (${detail.replace(/, received undefined$/, '')})` }];
  }
  return [{ field: base, message: detail }];
}
