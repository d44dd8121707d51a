/** `@{refId.path}` references between Composite subrequests. */

const REFERENCE = /@\{([A-Za-z0-9_]+)((?:\.[A-Za-z0-9_]+|\[\d+\])*)\}/g;

export class UnresolvedReference extends Error {
  constructor(readonly expression: string, readonly referenceId: string) {
    super(
      `Invalid reference specified. No value for ${expression} found in ${referenceId}. Provided referenceId ('${referenceId}') must be a valid referenceId of a previous subrequest and resolve to a value in the response.`,
    );
  }
}

function walk(value: unknown, path: string): unknown {
  const steps = path.match(/\.[A-Za-z0-9_]+|\[\d+\]/g) ?? [];
  let current = value;
  for (const step of steps) {
    if (current === null || typeof current !== 'object') return undefined;
    const key = step.startsWith('.') ? step.slice(1) : Number(step.slice(1, -1));
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

/** Replaces every reference in a string with the referenced value (from earlier successful bodies). */
export function substituteString(text: string, bodies: Map<string, unknown>): string {
  return text.replace(REFERENCE, (whole, refId: string, path: string) => {
    const expression = whole.slice(2, -1);
    if (!bodies.has(refId) || path === '') throw new UnresolvedReference(expression, refId);
    const value = walk(bodies.get(refId), path);
    if (value === undefined || value === null || typeof value === 'object') throw new UnresolvedReference(expression, refId);
    return String(value);
  });
}

/** Deep-substitutes references in a JSON body. */
export function substituteBody(body: unknown, bodies: Map<string, unknown>): unknown {
  if (typeof body === 'string') return substituteString(body, bodies);
  if (Array.isArray(body)) return body.map((item) => substituteBody(item, bodies));
  if (body !== null && typeof body === 'object') {
    return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, substituteBody(v, bodies)]));
  }
  return body;
}
