import { SourceError } from '../../errors.js';

/**
 * Position in a JSONL file: `byte` = offset of the next unread line, `line` = how many lines lie
 * before it (the next line is number `line + 1`).
 */
export interface JsonlPosition {
  readonly byte: number;
  readonly line: number;
}

/**
 * A position as a cursor carries it: with the fingerprint of the bytes just before `byte` (see
 * `fingerprint.ts`), so that a resumed pull can tell whether the file is still the one it read.
 * Cursors written before fingerprints existed (or by hand) have none.
 */
export interface JsonlCursor extends JsonlPosition {
  /** 16 lower-case hex digits; absent in old-format cursors. */
  readonly fingerprint?: string;
}

/** The start of a file. */
export const START_POSITION: JsonlPosition = { byte: 0, line: 0 };

const CURSOR = /^b=(\d{1,16});l=(\d{1,16})(?:;h=([0-9a-f]{16}))?$/;

/**
 * Encodes a cursor: `b=<byte offset>;l=<lines consumed>;h=<fingerprint>`, e.g.
 * `b=12345;l=678;h=9f2c01d4be7a3350` (`;h=…` only when the cursor has a fingerprint). The format is
 * stable: checkpoints written by one version are read by the next, and the old `b=…;l=…` form
 * (no fingerprint) is still read.
 */
export function encodeCursor(cursor: JsonlCursor): string {
  const base = `b=${cursor.byte};l=${cursor.line}`;
  return cursor.fingerprint === undefined ? base : `${base};h=${cursor.fingerprint}`;
}

/** Parses a cursor made by {@link encodeCursor}; anything else is a {@link SourceError} naming it. */
export function parseCursor(cursor: string): JsonlCursor {
  const match = CURSOR.exec(cursor);
  const byte = Number(match?.[1]);
  const line = Number(match?.[2]);
  const fingerprint = match?.[3];
  // Every consumed line takes at least one byte, so `line > byte` cannot come from this source.
  if (!match || !Number.isSafeInteger(byte) || !Number.isSafeInteger(line) || line > byte) {
    const shown = JSON.stringify(cursor.length > 80 ? `${cursor.slice(0, 80)}…` : cursor);
    throw new SourceError(`Malformed jsonl cursor ${shown}: expected "b=<byte offset>;l=<line count>[;h=<16 hex digits>]"`, { field: 'cursor' });
  }
  return fingerprint === undefined ? { byte, line } : { byte, line, fingerprint };
}
