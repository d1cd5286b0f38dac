/**
 * The real local host in a process of its own, so a test can kill it (SIGKILL) in the middle of its
 * work, as a machine dying would. Started by test/load/roundUnderLoad.test.ts with `tsx`; configured
 * by the environment below; prints `ready` once it serves.
 */
import { loadServices, startLoadHost, tickingClock } from './loadTrust';

async function main(): Promise<void> {
  const setting = (name: string): string => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is not set`);
    return value;
  };
  const connectionString = setting('CHILD_STORAGE');
  const services = loadServices({
    connectionString,
    rosterDir: setting('CHILD_ROSTER_DIR'),
    serviceUrl: setting('CHILD_SERVICE_URL'),
    prefix: setting('CHILD_PREFIX'),
    clock: tickingClock(setting('CHILD_START')),
  });
  await services.ready();
  await startLoadHost(services, connectionString, [], {
    queueVisibilityTimeoutSeconds: Number(setting('CHILD_VISIBILITY_SECONDS')),
  });
  process.stdout.write('ready\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
