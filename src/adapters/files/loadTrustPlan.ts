/**
 * Loads the trust's plan and term calendar when a host starts, synchronously, because the Azure Functions
 * entry registers its functions as its module loads. Any problem stops start-up with every located error:
 * the bot never half-runs on a plan it could not read.
 */
import { readFileSync, statSync } from 'node:fs';

import { parse as parseYaml } from 'yaml';

import { parsePlan } from '../../domain/plan/parsePlan';
import type { Plan } from '../../domain/plan/plan';
import {
  createTermCalendar,
  DEFAULT_TERM_CALENDAR,
  type TermCalendar,
  type TermCalendarOverrides,
} from '../../domain/terms/termCalendar';
import { decodeText } from '../../domain/text/decodeText';
import { formatPlanError } from './readPlanFile';
import { describeFsError, notRegularFile } from './readTextFile';

export interface TrustPlan {
  plan: Plan;
  calendar: TermCalendar;
}

/** The plan or calendar file has problems; the message lists each with its line. */
export class TrustPlanError extends Error {
  override readonly name = 'TrustPlanError';
}

/** The file's text; every way it can be unusable (path or bytes) stops start-up naming the setting. */
function readText(path: string, setting: string): string {
  let bytes: Buffer;
  try {
    const info = statSync(path);
    if (!info.isFile() && !info.isDirectory()) {
      throw new TrustPlanError(`${setting}: ${path} ${notRegularFile(info, "the trust's file")}.`);
    }
    bytes = readFileSync(path);
  } catch (error) {
    if (error instanceof TrustPlanError) throw error;
    const known = describeFsError((error as { code?: unknown }).code);
    throw new TrustPlanError(
      `${setting}: ${path} ${known ? known.says : String(error)}. Set ${setting} to the trust's file (see .env.example).`,
    );
  }
  // The same checks as every other file the administrator keeps (UTF-8, not UTF-16 or binary, no control characters).
  const decoded = decodeText(bytes);
  if (!decoded.ok) throw new TrustPlanError(`${setting}: ${path} ${decoded.message}.`);
  return decoded.text;
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
