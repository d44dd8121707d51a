/**
 * What `--check` reports for a CRM or a source: each thing the connector needs from the remote
 * side (a field, an External ID flag, a picklist value, a permission, a credential), whether it is
 * there, and how to fix it. The job exits 0 when every item is ok and 2 when one is not.
 */

/** One thing the connector needs from the remote side. */
export interface SetupCheckItem {
  /** What is needed, e.g. `Case.Social_Post_Id__c (External ID, unique)` or `Origin picklist value "Twitter"`. */
  readonly what: string;
  readonly ok: boolean;
  /** What was found, in plain words (`missing`, `not an External ID`, `found`). */
  readonly detail?: string;
  /** How to fix it, e.g. `Setup > Object Manager > Case > Fields & Relationships > New`. */
  readonly fix?: string;
  /** True when `--check --apply` created or fixed it in this run. */
  readonly applied?: boolean;
}

/** The answer of a setup check. */
export interface SetupCheckReport {
  /** The service checked, e.g. `salesforce`. */
  readonly service: string;
  /** True when every item is ok. */
  readonly ready: boolean;
  readonly items: readonly SetupCheckItem[];
}

/** Options of a setup check. */
export interface SetupCheckOptions {
  /** Create what is missing where the remote allows it (Salesforce Metadata API), then check again. */
  readonly apply?: boolean;
}
