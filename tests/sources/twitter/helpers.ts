import { readFileSync } from 'node:fs';
import type { NormalizeContext } from '../../../src/sources/twitter/normalize.js';

export const BRAND = '900000000000000001';

/** A fixture page from `fixtures/` (written in the shape of the twarc and tweepy captures). */
export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as T;
}

export const ctxFor = (stream: string): NormalizeContext => ({ stream, brandIds: new Set([BRAND]), brandHandles: new Set(['acmehelp']) });
