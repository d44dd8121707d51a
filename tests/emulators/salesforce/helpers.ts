import { Connection } from 'jsforce';
import type { SalesforceEmulator } from './index.js';

/** A real jsforce Connection on the emulator with the configured access token (flow access_token). */
export function connect(emulator: SalesforceEmulator, accessToken = emulator.accessToken): Connection {
  return new Connection({ instanceUrl: emulator.url, accessToken, version: emulator.apiVersion });
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejection(promise: PromiseLike<unknown>): Promise<Error & { errorCode?: string; data?: unknown; code?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { errorCode?: string };
  }
  throw new Error('expected the call to fail, but it succeeded');
}
