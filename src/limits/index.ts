/** Limits: per-service limiters, the retry policy, backoff, usage braking and the call context. */
export { classifyError, decideRetry, type ErrorClassification, type VendorClassifier } from './retry-policy.js';
export { isObject, prop, readCodes, readHeader, readHeaders, readMessages, readStatus } from './error-shape.js';
export { abortableSleep } from './abortable-sleep.js';
export { RunBudget } from './budget.js';
export { limiterPool, type CallLimiter, type LimiterFactory, type LimiterOption, type LimiterPool } from './call-limiter.js';
export { parseRetryAfter, headerDelayMs, untilEpochSeconds } from './retry-after.js';
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
