import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';

/** Bytes before a cursor that its fingerprint covers (fewer near the start of the file). */
export const FINGERPRINT_BYTES = 256;

/**
 * Fingerprint of the file just before `offset`: the first 16 hex digits of the SHA-256 of its last
 * `min(offset, 256)` bytes before `offset`. Appending to a file keeps the fingerprint of every
 * earlier offset; replacing or rewriting the file (almost always) changes it. When the file is
 * shorter than `offset`, the bytes that exist are hashed, which cannot match a full-length read.
 */
export async function fingerprintAt(handle: FileHandle, offset: number): Promise<string> {
  return fingerprintOf(await bytesBefore(handle, offset));
}

/** The fingerprint of the bytes just before an offset, when the caller has them (`min(offset, 256)` of them). */
export function fingerprintOf(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 16);
}

async function bytesBefore(handle: FileHandle, offset: number): Promise<Buffer> {
  const length = Math.min(offset, FINGERPRINT_BYTES);
  const bytes = Buffer.alloc(length);
  let got = 0;
  while (got < length) {
    const { bytesRead } = await handle.read(bytes, got, length - got, offset - length + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return bytes.subarray(0, got);
}
