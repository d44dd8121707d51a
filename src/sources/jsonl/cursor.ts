import { SourceError } from '../../errors.js';

/**
 * Position in a JSONL file: `byte` = offset of the next unread line, `line` = how many lines lie
 * before it (the next line is number `line + 1`).
 */
export interface JsonlPosition {
  readonly byte: number;
  readonly line: number;
}

/** The start of a file. */
export const START_POSITION: JsonlPosition = { byte: 0, line: 0 };

const CURSOR = /^b=(\d{1,16});l=(\d{1,16})$/;

/**
 * Encodes a position as the source's cursor: `b=<byte offset>;l=<lines consumed>`, e.g.
 * `b=12345;l=678`. The format is stable: checkpoints written by one version are read by the next.
 */
export function encodeCursor(position: JsonlPosition): string {
  return `b=${position.byte};l=${position.line}`;
}

/** Parses a cursor made by {@link encodeCursor}; anything else is a {@link SourceError} naming it. */
export function parseCursor(cursor: string): JsonlPosition {
  const match = CURSOR.exec(cursor);
  const byte = Number(match?.[1]);
  const line = Number(match?.[2]);
  // Every consumed line takes at least one byte, so `line > byte` cannot come from this source.
  if (!match || !Number.isSafeInteger(byte) || !Number.isSafeInteger(line) || line > byte) {
    const shown = JSON.stringify(cursor.length > 80 ? `${cursor.slice(0, 80)}…` : cursor);
    throw new SourceError(`Malformed jsonl cursor ${shown}: expected "b=<byte offset>;l=<line count>"`, { field: 'cursor' });
  }
  return { byte, line };
}
