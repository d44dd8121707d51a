/**
 * Deterministic Sugar record ids: a UUID v5 of the module and the connector's key, in the
 * connector's own namespace. Cases and Notes are named by the external post id (`twitter:123`, which
 * carries the provider), Contacts by the author's identity key (`twitter:42`).
 */
import { NAMESPACE_URL, uuidV5 } from './uuid5.js';

/** The connector's namespace: `uuidV5(NAMESPACE_URL, 'https://github.com/social-crm-connector#sugarcrm')`. */
export const SUGAR_ID_NAMESPACE = uuidV5(NAMESPACE_URL, 'https://github.com/social-crm-connector#sugarcrm');

/** Id of the Case of a post. */
export const caseIdOf = (externalPostId: string): string => uuidV5(SUGAR_ID_NAMESPACE, `Cases:${externalPostId}`);
/** Id of the Note (comment) of a post. */
export const noteIdOf = (externalPostId: string): string => uuidV5(SUGAR_ID_NAMESPACE, `Notes:${externalPostId}`);
/** Id of the Contact of an author (`provider:userId`). */
export const contactIdOf = (identityKey: string): string => uuidV5(SUGAR_ID_NAMESPACE, `Contacts:${identityKey}`);
