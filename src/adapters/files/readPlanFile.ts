/**
 * Reads a plan file from disk and checks it with the pure parsePlan. The only file I/O plans need.
 */
import { parsePlan, type ParsePlanResult, type PlanError } from '../../domain/plan/parsePlan';
import { readTextFile } from './readTextFile';

/** A plan that could not be read at all: `problem` says why, starting with the path. */
export type ReadPlanFileResult = ParsePlanResult | { ok: false; errors: PlanError[]; problem: string };

/**
 * Reads and validates the plan at `path`. A file that is missing, a folder, unreadable or not UTF-8 text
 * is an error value (`problem`), like any other problem with the plan.
 * @throws Error only for an I/O failure the user could not have caused.
 */
export async function readPlanFile(path: string): Promise<ReadPlanFileResult> {
  const file = await readTextFile(path, 'the plan file');
  if (!file.ok) {
    return {
      ok: false,
      problem: file.message,
      errors: [{ line: file.line ?? 1, column: 1, path: '', message: file.message }],
    };
  }
  return parsePlan(file.text);
}

/** `plans/x.yaml:12:5 objectives[0].targets[1].rule.atLeast: expected …`, the form editors can jump to. */
export function formatPlanError(file: string, error: PlanError): string {
  const where = error.path === '' ? '' : ` ${error.path}:`;
  return `${file}:${error.line}:${error.column}${where} ${error.message}`;
}
