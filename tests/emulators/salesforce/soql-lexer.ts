import { malformedQuery } from './errors.js';

export type TokenKind = 'ident' | 'string' | 'number' | 'datetime' | 'op' | 'punct' | 'end';

export interface Token {
  kind: TokenKind;
  /** Identifier / operator text, or the raw (still escaped) inside of a string literal. */
  text: string;
  /** 0-based offset in the statement, for Salesforce-style "ERROR at Row:1:Column:N" messages. */
  pos: number;
}

const DATETIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?(?:Z|[+-]\d{2}:?\d{2}))?/;

/** Splits a SOQL statement into tokens; anything unexpected is MALFORMED_QUERY. */
export function tokenize(soql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < soql.length) {
    const c = soql.charAt(i);
    if (/\s/.test(c)) {
      i += 1;
      continue;
    }
    if (c === "'") {
      let j = i + 1;
      while (j < soql.length && soql.charAt(j) !== "'") j += soql.charAt(j) === '\\' ? 2 : 1;
      if (j >= soql.length) throw malformedQuery(`line 1:${i} mismatched character '<EOF>' expecting '''`);
      tokens.push({ kind: 'string', text: soql.slice(i + 1, j), pos: i });
      i = j + 1;
      continue;
    }
    const dt = DATETIME.exec(soql.slice(i));
    if (dt && /\d/.test(c)) {
      tokens.push({ kind: 'datetime', text: dt[0], pos: i });
      i += dt[0].length;
      continue;
    }
    if (/[0-9]/.test(c) || (c === '-' && /[0-9]/.test(soql.charAt(i + 1)))) {
      const m = /^-?\d+(?:\.\d+)?/.exec(soql.slice(i));
      const text = m ? m[0] : c;
      tokens.push({ kind: 'number', text, pos: i });
      i += text.length;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*(?::\d+)?/.exec(soql.slice(i));
      const text = m ? m[0] : c;
      tokens.push({ kind: 'ident', text, pos: i });
      i += text.length;
      continue;
    }
    const two = soql.slice(i, i + 2);
    if (two === '!=' || two === '<>' || two === '<=' || two === '>=') {
      tokens.push({ kind: 'op', text: two, pos: i });
      i += 2;
      continue;
    }
    if (c === '=' || c === '<' || c === '>') {
      tokens.push({ kind: 'op', text: c, pos: i });
      i += 1;
      continue;
    }
    if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: 'punct', text: c, pos: i });
      i += 1;
      continue;
    }
    throw malformedQuery(`line 1:${i} no viable alternative at character '${c}'`);
  }
  tokens.push({ kind: 'end', text: '<EOF>', pos: soql.length });
  return tokens;
}

const PLAIN_ESCAPES: Record<string, string> = {
  n: '\n', N: '\n', r: '\r', R: '\r', t: '\t', T: '\t', b: '\b', B: '\b', f: '\f', F: '\f',
  '"': '"', "'": "'", '\\': '\\',
};

/** One character of a decoded literal; `escapedWildcard` marks `\_` / `\%` (literal in LIKE). */
export interface LiteralChar {
  char: string;
  escapedWildcard: boolean;
}

/**
 * Decodes a SOQL string literal per the SOQL reference, "Quoted String Escape Sequences"
 * (https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_quotedstringescapes.htm):
 * \n \r \t \b \f (or upper case) \" \' \\, plus \_ and \% which are only legal in LIKE. "If you
 * use a backslash character in any other context, an error occurs": MALFORMED_QUERY. `\uXXXX` is
 * listed by newer versions of the page only (not by the Winter '16, API 35.0, one: atlas.en-us.198.0), so this strict
 * emulator refuses it too: a client must never need it (non-ASCII goes raw, as UTF-8).
 */
export function decodeLiteral(raw: string, inLike: boolean): LiteralChar[] {
  const out: LiteralChar[] = [];
  for (let i = 0; i < raw.length; i += 1) {
    const c = raw.charAt(i);
    if (c !== '\\') {
      out.push({ char: c, escapedWildcard: false });
      continue;
    }
    const next = raw.charAt(i + 1);
    i += 1;
    const plain = PLAIN_ESCAPES[next];
    if (plain !== undefined) {
      out.push({ char: plain, escapedWildcard: false });
    } else if ((next === '_' || next === '%') && inLike) {
      out.push({ char: next, escapedWildcard: true });
    } else {
      throw malformedQuery(`Invalid string literal '${raw}'. Illegal character sequence '\\${next}' in string literal.`);
    }
  }
  return out;
}

/** The plain string value of a literal outside LIKE. */
export function literalValue(raw: string): string {
  return decodeLiteral(raw, false).map((c) => c.char).join('');
}

/** A LIKE pattern as a case-insensitive anchored RegExp (`_` one char, `%` any run). */
export function likePattern(raw: string): RegExp {
  const source = decodeLiteral(raw, true)
    .map(({ char, escapedWildcard }) => {
      if (!escapedWildcard && char === '%') return '[\\s\\S]*';
      if (!escapedWildcard && char === '_') return '[\\s\\S]';
      return char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); // `\-` and `\/` are invalid escapes under the `u` flag
    })
    .join('');
  return new RegExp(`^${source}$`, 'iu');
}
