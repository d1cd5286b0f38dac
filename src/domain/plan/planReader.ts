/**
 * The small vocabulary parsePlan and parseRule read a plan with: each reader checks one kind of value,
 * records an error with its place in the file when the value is wrong, and returns undefined.
 * Errors are collected rather than thrown, so one run lists every problem in the file.
 */
import type { AcademyRoute, IsoDate, Phase } from '../roster/roster';
import { ACADEMY_ROUTES, PHASES } from '../roster/roster';
import { readAcademicYear } from '../terms/termCalendar';
import { parsePlanMoment, PLAN_MOMENT_HINT, readPlanMoment } from './parsePlanMoment';
import type { AcademyFilter, PlanMoment } from './plan';
import { formatYamlPath, type YamlLocator, type YamlPath } from './yamlLocator';

/** One problem in a plan file: where it is and what is expected there. */
export interface PlanError {
  /** 1-based line and column in the file. */
  line: number;
  column: number;
  /** The field, e.g. `objectives[1].targets[0].rule.atLeast` (list positions count from 0). */
  path: string;
  message: string;
}

export type YamlRecord = Record<string, unknown>;

export class PlanReader {
  readonly errors: PlanError[] = [];

  constructor(private readonly locate: YamlLocator) {}

  /** Records a problem at `path`; `atKey` points at the key itself (for fields that should not be there). */
  report(path: YamlPath, message: string, atKey = false): void {
    const { line, column } = this.locate(path, { atKey });
    this.errors.push({
      line: Math.max(1, line),
      column: Math.max(1, column),
      path: formatYamlPath(path),
      message,
    });
  }

  /** The value as a map of fields, reporting `expected` when it is anything else. */
  record(value: unknown, path: YamlPath, expected: string): YamlRecord | undefined {
    if (isRecord(value)) return value;
    this.report(path, `expected ${expected}, found ${describeValue(value)}`);
    return undefined;
  }

  /**
   * Reports fields that are not allowed (usually a typo) and required fields that are missing.
   * `fields` maps each allowed field to a hint shown when it is required and missing.
   */
  checkFields(
    map: YamlRecord,
    path: YamlPath,
    allowed: readonly string[],
    required: Readonly<Record<string, string>> = {},
  ): void {
    for (const key of Object.keys(map)) {
      if (!allowed.includes(key)) {
        // The commonest slip is the case of a camelCase name (atleast, appliesto).
        const meant = allowed.find((name) => name.toLowerCase() === key.toLowerCase());
        const hint = meant ? `did you mean ${meant}?` : `expected one of: ${allowed.join(', ')}`;
        this.report([...path, key], `unknown field "${key}"; ${hint}`, true);
      }
    }
    for (const [key, hint] of Object.entries(required)) {
      if (map[key] === undefined || map[key] === null) this.report(path, `missing field "${key}": ${hint}`);
    }
  }

  /** Non-empty text, trimmed. */
  text(map: YamlRecord, key: string, path: YamlPath): string | undefined {
    const value = map[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
    this.report([...path, key], `expected text, found ${describeValue(value)}`);
    return undefined;
  }

  /** An identifier: letters, digits and hyphens, starting with a letter, so it can be typed in a command. */
  id(map: YamlRecord, key: string, path: YamlPath): string | undefined {
    const value = this.text(map, key, path);
    if (value === undefined) return undefined;
    if (/^[A-Za-z][A-Za-z0-9-]*$/.test(value)) return value;
    this.report(
      [...path, key],
      `"${value}" is not an id; use letters, digits and hyphens, starting with a letter`,
    );
    return undefined;
  }

  /** A whole number from `min` up (to `max`, when given). */
  wholeNumber(value: unknown, path: YamlPath, min: number, max?: number): number | undefined {
    if (
      typeof value === 'number' &&
      Number.isInteger(value) &&
      value >= min &&
      (max === undefined || value <= max)
    ) {
      return value;
    }
    const range = max === undefined ? `of ${min} or more` : `from ${min} to ${max}`;
    this.report(path, `expected a whole number ${range}, found ${describeValue(value)}`);
    return undefined;
  }

  /** One of a fixed set of words. */
  oneOf<T extends string>(value: unknown, path: YamlPath, choices: readonly T[]): T | undefined {
    const found = choices.find((choice) => choice === value);
    if (found !== undefined) return found;
    this.report(path, `expected one of ${choices.join(', ')}, found ${describeValue(value)}`);
    return undefined;
  }

  /** An academic year, term key or date, in the year window. */
  moment(value: unknown, path: YamlPath): PlanMoment | undefined {
    if (typeof value !== 'string') {
      this.report(path, `expected ${PLAN_MOMENT_HINT}, found ${describeValue(value)}`);
      return undefined;
    }
    const moment = readPlanMoment(value);
    if (moment.ok) return moment.value;
    this.report(path, moment.message);
    return undefined;
  }

  /** An academic year such as `2017-18`, in the year window, as its start year. */
  academicYear(value: unknown, path: YamlPath): number | undefined {
    const year =
      typeof value === 'string' && parsePlanMoment(value)?.kind === 'academicYear'
        ? readAcademicYear(value)
        : undefined;
    if (year?.ok) return year.value;
    this.report(
      path,
      year ? year.message : `expected an academic year like 2017-18, found ${describeValue(value)}`,
    );
    return undefined;
  }

  /** A word or a list of words, each one of `choices` (or any text when `choices` is undefined). */
  list<T extends string>(value: unknown, path: YamlPath, choices?: readonly T[]): T[] | undefined {
    const items = Array.isArray(value) ? (value as unknown[]) : [value];
    const found: T[] = [];
    let valid = items.length > 0;
    for (const [index, item] of items.entries()) {
      const itemPath = Array.isArray(value) ? [...path, index] : path;
      if (choices) {
        const choice = this.oneOf(item, itemPath, choices);
        if (choice === undefined) valid = false;
        else found.push(choice);
      } else if (typeof item === 'string' && item.trim() !== '') {
        found.push(item.trim() as T);
      } else {
        this.report(itemPath, `expected text, found ${describeValue(item)}`);
        valid = false;
      }
    }
    if (items.length === 0) this.report(path, 'expected at least one value');
    return valid ? found : undefined;
  }

  /** Conditions on an academy: phases, routes, tags, towns; each a word or a list. */
  academyFilter(
    map: YamlRecord,
    path: YamlPath,
    extraFields: readonly string[] = [],
  ): AcademyFilter | undefined {
    this.checkFields(map, path, [...FILTER_FIELDS, ...extraFields]);
    const filter: AcademyFilter = {};
    let valid = true;
    const read = <T extends string>(key: string, choices?: readonly T[]): T[] | undefined => {
      if (map[key] === undefined) return undefined;
      const values = this.list(map[key], [...path, key], choices);
      if (values === undefined) valid = false;
      return values;
    };
    const phases = read<Phase>('phases', PHASES);
    const routes = read<AcademyRoute>('routes', ACADEMY_ROUTES);
    const tags = read<string>('tags');
    const towns = read<string>('towns');
    if (map.founder !== undefined) {
      if (typeof map.founder === 'boolean') filter.founder = map.founder;
      else {
        this.report([...path, 'founder'], `expected true or false, found ${describeValue(map.founder)}`);
        valid = false;
      }
    }
    const notTags = read<string>('notTags');
    const day = (key: 'joinedBefore' | 'joinedFrom'): IsoDate | undefined => {
      const value = map[key];
      if (value === undefined) return undefined;
      const moment = typeof value === 'string' ? parsePlanMoment(value) : undefined;
      if (moment?.kind === 'date') return moment.date;
      this.report([...path, key], `expected a date such as 2024-09-01, found ${describeValue(value)}`);
      valid = false;
      return undefined;
    };
    const joinedBefore = day('joinedBefore');
    const joinedFrom = day('joinedFrom');
    if (joinedBefore !== undefined && joinedFrom !== undefined && joinedFrom >= joinedBefore) {
      this.report(
        [...path, 'joinedFrom'],
        `no academy joined from ${joinedFrom} and before ${joinedBefore}; joinedFrom must be earlier than joinedBefore`,
      );
      valid = false;
    }
    const both = tags?.filter((tag) => notTags?.includes(tag)) ?? [];
    if (both.length > 0) {
      this.report(
        [...path, 'notTags'],
        `${both.map((tag) => `"${tag}"`).join(', ')} is in both tags and notTags, so no academy could pass; keep it in one`,
      );
      valid = false;
    }
    if (phases) filter.phases = phases;
    if (routes) filter.routes = routes;
    if (tags) filter.tags = tags;
    if (notTags) filter.notTags = notTags;
    if (towns) filter.towns = towns;
    if (joinedBefore) filter.joinedBefore = joinedBefore;
    if (joinedFrom) filter.joinedFrom = joinedFrom;
    return valid ? filter : undefined;
  }
}

export const FILTER_FIELDS = [
  'phases',
  'routes',
  'tags',
  'notTags',
  'towns',
  'founder',
  'joinedBefore',
  'joinedFrom',
] as const;

export function isRecord(value: unknown): value is YamlRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** How a wrong value is shown back in an error: briefly, and saying what kind of thing it was. */
export function describeValue(value: unknown): string {
  if (value === undefined || value === null) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (isRecord(value)) return 'a map of fields';
  if (typeof value === 'string') return `"${value}"`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value;
}
