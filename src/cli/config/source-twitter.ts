/**
 * `source: { type: twitter, auth, mentions, search, directMessages, overlapSeconds, backfill,
 * fetchParents }` — X API v2 polled by the X source. The schema lives with the source
 * (`src/sources/twitter/config.ts`, no client loaded); the README's "Read from X" explains each key.
 */
export { TwitterSourceConfigSchema, type TwitterSourceConfig } from '../../sources/twitter/config.js';
