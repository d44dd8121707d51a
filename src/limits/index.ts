/** Limits: per-service limiters, the retry policy, backoff, usage braking and the call context. */
export { classifyError, type ErrorClassification } from './retry-policy.js';
export { parseRetryAfter, headerDelayMs } from './retry-after.js';
export { retryDelayMs, DEFAULT_MAX_RETRY_AFTER_MS, type BackoffOptions } from './backoff.js';
export { createServiceLimiter, type LimiterOptions, type LimiterCounts, type ServiceLimiter } from './limiter.js';
export {
  parseSforceLimitInfo,
  usageLevel,
  minTimeFor,
  DEFAULT_USAGE_POLICY,
  type ApiUsage,
  type UsageLevel,
  type UsagePolicy,
} from './usage.js';
export { LimitsConfigSchema, ReservoirSchema, type LimitsConfig, type LimitsConfigInput } from './config.js';
export {
  createCallContext,
  type CallContextOptions,
  type LimitedCallContext,
  type CallEvent,
  type RetryEvent,
} from './call-context.js';
