/** Fault injection: scripted (in order) or random (seeded, reproducible). */
import { mulberry32 } from '../../fixtures/prng.js';

export type FaultKind =
  /** 503 with an HTML body, nothing applied (an overloaded pod / maintenance page). */
  | 'http503'
  /** 500 UNKNOWN_EXCEPTION JSON body, nothing applied. */
  | 'http500'
  /** The socket is destroyed before the request is applied. */
  | 'dropBeforeApply'
  /** The request is applied, then the socket is destroyed: the reply is lost. */
  | 'dropAfterApply'
  /** The first record the request writes fails with UNABLE_TO_LOCK_ROW. */
  | 'unableToLockRow';

export interface FaultMatch {
  method?: string;
  /** Substring (or RegExp) of the request path, e.g. '/composite'. Default: any /services/data path. */
  path?: string | RegExp;
  /** Only requests that can write (not GET). */
  writesOnly?: boolean;
}

export interface ScriptedFault {
  kind: FaultKind;
  match?: FaultMatch;
  /** How many matching requests get this fault; default 1. */
  times?: number;
}

export interface RandomFaults {
  /** 0..1: the share of matching requests that get a fault. */
  probability: number;
  kinds: FaultKind[];
  /** Seed of the pseudo-random sequence; default 1. */
  seed?: number;
  match?: FaultMatch;
}

export interface FaultPlan {
  script?: ScriptedFault[];
  random?: RandomFaults;
}

export interface FaultTarget {
  method: string;
  path: string;
}

function matches(match: FaultMatch | undefined, target: FaultTarget): boolean {
  if (match?.path === undefined && !target.path.startsWith('/services/data')) return false;
  if (match?.method && match.method.toUpperCase() !== target.method) return false;
  if (match?.writesOnly && target.method === 'GET') return false;
  if (match?.path instanceof RegExp) return match.path.test(target.path);
  if (typeof match?.path === 'string') return target.path.includes(match.path);
  return true;
}

/** Decides, request by request, which fault (if any) to inject. */
export class FaultInjector {
  private script: { kind: FaultKind; match?: FaultMatch; left: number }[] = [];
  private random: RandomFaults | undefined;
  private next: () => number = mulberry32(1);
  /** Faults injected so far, by kind. */
  readonly injected: Record<FaultKind, number> = {
    http503: 0, http500: 0, dropBeforeApply: 0, dropAfterApply: 0, unableToLockRow: 0,
  };

  constructor(plan?: FaultPlan) {
    this.set(plan);
  }

  /** Replaces the plan (undefined: no faults). */
  set(plan: FaultPlan | undefined): void {
    this.script = (plan?.script ?? []).map((f) => ({ kind: f.kind, ...(f.match ? { match: f.match } : {}), left: f.times ?? 1 }));
    this.random = plan?.random;
    this.next = mulberry32(plan?.random?.seed ?? 1);
  }

  /** The fault for this request, if any (UNABLE_TO_LOCK_ROW only ever hits requests that write). */
  pick(target: FaultTarget): FaultKind | undefined {
    const applies = (kind: FaultKind): boolean => kind !== 'unableToLockRow' || target.method !== 'GET';
    const scripted = this.script.find((f) => f.left > 0 && applies(f.kind) && matches(f.match, target));
    if (scripted) {
      scripted.left -= 1;
      this.injected[scripted.kind] += 1;
      return scripted.kind;
    }
    const random = this.random;
    if (!random || random.kinds.length === 0 || !matches(random.match, target)) return undefined;
    if (this.next() >= random.probability) return undefined;
    const kind = random.kinds[Math.floor(this.next() * random.kinds.length)] as FaultKind;
    if (!applies(kind)) return undefined;
    this.injected[kind] += 1;
    return kind;
  }
}
