/**
 * Reads `--name value` options. Every option must be known and given once; required ones must be there.
 */
import { UsageError } from './cliIo';

/**
 * The options as a map from name (without dashes) to value. `--name=value` works too.
 * @throws UsageError for an unknown, repeated or valueless option, a stray argument, or a missing required one.
 */
export function parseOptions(
  args: readonly string[],
  known: readonly string[],
  required: readonly string[],
): Map<string, string> {
  const options = new Map<string, string>();
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? '';
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument "${arg}"`);
    const [rawName = '', inlineValue] = arg.slice(2).split(/=(.*)/s, 2);
    if (!known.includes(rawName)) throw new UsageError(`unknown option --${rawName}`);
    if (options.has(rawName)) throw new UsageError(`--${rawName} is given twice`);
    const value = inlineValue ?? args[++index];
    if (value === undefined || value === '' || (inlineValue === undefined && value.startsWith('--'))) {
      throw new UsageError(`--${rawName} needs a value`);
    }
    options.set(rawName, value);
  }
  const missing = required.filter((name) => !options.has(name));
  if (missing.length > 0) throw new UsageError(`missing ${missing.map((name) => `--${name}`).join(', ')}`);
  return options;
}
