/**
 * zod issues of a config section as problems in plain words, each with its key under the section
 * (`crm.auth.refreshToken`, `source.search[0].name`): one rule for every adapter's and source's config,
 * so they name keys alike. Values are never echoed (a secret may sit in the wrong place).
 */
import type { z } from 'zod';
import { formatPath } from './validate.js';

/** One config problem: the key it is about, and a line naming it. */
export interface ConfigProblem {
  readonly key: string;
  readonly text: string;
}

type Issue = z.ZodError['issues'][number];

/**
 * The problems of `error`, keys under `root` (`crm`, `source`; `''` for keys without a section).
 * An unknown key is named itself (`'crm.sede'`), not its parent. `messageOf` may word an issue in its
 * own way (e.g. list the choices of a union); otherwise zod's message, without "Invalid input: ".
 */
export function configProblems(error: z.ZodError, root: string, messageOf?: (issue: Issue) => string | undefined): ConfigProblem[] {
  const keyOf = (path: readonly PropertyKey[]): string => {
    if (path.length === 0) return root;
    const at = formatPath(path);
    return root === '' ? at : `${root}.${at}`;
  };
  return error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const keys = issue.keys.map((k) => keyOf([...issue.path, k]));
      return { key: keys[0] ?? keyOf(issue.path), text: `unknown key ${keys.map((k) => `'${k}'`).join(', ')}` };
    }
    const key = keyOf(issue.path);
    return { key, text: `'${key}' ${messageOf?.(issue) ?? issue.message.replace(/^Invalid input: /, '')}` };
  });
}
