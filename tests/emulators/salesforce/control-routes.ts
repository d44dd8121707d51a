import type { FaultPlan } from './faults.js';
import type { Runtime } from './runtime.js';
import { takeSnapshot } from './snapshot.js';
import type { Reply } from './types.js';

/**
 * Test-only endpoints under /__emulator/ (not Salesforce paths, never charged), so a test can
 * inspect or steer an emulator running in another process.
 */
export function handleControl(rt: Runtime, method: string, path: string, rawBody: string): Reply {
  const action = path.slice('/__emulator/'.length);
  if (method === 'GET' && action === 'snapshot') return { status: 200, body: takeSnapshot(rt.org.schema, rt.org.store, false) };
  if (method === 'GET' && action === 'stable-snapshot') return { status: 200, body: takeSnapshot(rt.org.schema, rt.org.store, true) };
  if (method === 'GET' && action === 'calls') {
    return { status: 200, body: { apiCalls: rt.calls.apiCalls(), byEndpoint: rt.calls.byEndpoint(), injected: rt.faults.injected, entries: rt.calls.entries } };
  }
  if (method === 'POST' && action === 'faults') {
    rt.faults.set(rawBody.trim() === '' ? undefined : (JSON.parse(rawBody) as FaultPlan));
    return { status: 204 };
  }
  if (method === 'POST' && action === 'expire-sessions') {
    rt.sessions.expireAll();
    return { status: 204 };
  }
  return { status: 404, body: [{ errorCode: 'NOT_FOUND', message: `No emulator control action '${action}'` }] };
}
