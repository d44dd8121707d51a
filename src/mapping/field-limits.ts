import type { FieldLimits } from '../model/crm-records.js';

/**
 * Salesforce's field limits: Case `Subject` 255 characters, `Description` 32,000 characters,
 * CaseComment `CommentBody` 4,000 bytes, Contact `LastName` 80 and `FirstName` 40 characters.
 */
export const SALESFORCE_FIELD_LIMITS: FieldLimits = Object.freeze({
  caseSubject: 255,
  caseDescription: 32_000,
  commentBodyBytes: 4_000,
  contactLastName: 80,
  contactFirstName: 40,
});
