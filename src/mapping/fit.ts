import type { PlaceholderValues } from './placeholders.js';
import { renderTemplate, type CompiledTemplate } from './template.js';
import { truncateAtWord, truncateChars, truncateUtf8Bytes, utf8Length } from './text-limits.js';

/** How a limit is measured: UTF-16 code units (`chars`) or UTF-8 `bytes`. */
export type LimitUnit = 'chars' | 'bytes';

/** How to fit a rendered template into a limit. */
export interface FitOptions {
  readonly limit: number;
  readonly unit: LimitUnit;
  /** Prefer cutting `{text}` after a whole word (one-line summaries). */
  readonly atWord?: boolean;
}

/** A rendered template and whether it had to be cut to fit. */
export interface FitResult {
  readonly text: string;
  readonly cut: boolean;
}

function sizeOf(text: string, unit: LimitUnit): number {
  return unit === 'bytes' ? utf8Length(text) : text.length;
}

/** Whether `text` is within `limit`; a text of n code units takes at most 3n UTF-8 bytes, so most need no count. */
function fits(text: string, limit: number, unit: LimitUnit): boolean {
  if (unit === 'chars' || text.length * 3 <= limit) return text.length <= limit;
  return utf8Length(text, limit) <= limit;
}

function cut(text: string, limit: number, options: FitOptions): string {
  if (options.unit === 'bytes') return truncateUtf8Bytes(text, limit);
  return options.atWord === true ? truncateAtWord(text, limit) : truncateChars(text, limit);
}

/**
 * Renders a template within a limit. When the result is too long, `{text}` is cut first so the rest
 * of the template (link, author, metrics) survives; if that is not enough, the whole result is cut.
 * The result never exceeds the limit and is cut on grapheme boundaries only.
 */
export function renderWithin(template: CompiledTemplate, values: PlaceholderValues, options: FitOptions): FitResult {
  const limit = options.limit >= 0 ? Math.floor(options.limit) : 0;
  const full = renderTemplate(template, values);
  if (fits(full, limit, options.unit)) return { text: full, cut: false };
  const occurrences = template.counts.get('text') ?? 0;
  const text = values.text;
  if (occurrences > 0 && typeof text === 'string' && text !== '') {
    const overhead = sizeOf(renderTemplate(template, { ...values, text: 'x' }), options.unit) - occurrences;
    const budget = Math.floor((limit - overhead) / occurrences);
    if (budget > 0) {
      const fitted = renderTemplate(template, { ...values, text: cut(text, budget, options) });
      if (sizeOf(fitted, options.unit) <= limit) return { text: fitted, cut: true };
    }
  }
  return { text: cut(full, limit, options), cut: true };
}
