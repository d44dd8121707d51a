/**
 * `POST /bulk`: sub-requests run in order on the server, each answered with its own status, so one
 * bad record never fails its neighbours. Operations are packed by count (`bulkSize`) and by encoded
 * size; an operation too big for any request is failed without being sent.
 */
import { z } from 'zod';
import type { CallContext } from '../../calls/types.js';
import { chunkBy, jsonBytes } from '../kit/chunk.js';
import { ConnectorError } from '../../errors.js';
import { SugarErrorBodySchema } from './http.js';
import type { SugarSession } from './session.js';

/** Encoded bytes of one `/bulk` body at most (well under PHP's default `post_max_size` of 8 MB). */
export const BULK_MAX_BYTES = 4 * 1024 * 1024;

/** One sub-request's answer. */
export interface SubReply {
  readonly status: number;
  readonly contents: unknown;
}

/** One write inside a bulk call. `settle` gets its answer (or, when it could not be sent, an error reply). */
export interface BulkOperation {
  readonly method: 'POST' | 'PUT';
  /** Below the version, e.g. `/Cases` or `/Cases/<id>/link/contacts/<id>`. */
  readonly path: string;
  readonly body: Record<string, unknown>;
  readonly settle: (reply: SubReply) => void;
}

const BulkReplySchema = z.array(z.looseObject({ status: z.number().int(), contents: z.unknown() }));

/** Sugar's `{ error, error_message }` of a failed sub-request, or a stand-in. */
export function subError(reply: SubReply): { label: string; message: string } {
  const parsed = SugarErrorBodySchema.safeParse(reply.contents);
  return parsed.success ? { label: parsed.data.error, message: parsed.data.error_message ?? '' } : { label: `http_${reply.status}`, message: 'no Sugar error body' };
}

/** Sends `operations` in order, as few `/bulk` calls as `bulkSize` and {@link BULK_MAX_BYTES} allow. */
export async function runBulk(session: SugarSession, ctx: CallContext, operations: readonly BulkOperation[], bulkSize: number): Promise<void> {
  const toSub = (op: BulkOperation) => ({ url: `${session.versionPrefix}${op.path}`, method: op.method, data: JSON.stringify(op.body) });
  const { chunks, oversized } = chunkBy(operations, { maxCount: bulkSize, maxBytes: BULK_MAX_BYTES, overheadBytes: 16, separatorBytes: 1, sizeOf: (op) => jsonBytes(toSub(op)) });
  for (const { item, bytes } of oversized) {
    item.settle({ status: 413, contents: { error: 'request_too_large', error_message: `the record takes ${bytes} bytes, more than one /bulk request may carry (${BULK_MAX_BYTES})` } });
  }
  for (const chunk of chunks) {
    const requests = chunk.map(toSub);
    const replies = await session.send(ctx, 'bulk', { method: 'POST', path: '/bulk', body: { requests } }, BulkReplySchema, 'write');
    if (replies.length !== chunk.length) {
      throw new ConnectorError(`SugarCRM POST /bulk answered ${replies.length} results for ${chunk.length} requests`);
    }
    chunk.forEach((op, i) => {
      const reply = replies[i];
      if (reply !== undefined) op.settle({ status: reply.status, contents: reply.contents });
    });
  }
}
