/**
 * Reads a plan file from disk and checks it with the pure parsePlan. The only file I/O plans need.
 */
import { readFile } from 'node:fs/promises';

import { parsePlan, type ParsePlanResult, type PlanError } from '../../domain/plan/parsePlan';

export type ReadPlanFileResult = ParsePlanResult | { ok: false; errors: PlanError[]; notFound: true };

/**
 * Reads and validates the plan at `path`. A missing file is an error value (`notFound`), like any other
 * problem with the plan.
 * @throws Error when the file exists but cannot be read (permissions, I/O).
 */
export async function readPlanFile(path: string): Promise<ReadPlanFileResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT' || code === 'EISDIR') {
      return {
        ok: false,
        notFound: true,
        errors: [{ line: 1, column: 1, path: '', message: `${path} was not found` }],
      };
    }
    throw new Error(
      `Could not read the plan file ${path}: ${error instanceof Error ? error.message : String(error)}`,
      {
        cause: error,
      },
    );
  }
  return parsePlan(text);
}

/** `plans/x.yaml:12:5 objectives[0].targets[1].rule.atLeast: expected …`, the form editors can jump to. */
export function formatPlanError(file: string, error: PlanError): string {
  const where = error.path === '' ? '' : ` ${error.path}:`;
  return `${file}:${error.line}:${error.column}${where} ${error.message}`;
}
