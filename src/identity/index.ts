export { matchIdentity, MATCH_CONFIDENCE, MIN_SUGGESTION_SCORE } from './match.js';
export type { IdentityMatch, NameSuggestion } from './match.js';
export { nameScore, normalizeName } from './name-score.js';
export { resolveAuthors } from './resolve-authors.js';
export type { AuthorResolution, ContactDraftFactory } from './resolve-authors.js';
