/**
 * Round trips of one adapter: each is one `ctx.call` (so the engine limits, retries, refreshes and
 * counts it), carries the token manager's current token, and parses its reply with zod. A token Sugar
 * refuses is marked dead, so the engine's `refreshSession` (or the next call) renews it once.
 */
import type { AxiosInstance } from 'axios';
import type { z } from 'zod';
import type { CallContext, CallKind } from '../../calls/types.js';
import { isSugarApiError } from './errors.js';
import { parseReply, sugarRequest, type SugarRequest } from './http.js';
import type { SugarTokenManager } from './token-manager.js';

/** What the adapter's parts use to talk to Sugar. */
export interface SugarSession {
  /** `/rest/<version>` prefix of sub-request URLs in `/bulk` (`/v11`). */
  readonly versionPrefix: string;
  /** One round trip through `ctx`, its 2xx body parsed with `schema`. */
  send<T>(ctx: CallContext, operation: string, request: Omit<SugarRequest, 'token' | 'signal'>, schema: z.ZodType<T>, kind?: CallKind): Promise<T>;
}

/** A session over `http` at `restBase` (`https://host/rest/v11`). */
export function sugarSession(http: AxiosInstance, restBase: string, apiVersion: string, tokens: SugarTokenManager): SugarSession {
  return {
    versionPrefix: `/${apiVersion}`,
    send(ctx, operation, request, schema, kind = 'read') {
      return ctx.call(
        operation,
        async () => {
          const token = await tokens.accessToken(ctx.signal);
          try {
            const reply = await sugarRequest(http, restBase, { ...request, token, signal: ctx.signal });
            return parseReply(schema, reply.data, `${request.method} ${request.path}`);
          } catch (error) {
            if (isSugarApiError(error) && error.status === 401) tokens.reject(token);
            throw error;
          }
        },
        { kind },
      );
    },
  };
}
