import { malformedQuery } from './errors.js';
import type { Condition, FieldPath, Literal, OrderItem, SelectQuery } from './soql-ast.js';
import { tokenize, type Token } from './soql-lexer.js';

const COMPARE_OPS = new Set(['=', '!=', '<>', '<', '<=', '>', '>=']);
const DATE_LITERAL = /^(TODAY|YESTERDAY|TOMORROW|LAST_N_DAYS:\d+|NEXT_N_DAYS:\d+)$/i;

/** Recursive-descent parser for SELECT … FROM … [WHERE] [ORDER BY] [LIMIT] [OFFSET]. */
class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.i] ?? (this.tokens[this.tokens.length - 1] as Token);
  }
  private next(): Token {
    const token = this.peek();
    this.i += 1;
    return token;
  }
  private isKeyword(word: string): boolean {
    const t = this.peek();
    return t.kind === 'ident' && t.text.toUpperCase() === word;
  }
  private unexpected(token: Token = this.peek()): Error {
    return malformedQuery(`unexpected token: '${token.text}' at column ${token.pos + 1}`);
  }
  private expectKeyword(word: string): void {
    if (!this.isKeyword(word)) throw this.unexpected();
    this.next();
  }
  private expectPunct(text: string): void {
    const t = this.next();
    if (t.kind !== 'punct' || t.text !== text) throw this.unexpected(t);
  }

  parseQuery(nested: boolean): SelectQuery {
    this.expectKeyword('SELECT');
    const children: SelectQuery[] = [];
    const fields = this.parseFields(nested ? undefined : children);
    this.expectKeyword('FROM');
    const from = this.next();
    if (from.kind !== 'ident' || from.text.includes('.')) throw this.unexpected(from);
    const query: SelectQuery = { fields, children, object: { name: from.text, pos: from.pos }, orderBy: [] };
    if (this.isKeyword('WHERE')) {
      this.next();
      query.where = this.parseCondition();
    }
    if (this.isKeyword('ORDER')) {
      this.next();
      this.expectKeyword('BY');
      query.orderBy = this.parseOrder();
    }
    if (this.isKeyword('LIMIT')) {
      this.next();
      query.limit = this.parseCount();
    }
    if (this.isKeyword('OFFSET')) {
      this.next();
      query.offset = this.parseCount();
    }
    const end = this.peek();
    if (nested ? !(end.kind === 'punct' && end.text === ')') : end.kind !== 'end') throw this.unexpected(end);
    return query;
  }

  private parseCount(): number {
    const t = this.next();
    if (t.kind !== 'number' || !/^\d+$/.test(t.text)) throw this.unexpected(t);
    return Number(t.text);
  }

  /** The select list; child subqueries go to `children` (undefined inside a subquery: one level only). */
  private parseFields(children: SelectQuery[] | undefined): FieldPath[] | 'count' {
    if (this.isKeyword('COUNT')) {
      this.next();
      this.expectPunct('(');
      this.expectPunct(')');
      return 'count';
    }
    const fields: FieldPath[] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind === 'punct' && t.text === '(' && children) {
        this.next();
        children.push(this.parseQuery(true));
        this.expectPunct(')');
      } else {
        fields.push(this.parseFieldPath());
      }
      if (!(this.peek().kind === 'punct' && this.peek().text === ',')) break;
      this.next();
    }
    return fields;
  }

  private parseFieldPath(): FieldPath {
    const t = this.next();
    if (t.kind !== 'ident') {
      if (t.kind === 'punct' && t.text === '(') throw malformedQuery('Nested child subqueries are not supported (SOQL allows one level)');
      throw this.unexpected(t);
    }
    const after = this.peek();
    if (after.kind === 'punct' && after.text === '(') {
      throw malformedQuery(`unexpected token: '${t.text}(': functions and aggregates are not supported by this emulator`);
    }
    return { path: t.text.split('.'), pos: t.pos };
  }

  private parseOrder(): OrderItem[] {
    const items: OrderItem[] = [];
    for (;;) {
      const field = this.parseFieldPath();
      let descending = false;
      if (this.isKeyword('ASC')) this.next();
      else if (this.isKeyword('DESC')) {
        this.next();
        descending = true;
      }
      let nullsLast = descending;
      if (this.isKeyword('NULLS')) {
        this.next();
        if (this.isKeyword('FIRST')) nullsLast = false;
        else if (this.isKeyword('LAST')) nullsLast = true;
        else throw this.unexpected();
        this.next();
      }
      items.push({ field, descending, nullsLast });
      if (!(this.peek().kind === 'punct' && this.peek().text === ',')) return items;
      this.next();
    }
  }

  /** AND and OR may not be mixed at one level without parentheses (Salesforce rejects it). */
  private parseCondition(): Condition {
    const first = this.parseUnary();
    const items: Condition[] = [first];
    let joiner: 'AND' | 'OR' | undefined;
    while (this.isKeyword('AND') || this.isKeyword('OR')) {
      const word = this.next().text.toUpperCase() as 'AND' | 'OR';
      if (joiner && joiner !== word) {
        throw malformedQuery(`unexpected token: '${word}': mixing AND and OR requires parentheses`);
      }
      joiner = word;
      items.push(this.parseUnary());
    }
    if (!joiner) return first;
    return { kind: joiner === 'AND' ? 'and' : 'or', items };
  }

  private parseUnary(): Condition {
    if (this.isKeyword('NOT')) {
      this.next();
      return { kind: 'not', item: this.parseUnary() };
    }
    const t = this.peek();
    if (t.kind === 'punct' && t.text === '(') {
      this.next();
      const inner = this.parseCondition();
      this.expectPunct(')');
      return inner;
    }
    return this.parsePredicate();
  }

  private parsePredicate(): Condition {
    const field = this.parseFieldPath();
    if (this.isKeyword('LIKE')) {
      this.next();
      const t = this.next();
      if (t.kind !== 'string') throw this.unexpected(t);
      return { kind: 'like', field, raw: t.text };
    }
    let negated = false;
    if (this.isKeyword('NOT')) {
      this.next();
      negated = true;
      if (!this.isKeyword('IN')) throw this.unexpected();
    }
    if (this.isKeyword('IN')) {
      this.next();
      this.expectPunct('(');
      if (this.isKeyword('SELECT')) {
        const query = this.parseQuery(true);
        this.expectPunct(')');
        return { kind: 'inQuery', field, negated, query };
      }
      const values: Literal[] = [this.parseLiteral()];
      while (this.peek().kind === 'punct' && this.peek().text === ',') {
        this.next();
        values.push(this.parseLiteral());
      }
      this.expectPunct(')');
      return { kind: 'in', field, negated, values };
    }
    const op = this.next();
    if (op.kind !== 'op' || !COMPARE_OPS.has(op.text)) throw this.unexpected(op);
    const normalized = (op.text === '<>' ? '!=' : op.text) as '=' | '!=' | '<' | '<=' | '>' | '>=';
    return { kind: 'compare', field, op: normalized, value: this.parseLiteral() };
  }

  private parseLiteral(): Literal {
    const t = this.next();
    if (t.kind === 'string') return { kind: 'string', raw: t.text };
    if (t.kind === 'number') return { kind: 'number', value: Number(t.text) };
    if (t.kind === 'datetime') return { kind: 'datetime', text: t.text };
    if (t.kind === 'ident') {
      const upper = t.text.toUpperCase();
      if (upper === 'NULL') return { kind: 'null' };
      if (upper === 'TRUE' || upper === 'FALSE') return { kind: 'boolean', value: upper === 'TRUE' };
      if (DATE_LITERAL.test(t.text)) return { kind: 'dateLiteral', text: upper };
    }
    throw this.unexpected(t);
  }
}

/** Parses one SOQL statement or throws MALFORMED_QUERY. */
export function parseSoql(soql: string): SelectQuery {
  return new Parser(tokenize(soql)).parseQuery(false);
}
