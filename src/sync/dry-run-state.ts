import type { DeadLetter } from '../model/dead-letter.js';
import type { DeadLetterQuery, IdentityRecord, PostRecord, StateCommit, StateStore, StoredDeadLetter } from '../state/types.js';

/**
 * A state store for dry-run: reads fall through to the real store, writes stay in memory, so a
 * dry-run sees its own earlier batches and leaves the real state (and checkpoints) untouched.
 */
export class DryRunStateStore implements StateStore {
  readonly kind = 'dry-run';
  private readonly checkpoints = new Map<string, string | null>();
  private readonly posts = new Map<string, PostRecord>();
  private readonly identities = new Map<string, IdentityRecord>();
  private readonly letters: DeadLetter[] = [];

  constructor(private readonly real: StateStore) {}

  async getCheckpoint(stream: string): Promise<string | null> {
    return this.checkpoints.has(stream) ? (this.checkpoints.get(stream) ?? null) : this.real.getCheckpoint(stream);
  }

  async getPosts(postIds: readonly string[]): Promise<Map<string, PostRecord>> {
    const found = await this.real.getPosts(postIds.filter((id) => !this.posts.has(id)));
    for (const id of postIds) {
      const mine = this.posts.get(id);
      if (mine !== undefined) found.set(id, mine);
    }
    return found;
  }

  async getIdentities(keys: readonly string[]): Promise<Map<string, IdentityRecord>> {
    const found = await this.real.getIdentities(keys);
    for (const key of keys) {
      const mine = this.identities.get(key);
      if (mine !== undefined) found.set(key, mine);
    }
    return found;
  }

  async commit(change: StateCommit): Promise<void> {
    if (change.checkpoint !== undefined) this.checkpoints.set(change.stream, change.checkpoint);
    for (const p of change.posts) this.posts.set(p.postId, p);
    for (const i of change.identities) this.identities.set(i.key, i);
    this.letters.push(...change.deadLetters);
  }

  /** The real store's letters (paged as asked), then, on an unpaged call, this dry run's own. */
  async listDeadLetters(query?: DeadLetterQuery): Promise<StoredDeadLetter[]> {
    const real = await this.real.listDeadLetters(query);
    return query === undefined ? [...real, ...this.letters.map((d, i) => ({ ...d, id: `dry-run:${i + 1}` }))] : real;
  }

  /** Nothing is written in a dry run. */
  async removeDeadLetters(): Promise<void> {}

  /** Leaves the real store open: its owner closes it. */
  async close(): Promise<void> {}
}
