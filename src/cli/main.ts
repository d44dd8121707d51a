#!/usr/bin/env node
/**
 * The `social-crm-sync` program: `social-crm-sync --config job.yaml [--dry-run] [--once | --watch S] [--json]`.
 * Run it as plain `node` (npx, a systemd unit, a container's CMD) so SIGTERM and Ctrl-C reach the job.
 */
import { tuneHeapForSyncJob } from '../runtime/heap.js';
import { runCli } from './run.js';

tuneHeapForSyncJob(); // a flat, small heap for long syncs (see src/runtime/heap.ts)

process.exitCode = await runCli(process.argv.slice(2));
