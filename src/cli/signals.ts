/** A second signal this soon after the first is the same stop (npm forwards the Ctrl-C its process group already got). */
const SAME_STOP_MS = 1000;

/**
 * An AbortSignal that SIGINT (Ctrl-C) and SIGTERM (docker stop, systemd, a supervisor) abort: the
 * job stops after the current batch, saves its checkpoint, releases its locks and exits. A repeat
 * within a second is taken as the same stop; a later one ends the process at once (exit 130).
 * `dispose` removes the handlers.
 */
export function stopOnSignals(onStop: (signal: NodeJS.Signals) => void): { readonly signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  let firstAt: number | undefined;
  const handler = (signal: NodeJS.Signals): void => {
    const now = Date.now();
    if (firstAt === undefined) {
      firstAt = now;
      onStop(signal);
      controller.abort();
    } else if (now - firstAt > SAME_STOP_MS) {
      process.exit(130);
    }
  };
  const dispose = (): void => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return { signal: controller.signal, dispose };
}
