/**
 * The identity cache keeps each row packed into one string ({@link packIdentity}): compared with
 * the reference (the record objects it kept before) on random rows and random sequences of use.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdentityCache, packIdentity, unpackIdentity, type Known } from '../../../src/state/sqlite/identity-cache.js';
import type { IdentityRecord, MatchMethod } from '../../../src/state/types.js';

const METHODS: readonly MatchMethod[] = ['providerId', 'handle', 'email', 'created'];

/** Any text: ASCII, any UTF-16 code unit (lone surrogates too), the occasional very long one. */
const text = fc.oneof(
  { arbitrary: fc.string(), weight: 4 },
  { arbitrary: fc.string({ unit: 'binary' }), weight: 2 },
  { arbitrary: fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) }), weight: 2 },
  { arbitrary: fc.integer({ min: 0xfff0, max: 0x10010 }).map((n) => 'x'.repeat(n)), weight: 1 },
);
const record = (key: fc.Arbitrary<string>): fc.Arbitrary<IdentityRecord> =>
  fc.record({
    key,
    contactId: text,
    handle: text,
    method: fc.constantFrom(...METHODS),
    confidence: fc.oneof(fc.double(), fc.constantFrom(0, -0, 1, 0.5, 1e-320, Number.MAX_VALUE)),
    updatedAt: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), text),
  });

/** Equal as the store hands records out (same fields, `-0` not `0`, `NaN` as `NaN`). */
function expectSame(got: IdentityRecord, want: IdentityRecord): void {
  expect(Object.keys(got).sort()).toEqual(Object.keys(want).sort());
  for (const field of ['key', 'contactId', 'handle', 'method', 'updatedAt'] as const) expect(got[field]).toBe(want[field]);
  expect(Object.is(got.confidence, want.confidence)).toBe(true);
}

/** The cache as it was: record objects by key (the reference). */
class ReferenceCache {
  private readonly rows = new Map<string, IdentityRecord>();
  private complete = false;
  constructor(readonly capacity: number) {}
  load(rows: readonly IdentityRecord[], whole = true): void {
    this.rows.clear();
    this.complete = whole && this.capacity > 0;
    for (const row of rows) this.remember(row);
  }
  lookup(key: string): Known {
    const row = this.rows.get(key);
    if (row === undefined) return this.complete ? 'absent' : 'unknown';
    return row;
  }
  remember(row: IdentityRecord): void {
    if (this.capacity === 0) return;
    if (!this.rows.has(row.key) && this.rows.size >= this.capacity) {
      this.rows.clear();
      this.complete = false;
    }
    this.rows.set(row.key, row);
  }
  get isCompleteForTest(): boolean {
    return this.complete;
  }
  get sizeForTest(): number {
    return this.rows.size;
  }
  forget(key: string): void {
    this.rows.delete(key);
    this.complete = false;
  }
  clear(): void {
    this.rows.clear();
    this.complete = false;
  }
}

describe('packIdentity / unpackIdentity', () => {
  it('give back the record, field for field, whenever a row is packed', () => {
    fc.assert(
      fc.property(record(text), (r) => {
        const packed = packIdentity(r);
        const fits = r.contactId.length <= 0xffff && r.handle.length <= 0xffff && r.updatedAt.length <= 0xffff;
        expect(packed !== undefined).toBe(fits);
        if (packed !== undefined) expectSame(unpackIdentity(r.key, packed), r);
      }),
      { numRuns: 500 },
    );
  });

  it('packs a row the engine builds from concatenated pieces into one flat string of its own', () => {
    const id = '7000012376';
    const r: IdentityRecord = { key: `twitter:${id}`, contactId: `RC2|Customer|12376|%|twitter:customer_12376|twitter:${id}`, handle: 'customer_12376', method: 'providerId', confidence: 1, updatedAt: '2026-12-02T14:20:08.804Z' };
    const packed = packIdentity(r) as string;
    expect(packed.length).toBe(4 + r.contactId.length + r.handle.length + r.updatedAt.length + 1);
    expectSame(unpackIdentity(r.key, packed), r);
  });
});

describe('IdentityCache (packed rows) against the reference (record objects)', () => {
  const provider = ['twitter'][0] as string;
  // Short keys and keys built as the engine builds them (concatenations, kept as flat copies).
  const KEYS = ['twitter:1', 'twitter:2', 'twitter:3', `${provider}:7000012376`, `${provider}:7000012377`, 'x:1', ''];
  type Op =
    | { op: 'load'; rows: IdentityRecord[]; whole: boolean }
    | { op: 'remember'; row: IdentityRecord }
    | { op: 'forget'; key: string }
    | { op: 'clear' }
    | { op: 'lookup'; key: string };
  const key = fc.constantFrom(...KEYS);
  const op: fc.Arbitrary<Op> = fc.oneof(
    { arbitrary: fc.record({ op: fc.constant('load' as const), rows: fc.array(record(key), { maxLength: 6 }), whole: fc.boolean() }), weight: 1 },
    { arbitrary: fc.record({ op: fc.constant('remember' as const), row: record(key) }), weight: 6 },
    { arbitrary: fc.record({ op: fc.constant('forget' as const), key }), weight: 1 },
    { arbitrary: fc.constant({ op: 'clear' as const }), weight: 1 },
    { arbitrary: fc.record({ op: fc.constant('lookup' as const), key }), weight: 6 },
  );

  /** Runs `ops` on the packed cache and the reference, calling `check` after each. */
  const run = (capacity: number, ops: readonly Op[], check: (cache: IdentityCache, ref: ReferenceCache, truth: Map<string, IdentityRecord | 'absent'>) => void): void => {
    const cache = new IdentityCache(capacity);
    const ref = new ReferenceCache(capacity);
    const truth = new Map<string, IdentityRecord | 'absent'>(); // what the file holds, where that is known
    for (const o of ops) {
      if (o.op === 'load') {
        cache.load(o.rows, o.whole);
        ref.load(o.rows, o.whole);
        truth.clear();
        if (o.whole) for (const k of KEYS) truth.set(k, 'absent');
        for (const r of o.rows) truth.set(r.key, r);
      } else if (o.op === 'remember') {
        cache.remember(o.row);
        ref.remember(o.row);
        truth.set(o.row.key, o.row);
      } else if (o.op === 'forget') {
        cache.forget(o.key);
        ref.forget(o.key);
        truth.delete(o.key);
      } else if (o.op === 'clear') {
        cache.clear();
        ref.clear();
        truth.clear();
      }
      check(cache, ref, truth);
      expect(cache.size).toBeLessThanOrEqual(capacity);
    }
  };

  it('behaves exactly as the reference on rows that pack (any text of up to 65,535 code units)', () => {
    const short = fc.string({ unit: 'binary', maxLength: 30 });
    const shortRecord = record(key).chain((r) => fc.record({ contactId: short, handle: short }).map((f) => ({ ...r, ...f, updatedAt: r.updatedAt.slice(0, 40) })));
    const shortOp: fc.Arbitrary<Op> = op.chain((o): fc.Arbitrary<Op> => {
      if (o.op === 'remember') return shortRecord.map((row): Op => ({ op: 'remember', row }));
      if (o.op === 'load') return fc.array(shortRecord, { maxLength: 6 }).map((rows): Op => ({ op: 'load', rows, whole: o.whole }));
      return fc.constant(o);
    });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5 }), fc.array(shortOp, { maxLength: 40 }), (capacity, ops) => {
        run(capacity, ops, (cache, ref) => {
          expect(cache.isComplete).toBe(ref.isCompleteForTest);
          expect(cache.size).toBe(ref.sizeForTest);
          for (const k of KEYS) {
            const got = cache.lookup(k);
            const want = ref.lookup(k);
            if (typeof want === 'object') expectSame(got as IdentityRecord, want);
            else expect(got).toBe(want);
          }
        });
      }),
      { numRuns: 300 },
    );
  });

  it('never answers wrong with any rows (one it cannot pack makes its key unknown)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5 }), fc.array(op, { maxLength: 40 }), (capacity, ops) => {
        run(capacity, ops, (cache, _ref, truth) => {
          for (const k of KEYS) {
            const got = cache.lookup(k);
            if (got === 'unknown') continue;
            const held = truth.get(k);
            if (got === 'absent') expect(held).toBe('absent');
            else expectSame(got, held as IdentityRecord);
          }
        });
      }),
      { numRuns: 300 },
    );
  });
});
