/** The SOQL subset the emulator understands (what a batched lookup emits). */

export interface FieldPath {
  /** `['Contact', 'Social_Author_Id__c']` for `Contact.Social_Author_Id__c`. */
  path: string[];
  pos: number;
}

export type Literal =
  | { kind: 'string'; raw: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  | { kind: 'datetime'; text: string }
  | { kind: 'dateLiteral'; text: string };

export type Condition =
  | { kind: 'and' | 'or'; items: Condition[] }
  | { kind: 'not'; item: Condition }
  | { kind: 'compare'; field: FieldPath; op: '=' | '!=' | '<' | '<=' | '>' | '>='; value: Literal }
  | { kind: 'like'; field: FieldPath; raw: string }
  | { kind: 'in'; field: FieldPath; negated: boolean; values: Literal[] }
  | { kind: 'inQuery'; field: FieldPath; negated: boolean; query: SelectQuery };

export interface OrderItem {
  field: FieldPath;
  descending: boolean;
  nullsLast: boolean;
}

export interface SelectQuery {
  /** `count` for `SELECT COUNT() FROM …`. */
  fields: FieldPath[] | 'count';
  /** Child relationship subqueries: `(SELECT Id, CommentBody FROM CaseComments)`; FROM names the relationship. */
  children: SelectQuery[];
  object: { name: string; pos: number };
  where?: Condition;
  orderBy: OrderItem[];
  limit?: number;
  offset?: number;
}
