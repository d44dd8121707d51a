/**
 * Contract suite every {@link SocialSource} must pass (vendors run it on theirs). The factory gets
 * the fixture posts (oldest first) and must return a source that yields exactly those posts: a file
 * source writes them to a file, an API source serves them from a mocked API (e.g. nock).
 */
import { describe, it } from 'vitest';
import type { SocialPostInput } from '../model/social-post.js';
import { sourceContractFixture } from './source-contract-fixture.js';
import {
  readsEverythingCheck,
  sourceContractChecks,
  type SourceContractCheck,
  type SourceContractContext,
  type SourceContractFactory,
} from './source-contract-checks.js';

export { sourceContractFixture } from './source-contract-fixture.js';
export { sourceContractChecks } from './source-contract-checks.js';
export type { SourceContractCheck, SourceContractContext, SourceContractFactory, SourceContractSetup } from './source-contract-checks.js';

/** Tuning of {@link describeSourceContract}. */
export interface SourceContractOptions {
  /** Posts to serve, oldest first (default {@link sourceContractFixture}()). */
  readonly fixture?: readonly SocialPostInput[];
  /** Page sizes (`limit`) to read with (default 1, 2, 3, 5, 100). */
  readonly pageSizes?: readonly number[];
}

/** Every check for these options: a full read per page size, then the rest. */
export function sourceContractChecksFor(options: SourceContractOptions = {}): readonly SourceContractCheck[] {
  return [...(options.pageSizes ?? [1, 2, 3, 5, 100]).map(readsEverythingCheck), ...sourceContractChecks];
}

/** Runs one check on sources from `factory`. Rejects when the check fails. */
export function runSourceContractCheck(check: SourceContractCheck, factory: SourceContractFactory, options: SourceContractOptions = {}): Promise<void> {
  const fixture = options.fixture ?? sourceContractFixture();
  const context: SourceContractContext = { factory, fixture, maxPages: fixture.length * 2 + 5 };
  return check.run(context);
}

/**
 * Registers a vitest `describe` block checking a source: paging with any limit yields every post
 * once, pages oldest first (order inside a page is free; a page may hold fewer posts than `limit`);
 * every returned cursor resumes with exactly the rest; a pull at the end is `done` with no posts and
 * the same cursor; limits are respected; posts come out as valid, normalized SocialPosts; the same
 * cursor gives the same page; with no posts the first pull is `done` and stays so from its cursor.
 */
export function describeSourceContract(name: string, factory: SourceContractFactory, options: SourceContractOptions = {}): void {
  describe(`SocialSource contract: ${name}`, () => {
    for (const check of sourceContractChecksFor(options)) it(check.name, () => runSourceContractCheck(check, factory, options));
  });
}
