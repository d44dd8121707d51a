/**
 * The X source's cursor: one JSON document holding a checkpoint per stream, so the engine keeps one
 * cursor per source while every stream (`twitter:mentions:<id>`, `twitter:search:<name>`,
 * `twitter:dm`) advances on its own, and a stream added later starts (and backfills) alone.
 *
 * A stream's checkpoint: `since` = every post up to this id was handed over. An open `win`dow is a
 * read in progress: the `since_id` it was opened with (`from`, the overlap included), its `newest`
 * id, where the chunk being handed out began (`start`, a pagination token; absent = the first page),
 * the token to go on with after it (`next`), and the sort key of the last item handed (`handed`).
 * `since` moves to `newest` only once every page of the window was read.
 */
import { z } from 'zod';
import { SourceError } from '../../errors.js';

const id = z.string().regex(/^[0-9]{1,19}$/);
const token = z.string().min(1);

/** An open read of one stream. */
export const WindowStateSchema = z.strictObject({
  from: id.optional(),
  newest: id.optional(),
  start: token.optional(),
  next: token.optional(),
  handed: z.string().min(1).optional(),
});
/** An open read of one stream. */
export type WindowState = z.infer<typeof WindowStateSchema>;

/** One stream's checkpoint. */
export const StreamStateSchema = z.strictObject({ since: id.optional(), win: WindowStateSchema.optional() });
/** One stream's checkpoint. */
export type StreamState = z.infer<typeof StreamStateSchema>;

const CursorSchema = z.strictObject({ v: z.literal(1), streams: z.record(z.string(), StreamStateSchema) });

/** Every stream's checkpoint, by stream id. */
export type TwitterCursor = Readonly<Record<string, StreamState>>;

/** Reads a cursor (`null` = nothing read yet); a damaged one is a SourceError naming `cursor`. */
export function parseTwitterCursor(cursor: string | null): TwitterCursor {
  if (cursor === null) return {};
  let json: unknown;
  try {
    json = JSON.parse(cursor);
  } catch {
    throw new SourceError('X source: the checkpoint is not JSON', { field: 'cursor' });
  }
  const parsed = CursorSchema.safeParse(json);
  if (!parsed.success) throw new SourceError(`X source: invalid checkpoint (${parsed.error.issues[0]?.message ?? 'bad shape'})`, { field: 'cursor' });
  return parsed.data.streams;
}

/** A stream state with its keys in one fixed order and no empty parts (equal states encode equal). */
export function canonicalState(state: StreamState): StreamState {
  const w = state.win;
  const win: WindowState | undefined =
    w === undefined
      ? undefined
      : {
          ...(w.from === undefined ? {} : { from: w.from }),
          ...(w.newest === undefined ? {} : { newest: w.newest }),
          ...(w.start === undefined ? {} : { start: w.start }),
          ...(w.next === undefined ? {} : { next: w.next }),
          ...(w.handed === undefined ? {} : { handed: w.handed }),
        };
  return { ...(state.since === undefined ? {} : { since: state.since }), ...(win === undefined ? {} : { win }) };
}

/** Writes a cursor; streams in the order given (the source's configured order). */
export function encodeTwitterCursor(streams: TwitterCursor, order: readonly string[]): string {
  const out: Record<string, StreamState> = {};
  for (const key of order) {
    const s = streams[key];
    if (s !== undefined) out[key] = canonicalState(s);
  }
  // Streams no longer configured keep their checkpoint: re-adding one resumes it.
  for (const [key, s] of Object.entries(streams)) if (!(key in out)) out[key] = canonicalState(s);
  return JSON.stringify({ v: 1, streams: out });
}
