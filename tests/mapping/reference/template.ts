import { ConfigError } from '../../../src/errors.js';
import { PLACEHOLDERS, placeholderText, type Placeholder, type PlaceholderValues } from './placeholders.js';
import { sanitizeText } from './text-limits.js';

type Part = { readonly literal: string } | { readonly placeholder: Placeholder };

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
  const dynamic = parts.some((p) => 'placeholder' in p);
  return { parts, dynamic, blank: !dynamic && parts.every((p) => 'literal' in p && p.literal.trim() === '') };
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
  const only = lines.length === 1 && lines[0]?.parts.length === 1 && first !== undefined && 'placeholder' in first ? first.placeholder : undefined;
  return { field, lines, counts, only };
}

/**
 * Renders a template. Unknown values render empty; a line whose placeholders all rendered empty is
 * dropped (so a missing link leaves no empty `Link:` line), blank separator lines left next to each
 * other by that are merged, and blank separator lines at the start or end are removed.
 */
export function renderTemplate(template: CompiledTemplate, values: PlaceholderValues): string {
  const out: { text: string; blank: boolean }[] = [];
  for (const line of template.lines) {
    let text = '';
    let anyValue = false;
    for (const part of line.parts) {
      if ('literal' in part) {
        text += part.literal;
        continue;
      }
      const value = placeholderText(part.placeholder, values[part.placeholder]);
      if (value !== '') anyValue = true;
      text += value;
    }
    if (line.dynamic && !anyValue) continue;
    if (line.blank && (out.length === 0 || out[out.length - 1]?.blank === true)) continue;
    out.push({ text, blank: line.blank });
  }
  while (out.length > 0 && out[out.length - 1]?.blank === true) out.pop();
  return out.map((l) => l.text).join('\n');
}
