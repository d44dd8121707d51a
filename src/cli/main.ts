#!/usr/bin/env node
/**
 * The `social-crm-sync` program: `social-crm-sync --config job.yaml [--dry-run] [--once | --watch S] [--json]`.
 * Run it as plain `node` (npx, a systemd unit, a container's CMD) so SIGTERM and Ctrl-C reach the job.
 */
import { runCli } from './run.js';

process.exitCode = await runCli(process.argv.slice(2));
