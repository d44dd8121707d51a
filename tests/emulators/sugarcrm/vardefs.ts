/**
 * Module definitions of the Sugar emulator: the stock fields the connector touches (Sugar 7+ /
 * Sell / Serve names), the connector's custom `_c` fields, and the stock dropdowns.
 */

/** One field definition as `GET /metadata` reports it. */
export interface FieldDef {
  readonly name: string;
  readonly type: string;
  readonly len?: number;
  /** Dropdown name (`case_status_dom`) of an enum field. */
  readonly options?: string;
  readonly link?: string;
  readonly module?: string;
}

/** Fields by module. */
export type ModuleDefs = Record<string, Record<string, FieldDef>>;

const f = (name: string, type: string, extra: Partial<FieldDef> = {}): [string, FieldDef] => [name, { name, type, ...extra }];

const COMMON = [f('id', 'id'), f('date_entered', 'datetime'), f('date_modified', 'datetime'), f('deleted', 'bool'), f('description', 'text')];

/** The stock dropdowns the connector uses. */
export const DEFAULT_DROPDOWNS: Record<string, readonly string[]> = {
  case_status_dom: ['New', 'Assigned', 'Closed', 'Pending Input', 'Rejected', 'Duplicate'],
  case_priority_dom: ['P1', 'P2', 'P3'],
  case_type_dom: ['Administration', 'Product', 'User'],
  source_dom: ['', 'Internal', 'Forum', 'Web', 'InboundEmail', 'Twitter'],
};

/** Stock Cases, Contacts and Notes plus the connector's default custom fields. */
export function defaultModuleDefs(): ModuleDefs {
  return {
    Contacts: Object.fromEntries([
      ...COMMON,
      f('first_name', 'varchar', { len: 100 }),
      f('last_name', 'varchar', { len: 100 }),
      f('email', 'email'),
      f('twitter', 'varchar', { len: 100 }),
      f('account_id', 'id'),
      f('cases', 'link', { link: 'cases', module: 'Cases' }),
      f('social_author_id_c', 'varchar', { len: 255 }),
    ]),
    Cases: Object.fromEntries([
      ...COMMON,
      f('name', 'name', { len: 255 }),
      f('case_number', 'int'),
      f('status', 'enum', { options: 'case_status_dom' }),
      f('priority', 'enum', { options: 'case_priority_dom' }),
      f('type', 'enum', { options: 'case_type_dom' }),
      f('source', 'enum', { options: 'source_dom' }),
      f('account_id', 'id'),
      f('primary_contact_id', 'id'),
      f('contacts', 'link', { link: 'contacts', module: 'Contacts' }),
      f('social_post_id_c', 'varchar', { len: 255 }),
      f('social_thread_key_c', 'varchar', { len: 255 }),
      f('social_parent_case_id_c', 'id'),
    ]),
    Notes: Object.fromEntries([
      ...COMMON,
      f('name', 'name', { len: 255 }),
      f('parent_type', 'parent_type'),
      f('parent_id', 'id'),
      f('contact_id', 'id'),
      f('social_post_id_c', 'varchar', { len: 255 }),
    ]),
  };
}

/** Link name → the module it leads to and the link on the other side. */
export const LINKS: Record<string, Record<string, { module: string; reverse: string }>> = {
  Cases: { contacts: { module: 'Contacts', reverse: 'cases' } },
  Contacts: { cases: { module: 'Cases', reverse: 'contacts' } },
};
