export { deriveThreadIds, parentExternalId } from './derive-thread.js';
export { CaseIndex, viewOfCrmCase } from './case-index.js';
export type { CaseOwner, CaseView } from './case-index.js';
export { routeBrandPost, routeCustomerPost } from './route.js';
export type { OutboundTargets, Route, ThreadRules } from './route.js';
