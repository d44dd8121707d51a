/**
 * An AbortSignal that SIGINT (Ctrl-C) and SIGTERM (docker stop, systemd, a supervisor) abort: the
 * job stops after the current batch, saves its checkpoint, releases its locks and exits. A second
 * signal is not caught any more, so it ends the process at once. `dispose` removes the handlers.
 */
export function stopOnSignals(onStop: (signal: NodeJS.Signals) => void): { readonly signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const handler = (signal: NodeJS.Signals): void => {
    dispose();
    onStop(signal);
    controller.abort();
  };
  const dispose = (): void => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return { signal: controller.signal, dispose };
}
