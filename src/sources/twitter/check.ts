/**
 * The X source's setup check (the job's `--check`): are the credentials accepted, does each brand
 * account exist, does X accept each search rule, can the token read DMs. One small request each
 * (billed like any read: a user object, up to 10 posts of a search).
 */
import type { SetupCheckItem, SetupCheckReport } from '../../model/setup-check.js';
import { xErrorFacts } from './classify.js';
import { MAX_RESULTS, type StreamSpec } from './streams.js';
import type { XTransport } from './transport.js';

const FIX_CREDENTIALS = 'Check source.auth: developer.x.com > your project > app > Keys and tokens (regenerate if revoked)';

function failure(error: unknown): string {
  const f = xErrorFacts(error);
  if (f === undefined) return error instanceof Error ? error.message : String(error);
  return `HTTP ${f.status}${f.detail === undefined ? '' : `: ${f.detail}`}`;
}

async function probe(what: string, fix: string, run: () => Promise<string>): Promise<SetupCheckItem> {
  try {
    return { what, ok: true, detail: await run() };
  } catch (error) {
    return { what, ok: false, detail: failure(error), fix };
  }
}

/** Checks every stream with one request (the smallest page X allows) and, for user tokens, `GET /2/users/me`. */
export async function checkStreams(transport: XTransport, streams: readonly StreamSpec[], userToken: boolean): Promise<SetupCheckReport> {
  const items: SetupCheckItem[] = [];
  if (userToken) {
    items.push(await probe('X user token (GET /2/users/me)', FIX_CREDENTIALS, async () => {
      const me = (await transport.get('GET /2/users/me', 'users/me', { 'user.fields': 'username' }, 'userRead')).data as { data?: { username?: string } };
      return `authenticated as @${me.data?.username ?? '?'}`;
    }));
  }
  for (const spec of streams) {
    const small = spec.items === 'dm_events' ? '1' : spec.endpoint.includes('search') ? '10' : '5';
    const fix =
      spec.items === 'dm_events'
        ? 'DMs need a user token with dm.read (OAuth 2.0) or DM permission (OAuth 1.0a)'
        : spec.endpoint.includes('search')
          ? 'Fix the rule (X search operators: developer.x.com/en/docs/x-api/tweets/search/integrate/build-a-query)'
          : 'Use the account\'s numeric user id in source.mentions';
    items.push(await probe(`stream ${spec.id} (${spec.endpoint})`, fix, async () => {
      const query = { ...spec.params, max_results: small };
      const page = (await transport.get(spec.endpoint, spec.path, query, spec.price)).data as { meta?: { result_count?: number } };
      return `readable (${page.meta?.result_count ?? 0} recent items; pages of ${MAX_RESULTS} in a sync)`;
    }));
  }
  return { service: 'x', ready: items.every((i) => i.ok), items };
}
