/**
 * Name-based UUIDs, version 5 (RFC 9562 §5.5, formerly RFC 4122 §4.3): SHA-1 of the namespace's 16
 * bytes followed by the name's UTF-8 bytes, the first 16 bytes of the digest with the version (5)
 * and the variant (10xx) bits set. The same name always gives the same id, so a replayed create
 * finds its record instead of making a second one.
 */
import { createHash } from 'node:crypto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The RFC's DNS namespace (for test vectors). */
export const NAMESPACE_DNS = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';
/** The RFC's URL namespace. */
export const NAMESPACE_URL = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

function bytesOf(uuid: string): Buffer {
  if (!UUID.test(uuid)) throw new TypeError(`not a UUID: ${uuid}`);
  return Buffer.from(uuid.replace(/-/g, ''), 'hex');
}

function format(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The version-5 UUID of `name` in `namespace` (lower-case, hyphenated). */
export function uuidV5(namespace: string, name: string): string {
  const digest = createHash('sha1').update(bytesOf(namespace)).update(Buffer.from(name, 'utf8')).digest();
  const bytes = digest.subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  return format(bytes);
}
