import type { ChildProcess } from 'node:child_process';

/**
 * Stops a child process: closes its stdin (launchers that watch it exit on their own), asks with
 * SIGTERM, and insists with SIGKILL after five seconds, so Ctrl-C never leaves a process behind.
 */
export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.stdin?.end();
    child.kill('SIGTERM');
  });
}
