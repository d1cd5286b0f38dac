/**
 * Throws a RangeError naming the problem unless `name` is a usable queue name.
 *
 * Queue names: 3–63 lower-case letters, digits and single hyphens, starting and ending with a letter or
 * digit. At most 56 here, so that the `-poison` queue the runtime derives from it is a valid name too.
 */
export function assertQueueName(name: string): void {
  if (!/^[a-z0-9](?:[a-z0-9]|-(?!-))*[a-z0-9]$/.test(name) || name.length < 3 || name.length > 56) {
    throw new RangeError(
      `Queue name "${name}" is not usable: use 3–56 lower-case letters, digits and single hyphens, ` +
        `starting and ending with a letter or digit.`,
    );
  }
}
