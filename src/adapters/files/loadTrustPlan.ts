/**
 * Loads the trust's plan and term calendar when a host starts, synchronously, because the Azure Functions
 * entry registers its functions as its module loads. Any problem stops start-up with every located error:
 * the bot never half-runs on a plan it could not read.
 */
import { readFileSync } from 'node:fs';

import { parse as parseYaml } from 'yaml';

import { parsePlan } from '../../domain/plan/parsePlan';
import type { Plan } from '../../domain/plan/plan';
import {
  createTermCalendar,
  DEFAULT_TERM_CALENDAR,
  type TermCalendar,
  type TermCalendarOverrides,
} from '../../domain/terms/termCalendar';
import { formatPlanError } from './readPlanFile';

export interface TrustPlan {
  plan: Plan;
  calendar: TermCalendar;
}

/** The plan or calendar file has problems; the message lists each with its line. */
export class TrustPlanError extends Error {
  override readonly name = 'TrustPlanError';
}

function readText(path: string, setting: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const problem =
      code === 'ENOENT' ? 'was not found' : code === 'EISDIR' ? 'is a folder, not a file' : String(error);
    throw new TrustPlanError(
      `${setting}: ${path} ${problem}. Set ${setting} to the trust's file (see .env.example).`,
    );
  }
}

/** Reads and checks the plan (PLAN_FILE) and the term dates (TERMS_FILE, optional). */
export function loadTrustPlan(planFile: string, termsFile?: string): TrustPlan {
  const parsed = parsePlan(readText(planFile, 'PLAN_FILE'));
  if (!parsed.ok) {
    throw new TrustPlanError(
      `The plan ${planFile} has problems, so the bot did not start:\n  ${parsed.errors.map((e) => formatPlanError(planFile, e)).join('\n  ')}`,
    );
  }
  if (!termsFile) return { plan: parsed.plan, calendar: DEFAULT_TERM_CALENDAR };
  let overrides: unknown;
  try {
    overrides = parseYaml(readText(termsFile, 'TERMS_FILE'), { maxAliasCount: 100 });
  } catch (error) {
    if (error instanceof TrustPlanError) throw error;
    throw new TrustPlanError(`TERMS_FILE: ${termsFile} is not valid YAML: ${(error as Error).message}`);
  }
  const calendar = createTermCalendar((overrides ?? {}) as TermCalendarOverrides);
  if (!calendar.ok) {
    throw new TrustPlanError(
      `The term dates in ${termsFile} have problems, so the bot did not start:\n  ${calendar.errors.map((e) => `${termsFile} ${e.path}: ${e.message}`).join('\n  ')}`,
    );
  }
  return { plan: parsed.plan, calendar: calendar.calendar };
}
