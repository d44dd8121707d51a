/**
 * `social-crm-connector/cli`: the `social-crm-sync` job as a library — its config schema (for
 * integrators who generate job configs), the parser with the job's own checks and messages, and
 * {@link runCli} to run the job inside another program.
 */
export { JobConfigSchema } from './config/schema.js';
export type { JobConfig, JobConfigInput } from './config/schema.js';
export { SourceConfigSchema, sourceMayKnowBrand } from './config/sources.js';
export type { SourceConfig } from './config/sources.js';
export { CrmConfigSchema } from './config/crms.js';
export type { CrmConfig } from './config/crms.js';
export { StateConfigSchema } from './config/states.js';
export type { StateConfig } from './config/states.js';
export { JsonlSourceConfigSchema } from './config/source-jsonl.js';
export { LocalCrmConfigSchema } from './config/crm-local.js';
export { FileStateConfigSchema } from './config/state-file.js';
export { MemoryStateConfigSchema } from './config/state-memory.js';
export { parseJobConfig, loadJobConfig } from './config/parse.js';
export { JobConfigError } from './config/problems.js';
export type { ConfigProblem } from './config/problems.js';
export { parseJobArgs, USAGE } from './args.js';
export type { JobArgs } from './args.js';
export { EXIT } from './exit-codes.js';
export type { ExitCode } from './exit-codes.js';
export { runCli } from './run.js';
export type { RunCliOptions } from './run.js';
export type { CliIo } from './io.js';
