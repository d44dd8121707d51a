/**
 * One HTTP round trip to Sugar through axios: JSON in and out, the `OAuth-Token` header (never
 * `Authorization`), every status answered as data, and Sugar's failures turned into
 * {@link SugarApiError}s (the reply body checked with zod; a proxy's HTML page is no crash).
 */
import type { AxiosInstance, AxiosResponse } from 'axios';
import { z } from 'zod';
import { ConnectorError } from '../../errors.js';
import { sugarApiError, type SugarApiError } from './errors.js';

/** Sugar's error body. */
export const SugarErrorBodySchema = z.object({ error: z.string().min(1), error_message: z.string().optional().nullable() });

/** One request. `path` is below `/rest/<version>`, e.g. `/Cases/filter`. */
export interface SugarRequest {
  readonly method: 'GET' | 'POST' | 'PUT';
  readonly path: string;
  readonly body?: unknown;
  readonly params?: Readonly<Record<string, string>>;
  readonly token?: string;
  readonly signal?: AbortSignal | undefined;
}

/** `Retry-After` (seconds or an HTTP date) in ms. */
export function retryAfterMs(value: unknown, now = Date.now()): number | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const text = String(value).trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The Sugar module a path is about (`/Cases/filter` → `Cases`), if any. */
export function moduleOf(path: string): string | undefined {
  const first = path.split('/').filter(Boolean)[0];
  return first !== undefined && /^[A-Z]/.test(first) ? first : undefined;
}

/** The SugarApiError of a non-2xx reply. */
export function replyError(status: number, data: unknown, headers: unknown, request: string, path: string): SugarApiError {
  const parsed = SugarErrorBodySchema.safeParse(data);
  const retryAfter = retryAfterMs(typeof headers === 'object' && headers !== null ? (headers as Record<string, unknown>)['retry-after'] : undefined);
  const module = moduleOf(path);
  return sugarApiError({
    status,
    label: parsed.success ? parsed.data.error : `http_${status}`,
    detail: parsed.success ? (parsed.data.error_message ?? '') : 'no Sugar error body',
    request,
    ...(module === undefined ? {} : { module }),
    ...(retryAfter === undefined ? {} : { retryAfterMs: retryAfter }),
    ...(path === '/oauth2/token' ? { login: true } : {}),
  });
}

function networkError(error: unknown, request: string, path: string): Error {
  if (error instanceof Error && (error.name === 'CanceledError' || error.name === 'AbortError')) return error;
  const code = typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : 'ERR_NETWORK';
  const module = moduleOf(path);
  return sugarApiError({ label: code, detail: 'no reply (network error)', request, ...(module === undefined ? {} : { module }), ...(path === '/oauth2/token' ? { login: true } : {}) });
}

/** Sends one request; resolves with the 2xx reply, rejects with a {@link SugarApiError}. */
export async function sugarRequest(http: AxiosInstance, restBase: string, req: SugarRequest): Promise<AxiosResponse<unknown>> {
  const label = `${req.method} ${req.path}`;
  let response: AxiosResponse<unknown>;
  try {
    response = await http.request<unknown>({
      method: req.method,
      url: `${restBase}${req.path}`,
      ...(req.body === undefined ? {} : { data: req.body }),
      ...(req.params === undefined ? {} : { params: req.params }),
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...(req.token === undefined ? {} : { 'OAuth-Token': req.token }) },
      validateStatus: () => true,
      ...(req.signal === undefined ? {} : { signal: req.signal }),
    });
  } catch (error) {
    throw networkError(error, label, req.path);
  }
  if (response.status < 200 || response.status >= 300) throw replyError(response.status, response.data, response.headers, label, req.path);
  return response;
}

/** Parses a 2xx reply body with `schema`; an unexpected shape is a ConnectorError naming the call. */
export function parseReply<T>(schema: z.ZodType<T>, data: unknown, request: string): T {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new ConnectorError(`SugarCRM ${request} answered an unexpected shape: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid'}`);
}
