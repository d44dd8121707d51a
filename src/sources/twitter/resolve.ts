/**
 * Brand accounts given as handles are resolved to user ids once, at the first pull
 * (`GET /2/users/by/username/:username`), and logged: X identifies accounts by id, and a handle can
 * change hands.
 */
import { z } from 'zod';
import { ConfigError } from '../../errors.js';
import type { XTransport } from './transport.js';

/** A brand account: its id, and its handle when the config named it by handle. */
export interface BrandAccount {
  readonly id: string;
  readonly handle?: string;
}

const UserReplySchema = z.object({ data: z.object({ id: z.string().regex(/^[0-9]{1,19}$/), username: z.string().min(1) }) });

/** Ids stay; each handle costs one lookup. An unknown handle is a ConfigError naming it. */
export async function resolveHandles(entries: readonly string[], transport: XTransport, log: (message: string) => void): Promise<BrandAccount[]> {
  const out: BrandAccount[] = [];
  for (const [i, entry] of entries.entries()) {
    const value = entry.trim();
    if (/^[0-9]{1,19}$/.test(value)) {
      out.push({ id: value });
      continue;
    }
    const username = value.replace(/^@/, '');
    const reply = await transport.get('GET /2/users/by/username/:username', `users/by/username/${encodeURIComponent(username)}`, { 'user.fields': 'username' }, 'userRead');
    const parsed = UserReplySchema.safeParse(reply.data);
    if (!parsed.success) throw new ConfigError(`source.mentions[${i}]: X knows no account @${username}`, { field: `source.mentions[${i}]` });
    log(`X: @${parsed.data.data.username} is user id ${parsed.data.data.id} (put the id in source.mentions to skip this lookup)`);
    out.push({ id: parsed.data.data.id, handle: parsed.data.data.username });
  }
  return [...new Map(out.map((a) => [a.id, a])).values()];
}

/** The authenticated account (`GET /2/users/me`, user tokens only). */
export async function whoAmI(transport: XTransport): Promise<{ readonly id: string; readonly handle: string }> {
  const reply = await transport.get('GET /2/users/me', 'users/me', { 'user.fields': 'username' }, 'userRead');
  const parsed = UserReplySchema.safeParse(reply.data);
  if (!parsed.success) throw new ConfigError('source.directMessages: X did not say which account the token belongs to (GET /2/users/me)', { field: 'source.auth' });
  return { id: parsed.data.data.id, handle: parsed.data.data.username };
}
