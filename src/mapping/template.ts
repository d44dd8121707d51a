import { ConfigError } from '../errors.js';
import { PLACEHOLDERS, placeholderText, type Placeholder, type PlaceholderValues } from './placeholders.js';
import { sanitizeText } from './text-limits.js';

/** A piece of a template line: literal text, or a placeholder (then `literal` is unused). */
type Part = { readonly literal: string; readonly placeholder?: undefined } | { readonly literal?: undefined; readonly placeholder: Placeholder };

interface TemplateLine {
  readonly parts: readonly Part[];
  /** True when the line holds at least one placeholder. */
  readonly dynamic: boolean;
  /** True when the line is empty in the template itself (a blank separator line). */
  readonly blank: boolean;
}

/** A template checked and split once, rendered many times. */
export interface CompiledTemplate {
  /** The config field it came from, e.g. `mapping.subjectTemplate`. */
  readonly field: string;
  readonly lines: readonly TemplateLine[];
  /** How many times each placeholder occurs. */
  readonly counts: ReadonlyMap<Placeholder, number>;
  /** The placeholder when the template is exactly one `{name}` and nothing else. */
  readonly only: Placeholder | undefined;
}

const TOKEN = /\{\{|\}\}|\{([^{}\n]*)\}/g;
const KNOWN: ReadonlySet<string> = new Set(PLACEHOLDERS);

function isPlaceholder(name: string): name is Placeholder {
  return KNOWN.has(name);
}

function compileLine(line: string, allowed: ReadonlySet<Placeholder>, field: string, counts: Map<Placeholder, number>): TemplateLine {
  const parts: Part[] = [];
  let last = 0;
  for (const match of line.matchAll(TOKEN)) {
    const before = line.slice(last, match.index);
    if (before !== '') parts.push({ literal: sanitizeText(before) });
    last = match.index + match[0].length;
    if (match[0] === '{{' || match[0] === '}}') {
      parts.push({ literal: match[0].charAt(0) });
      continue;
    }
    const name = (match[1] ?? '').trim();
    if (!isPlaceholder(name)) {
      throw new ConfigError(`Unknown placeholder {${name}} in ${field}; known: ${PLACEHOLDERS.map((p) => `{${p}}`).join(' ')}`, { field });
    }
    if (!allowed.has(name)) {
      throw new ConfigError(`Placeholder {${name}} is not available in ${field}`, { field });
    }
    counts.set(name, (counts.get(name) ?? 0) + 1);
    parts.push({ placeholder: name });
  }
  const rest = line.slice(last);
  if (rest !== '') parts.push({ literal: sanitizeText(rest) });
  const dynamic = parts.some((p) => p.placeholder !== undefined);
  return { parts, dynamic, blank: !dynamic && parts.every((p) => p.literal !== undefined && p.literal.trim() === '') };
}

/**
 * Checks and compiles a template. Placeholders are `{name}`; `{{` and `}}` are literal braces.
 * Throws a {@link ConfigError} naming `field` for an unknown placeholder or one not in `allowed`.
 */
export function compileTemplate(source: string, allowed: readonly Placeholder[], field: string): CompiledTemplate {
  const counts = new Map<Placeholder, number>();
  const allowedSet = new Set(allowed);
  const lines = source.replace(/\r\n?/g, '\n').split('\n').map((l) => compileLine(l, allowedSet, field, counts));
  const first = lines[0]?.parts[0];
  const only = lines.length === 1 && lines[0]?.parts.length === 1 && first !== undefined ? first.placeholder : undefined;
  return { field, lines, counts, only };
}

/**
 * Renders a template. Unknown values render empty; a line whose placeholders all rendered empty is
 * dropped (so a missing link leaves no empty `Link:` line), blank separator lines left next to each
 * other by that are merged, and blank separator lines at the start or end are removed. One pass: a
 * blank line is held back until a line after it is kept (so trailing ones are never written).
 */
export function renderTemplate(template: CompiledTemplate, values: PlaceholderValues): string {
  let out = '';
  let kept = false;
  let heldBlank: string | undefined;
  for (const line of template.lines) {
    let text = '';
    let anyValue = false;
    for (const part of line.parts) {
      if (part.placeholder === undefined) {
        text += part.literal;
        continue;
      }
      const value = placeholderText(part.placeholder, values[part.placeholder]);
      if (value !== '') anyValue = true;
      text += value;
    }
    if (line.dynamic && !anyValue) continue;
    if (line.blank) {
      // Dropped at the start, after another blank line, and (never written) at the end.
      if (kept && heldBlank === undefined) heldBlank = text;
      continue;
    }
    if (heldBlank !== undefined) {
      out += `\n${heldBlank}`;
      heldBlank = undefined;
    }
    out += kept ? `\n${text}` : text;
    kept = true;
  }
  return out;
}
