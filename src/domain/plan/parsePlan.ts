/**
 * Reads a plan file (YAML, see docs/plan-format.md) into a Plan, checking every field against the
 * metric catalogue and the national benchmarks. Every problem is reported with its line, the path of
 * the field and what is expected there; a plan with any problem is rejected whole, never half-loaded.
 */
import { LineCounter, parseDocument } from 'yaml';

import type { Metric } from '../metrics/metric';
import { getMetric, metricAppliesToPhase } from '../metrics/metricCatalogue';
import { PUBLISHED_SOURCES } from '../published/publication';
import { closestName } from '../roster/closestName';
import { DEFAULT_PRINCIPLES } from './defaultPrinciples';
import { parseRule } from './parseRule';
import type { Applicability, Objective, Plan, Principle, Target } from './plan';
import { FILTER_FIELDS, type PlanError, PlanReader, type YamlRecord } from './planReader';
import { createYamlLocator, formatYamlPath, type YamlPath } from './yamlLocator';

export type { PlanError } from './planReader';

export type ParsePlanResult = { ok: true; plan: Plan } | { ok: false; errors: PlanError[] };

/**
 * How far YAML aliases may expand when a plan is read (yaml's `maxAliasCount`), set here on purpose
 * rather than left to the library's default: a plan may reuse an anchored block a few times, but a file
 * whose aliases nest into millions of nodes is refused before it is expanded.
 */
const MAX_ALIAS_COUNT = 100;

const PLAN_FIELDS = ['id', 'title', 'trust', 'period', 'principles', 'objectives', 'imported'];
const OBJECTIVE_FIELDS = ['id', 'title', 'description', 'principles', 'targets'];
const TARGET_FIELDS = ['id', 'title', 'quote', 'metric', 'appliesTo', 'from', 'rule', 'principles'];
const PRINCIPLE_FIELDS = ['id', 'title', 'description'];

/** The principle ids objectives and targets may name, in the plan's order. */
type PrincipleIds = readonly string[];

/**
 * `principles: [employerOfChoice]` on an objective or target: each id one of the plan's principles,
 * an unknown one reported with the id it most likely meant.
 */
function readPrincipleRefs(
  reader: PlanReader,
  map: YamlRecord,
  path: YamlPath,
  known: PrincipleIds,
): string[] | undefined {
  if (map.principles === undefined) return undefined;
  const ids = reader.list<string>(map.principles, [...path, 'principles']);
  if (ids === undefined) return undefined;
  // The plan's own principles were unusable (already reported): nothing to check the ids against.
  if (known.length === 0) return ids;
  let valid = true;
  for (const [index, id] of ids.entries()) {
    if (known.includes(id)) continue;
    valid = false;
    const meant =
      closestName(id, known) ??
      known.find((candidate) => candidate.toLowerCase().startsWith(id.toLowerCase().slice(0, 5)));
    const hint = meant ? `did you mean ${meant}?` : `the plan's principles are ${known.join(', ')}`;
    const itemPath: YamlPath = Array.isArray(map.principles)
      ? [...path, 'principles', index]
      : [...path, 'principles'];
    reader.report(itemPath, `unknown principle "${id}"; ${hint}`);
  }
  return valid ? [...new Set(ids)] : undefined;
}

/** The plan's own principles, or the six defaults when it declares none. */
function readPrinciples(reader: PlanReader, raw: unknown): Principle[] | undefined {
  if (raw === undefined || raw === null) return [...DEFAULT_PRINCIPLES];
  if (!Array.isArray(raw) || raw.length === 0) {
    reader.report(
      ['principles'],
      'expected a list of principles, each with id and title (or leave principles out for the six defaults)',
    );
    return undefined;
  }
  const seen = new Set<string>();
  const principles = (raw as unknown[]).map((item, index): Principle | undefined => {
    const path: YamlPath = ['principles', index];
    const map = reader.record(item, path, 'a principle with id and title');
    if (map === undefined) return undefined;
    reader.checkFields(map, path, PRINCIPLE_FIELDS, {
      id: 'a short name such as employerOfChoice',
      title: 'the principle in the trust’s words',
    });
    const id = reader.id(map, 'id', path);
    if (id !== undefined && seen.has(id)) {
      reader.report([...path, 'id'], `principle id "${id}" is already used; ids must be unique`);
      return undefined;
    }
    if (id !== undefined) seen.add(id);
    const title = reader.text(map, 'title', path);
    const description = reader.text(map, 'description', path);
    if (id === undefined || title === undefined) return undefined;
    return { id, title, ...(description === undefined ? {} : { description }) };
  });
  return principles.every((principle): principle is Principle => principle !== undefined)
    ? principles
    : undefined;
}

function readApplicability(reader: PlanReader, raw: unknown, path: YamlPath): Applicability | undefined {
  if (raw === 'trust') return { kind: 'trust' };
  if (raw === 'all') return { kind: 'academies', filter: {} };
  const map = reader.record(raw, path, `trust, all, or conditions such as { phases: [secondary] }`);
  if (map === undefined) return undefined;
  if (Object.keys(map).length === 0) {
    reader.report(path, `expected at least one of ${FILTER_FIELDS.join(', ')} (or write all)`);
    return undefined;
  }
  const filter = reader.academyFilter(map, path);
  return filter ? { kind: 'academies', filter } : undefined;
}

/** A metric some phases do not report must not be asked of only those phases. */
function checkPhases(reader: PlanReader, metric: Metric, appliesTo: Applicability, path: YamlPath): void {
  if (appliesTo.kind !== 'academies' || metric.phases === undefined) return;
  const phases = appliesTo.filter.phases;
  if (phases && !phases.some((phase) => metricAppliesToPhase(metric, phase))) {
    reader.report(
      [...path, 'appliesTo'],
      `${metric.label} is reported only by ${metric.phases.join(' and ')} academies, not by ${phases.join(' or ')}`,
    );
  }
}

function readTarget(
  reader: PlanReader,
  raw: unknown,
  path: YamlPath,
  ids: Map<string, string>,
  principleIds: PrincipleIds,
): Target | undefined {
  const map = reader.record(raw, path, 'a target with id, title, metric, appliesTo and rule');
  if (map === undefined) return undefined;
  reader.checkFields(map, path, TARGET_FIELDS, {
    id: 'a short name such as p8-above-national',
    title: 'the target in a trustee’s words',
    metric: 'a metric id from the catalogue, e.g. progress8',
    appliesTo: 'trust, all, or conditions such as { phases: [secondary] }',
    rule: 'how the target is judged, e.g. { kind: threshold, atLeast: 40 }',
  });
  const id = reader.id(map, 'id', path);
  if (id !== undefined) {
    const earlier = ids.get(id);
    if (earlier)
      reader.report([...path, 'id'], `target id "${id}" is already used at ${earlier}; ids must be unique`);
    else ids.set(id, formatYamlPath(path));
  }
  const title = reader.text(map, 'title', path);
  const quote = reader.text(map, 'quote', path);
  const metricId = reader.text(map, 'metric', path);
  const metric = metricId === undefined ? undefined : getMetric(metricId);
  if (metricId !== undefined && metric === undefined) {
    reader.report(
      [...path, 'metric'],
      `unknown metric "${metricId}"; see the metric catalogue in docs/plan-format.md`,
    );
  }
  const appliesTo =
    map.appliesTo === undefined
      ? undefined
      : readApplicability(reader, map.appliesTo, [...path, 'appliesTo']);
  if (metric && appliesTo) checkPhases(reader, metric, appliesTo, path);
  const from = map.from === undefined ? undefined : reader.moment(map.from, [...path, 'from']);
  const rule =
    map.rule === undefined
      ? undefined
      : parseRule(reader, map.rule, [...path, 'rule'], {
          metric,
          trustLevel: appliesTo?.kind === 'trust',
          targetId: id,
        });
  const principles = readPrincipleRefs(reader, map, path, principleIds);
  if (
    id === undefined ||
    title === undefined ||
    metric === undefined ||
    appliesTo === undefined ||
    rule === undefined
  ) {
    return undefined;
  }
  if (map.from !== undefined && from === undefined) return undefined;
  if (map.principles !== undefined && principles === undefined) return undefined;
  return {
    id,
    title,
    ...(quote === undefined ? {} : { quote }),
    metricId: metric.id,
    appliesTo,
    ...(from === undefined ? {} : { from }),
    rule,
    ...(principles === undefined ? {} : { principles }),
  };
}

function readObjective(
  reader: PlanReader,
  raw: unknown,
  path: YamlPath,
  objectiveIds: Set<string>,
  targetIds: Map<string, string>,
  principleIds: PrincipleIds,
): Objective | undefined {
  const map = reader.record(raw, path, 'an objective with id, title and targets');
  if (map === undefined) return undefined;
  reader.checkFields(map, path, OBJECTIVE_FIELDS, {
    id: 'a short name such as growth',
    title: 'the objective in the plan’s words',
    targets: 'a list of targets',
  });
  const id = reader.id(map, 'id', path);
  if (id !== undefined) {
    if (objectiveIds.has(id))
      reader.report([...path, 'id'], `objective id "${id}" is already used; ids must be unique`);
    objectiveIds.add(id);
  }
  const title = reader.text(map, 'title', path);
  const description = reader.text(map, 'description', path);
  const principles = readPrincipleRefs(reader, map, path, principleIds);
  const targets = readList(reader, map, 'targets', path, (item, itemPath) =>
    readTarget(reader, item, itemPath, targetIds, principleIds),
  );
  if (id === undefined || title === undefined || targets === undefined) return undefined;
  if (map.principles !== undefined && principles === undefined) return undefined;
  return {
    id,
    title,
    ...(description === undefined ? {} : { description }),
    ...(principles === undefined ? {} : { principles }),
    targets,
  };
}

/** Reads a non-empty list, item by item; undefined when the list or any item is not usable. */
function readList<T>(
  reader: PlanReader,
  map: YamlRecord,
  key: string,
  path: YamlPath,
  readItem: (item: unknown, itemPath: YamlPath) => T | undefined,
): T[] | undefined {
  const raw = map[key];
  if (raw === undefined || raw === null) return undefined;
  if (!Array.isArray(raw) || raw.length === 0) {
    reader.report(
      [...path, key],
      `expected a list with at least one entry, found ${Array.isArray(raw) ? 'an empty list' : 'something else'}`,
    );
    return undefined;
  }
  const items = (raw as unknown[]).map((item, index) => readItem(item, [...path, key, index]));
  return items.every((item): item is T => item !== undefined) ? items : undefined;
}

function readPeriod(reader: PlanReader, raw: unknown, path: YamlPath): Plan['period'] | undefined {
  const map = reader.record(
    raw,
    path,
    'the academic years the plan covers, e.g. { from: 2016-17, to: 2018-19 }',
  );
  if (map === undefined) return undefined;
  reader.checkFields(map, path, ['from', 'to'], {
    from: 'the first academic year, e.g. 2016-17',
    to: 'the last, e.g. 2018-19',
  });
  const from = map.from === undefined ? undefined : reader.academicYear(map.from, [...path, 'from']);
  const to = map.to === undefined ? undefined : reader.academicYear(map.to, [...path, 'to']);
  if (from === undefined || to === undefined) return undefined;
  if (to < from) {
    reader.report([...path, 'to'], 'the plan must end in or after the academic year it starts in');
    return undefined;
  }
  return { from, to };
}

/**
 * Reads and checks a plan written as YAML. On success the plan is complete and every reference in it
 * (metrics, option values, benchmarks, academic years) is known to be good; otherwise `errors` lists
 * every problem in file order.
 */
export function parsePlan(yamlText: string): ParsePlanResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false });
  const reader = new PlanReader(createYamlLocator(doc, lineCounter));

  if (doc.errors.length > 0) {
    const errors = doc.errors.map((error): PlanError => {
      const { line, col } = lineCounter.linePos(error.pos[0]);
      return {
        line: Math.max(1, line),
        column: Math.max(1, col),
        path: '',
        message: `not valid YAML: ${error.message.split('\n')[0] ?? ''}`,
      };
    });
    return { ok: false, errors };
  }

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // yaml throws for an alias that expands too often ("Excessive alias count"): a resource exhaustion
    // attack, or a plan that leans on anchors more than any plan needs.
    return {
      ok: false,
      errors: [
        {
          line: 1,
          column: 1,
          path: '',
          message:
            `uses YAML aliases (*name) more than ${MAX_ALIAS_COUNT} times over; write the values out instead ` +
            `(${error instanceof Error ? error.message : String(error)})`,
        },
      ],
    };
  }
  const map = reader.record(value, [], 'a plan with id, title, period and objectives');
  if (map === undefined) return { ok: false, errors: reader.errors };
  reader.checkFields(map, [], PLAN_FIELDS, {
    id: 'a short name such as thrive-2016-2019',
    title: 'the plan’s title',
    period: 'the academic years it covers, e.g. { from: 2016-17, to: 2018-19 }',
    objectives: 'a list of objectives',
  });
  const id = reader.id(map, 'id', []);
  const title = reader.text(map, 'title', []);
  const trust = reader.text(map, 'trust', []);
  const period = map.period === undefined ? undefined : readPeriod(reader, map.period, ['period']);
  const principles = readPrinciples(reader, map.principles);
  const imported =
    map.imported === undefined ? undefined : reader.list(map.imported, ['imported'], PUBLISHED_SOURCES);
  // With unusable principles, references are checked against none, which would report every one.
  const principleIds = principles?.map((principle) => principle.id) ?? [];
  const objectiveIds = new Set<string>();
  const targetIds = new Map<string, string>();
  const objectives = readList(reader, map, 'objectives', [], (item, path) =>
    readObjective(reader, item, path, objectiveIds, targetIds, principleIds),
  );

  if (
    reader.errors.length > 0 ||
    id === undefined ||
    title === undefined ||
    period === undefined ||
    principles === undefined ||
    objectives === undefined
  ) {
    const errors = [...reader.errors].sort((a, b) => a.line - b.line || a.column - b.column);
    return { ok: false, errors };
  }
  return {
    ok: true,
    plan: {
      id,
      title,
      ...(trust === undefined ? {} : { trust }),
      period,
      principles,
      objectives,
      ...(imported === undefined ? {} : { imported }),
    },
  };
}
