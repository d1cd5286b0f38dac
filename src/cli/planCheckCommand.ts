/**
 * `plan check FILE`: validates a plan file and says what it holds, or lists every problem with its line.
 */
import { formatPlanError, readPlanFile } from '../adapters/files/readPlanFile';
import { type CliIo, EXIT_INVALID_INPUT, EXIT_OK, UsageError, writeProblems } from './cliIo';

/** Runs `plan check`; resolves to the exit code. */
export async function planCheckCommand(args: readonly string[], io: CliIo): Promise<number> {
  const [file, ...rest] = args;
  if (file === undefined || file.startsWith('--'))
    throw new UsageError('plan check needs the plan file to check');
  if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0] ?? ''}"`);

  const result = await readPlanFile(file);
  if (!result.ok) {
    if ('problem' in result) {
      io.err(`${result.problem}\n`);
    } else {
      writeProblems(
        io,
        result.errors.map((error) => formatPlanError(file, error)),
      );
      io.err(
        `${file}: ${result.errors.length} problem${result.errors.length === 1 ? '' : 's'}; the plan was not loaded\n`,
      );
    }
    return EXIT_INVALID_INPUT;
  }
  const { plan } = result;
  const targets = plan.objectives.reduce((sum, objective) => sum + objective.targets.length, 0);
  io.out(`${file}: "${plan.title}" is valid: ${plan.objectives.length} objectives, ${targets} targets\n`);
  for (const objective of plan.objectives) {
    io.out(`  ${objective.id}: ${objective.title}\n`);
    for (const target of objective.targets)
      io.out(`    ${target.id} (${target.rule.kind}, ${target.metricId}): ${target.title}\n`);
  }
  return EXIT_OK;
}
