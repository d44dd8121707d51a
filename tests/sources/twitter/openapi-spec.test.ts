/**
 * Every request the X source sends, checked against X's OpenAPI spec (v2.167, `../shared/data/
 * x-openapi/openapi.json`; skipped when it is absent): the path and method exist, every query
 * parameter is declared for that operation, list values are in the parameter's enum (or are fields
 * of the object it selects), patterns and ranges hold, and JSON bodies use only declared keys.
 *
 * The spec renames wire names the live API, the captures and twitter-api-v2 use; the check maps
 * them rather than flag correct requests (see SPEC_NAMES).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import nock from 'nock';
import { TwitterApi } from 'twitter-api-v2';
import { afterEach, describe, expect, it } from 'vitest';
import { directCallContext } from '../../../src/calls/types.js';
import { SocialPostSchema } from '../../../src/model/social-post.js';
import { twitterSource } from '../../../src/sources/twitter/index.js';
import { fakeX, snowflake, tweet, user, X, type Recorded } from './fake-x.js';
import { BRAND, drain } from './helpers.js';

const CANDIDATES = [process.env['X_OPENAPI_SPEC'], '../shared/data/x-openapi/openapi.json', '../../shared/data/x-openapi/openapi.json'];
const specPath = CANDIDATES.flatMap((p) => (p === undefined ? [] : [resolve(p)])).find((p) => existsSync(p));

/** Live-API name → the spec's name (parameter names and list values). */
const SPEC_NAMES: Readonly<Record<string, string>> = {
  'tweet.fields': 'post.fields',
  referenced_tweets: 'referenced_posts',
  edit_history_tweet_ids: 'edit_history_post_ids',
  'referenced_tweets.id': 'referenced_posts',
  // The spec has one expansion of referenced posts; the live API's `.author_id` form adds their authors.
  'referenced_tweets.id.author_id': 'referenced_posts',
};
/** The object schema whose properties a `*.fields` parameter selects. */
const FIELD_OBJECTS: Readonly<Record<string, string>> = { 'post.fields': 'Post', 'user.fields': 'User', 'dm_event.fields': 'DmEvent' };

type Json = Record<string, unknown>;
const named = (name: string): string => SPEC_NAMES[name] ?? name;

function loadSpec(): Json {
  return JSON.parse(readFileSync(specPath ?? '', 'utf8')) as Json;
}

function deref(spec: Json, node: unknown): Json {
  let n = node as Json;
  for (let i = 0; i < 10 && typeof n['$ref'] === 'string'; i++) {
    const parts = (n['$ref'] as string).replace(/^#\//, '').split('/');
    n = parts.reduce<Json>((acc, key) => acc[key] as Json, spec);
  }
  return n;
}

/** Problems of one request against the spec (empty = conforms). */
function check(spec: Json, r: Recorded): string[] {
  const paths = spec['paths'] as Record<string, Json>;
  const template = Object.keys(paths).find((t) => new RegExp(`^${t.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(r.path));
  if (template === undefined) return [`${r.method} ${r.path}: no such path in the spec`];
  const op = paths[template]?.[r.method.toLowerCase()] as Json | undefined;
  if (op === undefined) return [`${r.method} ${template}: no such method`];
  const params = new Map<string, Json>();
  for (const p of [...((paths[template]?.['parameters'] as unknown[]) ?? []), ...((op['parameters'] as unknown[]) ?? [])]) {
    const d = deref(spec, p);
    params.set(`${String(d['in'])}:${String(d['name'])}`, d);
  }
  const problems: string[] = [];
  // Path parameters: the values in the path match the spec's pattern (a user id of digits, …).
  const names = [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? '');
  const values = new RegExp(`^${template.replace(/\{[^}]+\}/g, '([^/]+)')}$`).exec(r.path)?.slice(1) ?? [];
  names.forEach((name, i) => {
    const p = params.get(`path:${name}`);
    const pattern = p === undefined ? undefined : deref(spec, p['schema'])['pattern'];
    if (typeof pattern === 'string' && !new RegExp(pattern).test(decodeURIComponent(values[i] ?? ''))) problems.push(`${template}: path ${name}=${values[i]} does not match ${pattern}`);
  });
  for (const [name, value] of Object.entries(r.query)) {
    const p = params.get(`query:${named(name)}`);
    if (p === undefined) {
      problems.push(`${template}: query parameter ${name} (spec: ${named(name)}) is not declared`);
      continue;
    }
    const schema = deref(spec, p['schema']);
    if (schema['type'] === 'array') {
      const items = deref(spec, schema['items']);
      const values = value.split(',');
      if (values.length > Number(schema['maxItems'] ?? Infinity)) problems.push(`${template}: ${name} has more than ${String(schema['maxItems'])} values`);
      const enumValues = items['enum'] as string[] | undefined;
      const object = FIELD_OBJECTS[named(name)];
      const props = (object === undefined ? {} : (((spec['components'] as Json)['schemas'] as Json)[object] as Json)['properties']) as Json;
      for (const v of values) {
        if (enumValues !== undefined && !enumValues.includes(named(v)) && !(named(v) in props)) problems.push(`${template}: ${name}=${v} (spec: ${named(v)}) is not allowed`);
        if (typeof items['pattern'] === 'string' && !new RegExp(items['pattern']).test(v)) problems.push(`${template}: ${name} value ${v} does not match ${items['pattern']}`);
      }
    } else if (schema['type'] === 'integer') {
      const n = Number(value);
      if (!Number.isInteger(n) || n < Number(schema['minimum'] ?? -Infinity) || n > Number(schema['maximum'] ?? Infinity)) problems.push(`${template}: ${name}=${value} out of range`);
    } else if (typeof schema['pattern'] === 'string' && !new RegExp(schema['pattern']).test(value)) {
      problems.push(`${template}: ${name}=${value} does not match ${schema['pattern']}`);
    } else if (typeof schema['minLength'] === 'number' && value.length < schema['minLength']) {
      problems.push(`${template}: ${name} is shorter than ${schema['minLength']}`);
    }
  }
  if (r.body !== undefined) problems.push(...checkBody(spec, template, deref(spec, ((op['requestBody'] as Json)['content'] as Json)['application/json']), r.body));
  return problems;
}

function checkBody(spec: Json, where: string, media: Json, body: unknown, at = 'body'): string[] {
  const schema = deref(spec, media['schema'] ?? media);
  const props = (schema['properties'] ?? {}) as Json;
  const problems: string[] = [];
  for (const [key, value] of Object.entries(body as Json)) {
    if (!(key in props)) problems.push(`${where}: ${at}.${key} is not in the spec`);
    else if (typeof value === 'object' && value !== null && !Array.isArray(value)) problems.push(...checkBody(spec, where, deref(spec, props[key]), value, `${at}.${key}`));
  }
  for (const key of (schema['required'] as string[] | undefined) ?? []) if (!(key in (body as Json))) problems.push(`${where}: ${at}.${key} is required`);
  return problems;
}

afterEach(() => nock.cleanAll());

describe.skipIf(specPath === undefined)("X's OpenAPI spec: every request the source sends", () => {
  it('reads (mentions, search, DMs, parent lookups, handle lookup) and replies conform', async () => {
    const spec = loadSpec();
    const T0 = Date.parse('2026-03-02T09:00:00Z');
    const parent = tweet(snowflake(T0 - 60_000), '202', 'parent');
    const reply = tweet(snowflake(T0), '101', '@AcmeHelp help', { referenced_tweets: [{ type: 'replied_to', id: parent.id }], conversation_id: parent.id });
    const x = fakeX({
      mentions: { [BRAND]: [reply] },
      search: [tweet(snowflake(T0 + 1000), '202', 'acme down')],
      dmEvents: [{ id: snowflake(T0 + 2000), event_type: 'MessageCreate', text: 'hi', sender_id: '101', dm_conversation_id: `101-${BRAND}`, created_at: new Date(T0 + 2000).toISOString() }],
      extra: [parent],
      notIncluded: new Set([parent.id]),
      users: [user('101', 'ada_l'), user('202', 'bob'), user(BRAND, 'AcmeHelp')],
    });
    nock(X).get('/2/users/by/username/AcmeHelp').query(true).reply(200, { data: { id: BRAND, username: 'AcmeHelp', name: 'Acme' } }, { 'content-type': 'application/json' });
    nock(X).get('/2/users/me').query(true).reply(200, { data: { id: BRAND, username: 'AcmeHelp', name: 'Acme' } }, { 'content-type': 'application/json' });
    const bodies: Recorded[] = [];
    nock(X)
      .persist()
      .post(/^\/2\//)
      .reply((uri, body) => {
        bodies.push({ method: 'POST', path: uri, query: {}, body });
        return [201, uri.includes('dm_') ? { data: { dm_conversation_id: 'c', dm_event_id: '1' } } : { data: { id: '1', text: 't' } }, { 'content-type': 'application/json' }];
      });
    const source = twitterSource({
      client: new TwitterApi({ appKey: 'k', appSecret: 's', accessToken: 't', accessSecret: 'x' }),
      streams: { mentions: ['@AcmeHelp'], search: [{ name: 'outage', query: 'acme down -is:retweet' }], directMessages: true },
    });
    const first = await drain(source, null, 100);
    await drain(source, first.cursor, 100); // second run: since_id everywhere
    const post = SocialPostSchema.parse({ id: reply.id, provider: 'twitter', text: 'x', createdAt: reply.created_at, author: { provider: 'twitter', id: '101', handle: 'ada_l' } });
    await source.reply(post, 'On it');
    await source.reply({ ...post, kind: 'direct_message', threadId: `101-${BRAND}` }, 'On it');
    await source.check(directCallContext); // --check's small reads too
    x.stop();
    const sent = [...x.requests, { method: 'GET', path: '/2/users/by/username/AcmeHelp', query: { 'user.fields': 'username' } }, { method: 'GET', path: '/2/users/me', query: { 'user.fields': 'username' } }, ...bodies];
    expect(sent.filter((r) => r.query['max_results'] === '5' || r.query['max_results'] === '1')).toHaveLength(2);
    expect(sent.map((r) => r.path)).toEqual(expect.arrayContaining([`/2/users/${BRAND}/mentions`, '/2/tweets/search/recent', '/2/dm_events', '/2/tweets']));
    expect(sent.some((r) => r.query['since_id'] !== undefined)).toBe(true);
    expect(bodies).toHaveLength(2);
    // Recent search refuses since_id with start_time; no request mixes a time bound with an id bound.
    expect(sent.filter((r) => r.query['since_id'] !== undefined && (r.query['start_time'] !== undefined || r.query['end_time'] !== undefined))).toEqual([]);
    // Paging parameter per endpoint: search pages with next_token, the timeline and DM events with pagination_token.
    expect(sent.filter((r) => (r.path === '/2/tweets/search/recent' && r.query['pagination_token'] !== undefined) || (r.path !== '/2/tweets/search/recent' && r.query['next_token'] !== undefined))).toEqual([]);
    expect(sent.flatMap((r) => check(spec, r))).toEqual([]);
  });

  it('the checker flags what the spec refuses (it can fail)', () => {
    const spec = loadSpec();
    expect(check(spec, { method: 'GET', path: `/2/users/${BRAND}/mentions`, query: { max_results: '500', start_tme: 'x', 'tweet.fields': 'bogus' } })).toHaveLength(3);
    expect(check(spec, { method: 'POST', path: '/2/tweets', query: {}, body: { text: 'x', reply: { in_reply_to: '1' } } })).toHaveLength(2);
    expect(check(spec, { method: 'GET', path: '/2/nope', query: {} })).toHaveLength(1);
    expect(check(spec, { method: 'GET', path: '/2/users/AcmeHelp/mentions', query: {} })).toHaveLength(1);
  });
});
