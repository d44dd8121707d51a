/** Reading dead letters a page at a time (memory stays flat with any number of them), and printing them. */
import type { StateStore, StoredDeadLetter } from '../state/types.js';

/** Options of {@link deadLetterPages}. */
export interface DeadLetterPageOptions {
  /** Only letters with this code. */
  readonly code?: string;
  /** Letters a page (default 500). */
  readonly pageSize?: number;
}

/** The store's dead letters, oldest first, one page (array) at a time. */
export async function* deadLetterPages(store: StateStore, options: DeadLetterPageOptions = {}): AsyncGenerator<StoredDeadLetter[]> {
  const limit = options.pageSize ?? 500;
  let after: string | undefined;
  for (;;) {
    const page = await store.listDeadLetters({ limit, ...(after === undefined ? {} : { after }), ...(options.code === undefined ? {} : { code: options.code }) });
    if (page.length === 0) return;
    yield page;
    if (page.length < limit) return;
    after = page.at(-1)?.id;
  }
}

/** The stream a dead letter came from, when its payload says (`provider` of the post). */
function providerOf(letter: StoredDeadLetter): string {
  const payload = letter.payload;
  if (payload !== null && typeof payload === 'object' && typeof (payload as { provider?: unknown }).provider === 'string') {
    return (payload as { provider: string }).provider;
  }
  return letter.postId.startsWith('line:') ? 'input line' : (letter.postId.split(':')[0] ?? '');
}

/** One letter as a line for people: when, post id, stream, stage, code, field, reason. */
export function formatDeadLetter(letter: StoredDeadLetter): string {
  const field = letter.field === undefined ? '' : ` ${letter.field}:`;
  return `${letter.at}  ${letter.postId}  [${providerOf(letter)} ${letter.stage}] ${letter.code}${field} ${letter.reason}`;
}

/** One letter as a JSON line (without the payload, which may be 10,000 characters; `hasPayload` says if there is one). */
export function deadLetterJsonLine(letter: StoredDeadLetter): string {
  const { payload, ...rest } = letter;
  return JSON.stringify({ ...rest, stream: providerOf(letter), hasPayload: payload !== undefined });
}
