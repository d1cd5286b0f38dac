/**
 * A target in words, for the end of a reason line: "at least 40% within 3 years of opening",
 * "above national from 2017-18", "outstanding following the second inspection".
 */
import type { Metric } from '../metrics/metric';
import type { AcademyFilter, Deadline, PlanMoment, Rule, Target, ThresholdRule } from '../plan/plan';
import { formatAcademicYear } from '../terms/termCalendar';
import { formatDateLabel, formatMetricValue, formatTermLabel, ordinal } from './formatForTrustees';

const ROUTE_WORDS = {
  founder: 'founder',
  sponsored: 'sponsored',
  converter: 'converter',
  freeSchool: 'free school',
};
const PHASE_WORDS = {
  primary: 'primary',
  secondary: 'secondary',
  special: 'special',
  allThrough: 'all-through',
};

/** "primary academies tagged leadPrimary", "free school academy in Colchester" (for `count` 1), "academies". */
export function describeAcademies(filter: AcademyFilter, count = 2): string {
  // Alternatives within a condition read "or"; conditions together narrow: "primary free school academies".
  const adjectives = [
    filter.founder === undefined ? '' : filter.founder ? 'founder' : 'non-founder',
    (filter.phases ?? []).map((phase) => PHASE_WORDS[phase]).join(' or '),
    (filter.routes ?? []).map((route) => ROUTE_WORDS[route]).join(' or '),
  ]
    .filter((words) => words !== '')
    .map((words) => `${words} `)
    .join('');
  const tags = filter.tags ? ` tagged ${filter.tags.join(' or ')}` : '';
  const notTags = filter.notTags ? ` not tagged ${filter.notTags.join(' or ')}` : '';
  const towns = filter.towns ? ` in ${filter.towns.join(' or ')}` : '';
  const joined = [
    filter.joinedFrom ? `from ${formatDateLabel(filter.joinedFrom)}` : '',
    filter.joinedBefore ? `before ${formatDateLabel(filter.joinedBefore)}` : '',
  ].filter((words) => words !== '');
  const joinedWords = joined.length > 0 ? ` that joined ${joined.join(' and ')}` : '';
  return `${adjectives}academ${count === 1 ? 'y' : 'ies'}${tags}${notTags}${towns}${joinedWords}`;
}

/** When a target starts, for a reader: "2017-18", "autumn 2025", "10 Nov 2025". */
export function describeStart(moment: PlanMoment): string {
  switch (moment.kind) {
    case 'term':
      return formatTermLabel(moment.term);
    case 'academicYear':
      return formatAcademicYear(moment.startYear);
    case 'date':
      return formatDateLabel(moment.date);
  }
}

/** A deadline moment, for a reader: "summer 2028", "the end of 2027-28", "31 Aug 2028". */
function describeMoment(moment: PlanMoment): string {
  switch (moment.kind) {
    case 'term':
      return formatTermLabel(moment.term);
    case 'academicYear':
      return `the end of ${formatAcademicYear(moment.startYear)}`;
    case 'date':
      return formatDateLabel(moment.date);
  }
}

function describeDeadline(deadline: Deadline): string {
  switch (deadline.kind) {
    case 'fixed':
      return `by ${describeMoment(deadline.at)}`;
    case 'termOfOpening':
      return `by the ${ordinal(deadline.term)} term since opening`;
    case 'yearsAfterOpening':
      return `within ${deadline.years} year${deadline.years === 1 ? '' : 's'} of opening`;
    case 'yearsAfterJoining':
      return `within ${deadline.years} year${deadline.years === 1 ? '' : 's'} of joining the trust`;
  }
}

function numberWords(rule: ThresholdRule, level: string): string {
  return { atLeast: `at least ${level}`, atMost: `at most ${level}`, equals: `exactly ${level}` }[
    rule.operator
  ];
}

/** "Good or better", but plain "Outstanding" at the top of the scale (and "Inadequate" at the bottom). */
function gradeWords(rule: ThresholdRule, metric: Metric, level: string): string {
  const ranks = (metric.options ?? []).map((option) => option.rank);
  const rank = metric.options?.find((option) => option.value === rule.value)?.rank;
  if (rule.operator === 'atLeast' && rank !== Math.max(...ranks)) return `${level} or better`;
  if (rule.operator === 'atMost' && rank !== Math.min(...ranks)) return `${level} or worse`;
  return level;
}

function describeRule(rule: Rule, metric: Metric): string {
  switch (rule.kind) {
    case 'threshold': {
      const level = formatMetricValue(metric, rule.value);
      const words =
        metric.type === 'grade' || metric.type === 'enum'
          ? gradeWords(rule, metric, level)
          : numberWords(rule, level);
      return rule.by ? `${words} ${describeDeadline(rule.by)}` : words;
    }
    case 'benchmark': {
      const comparison = { above: 'above', atLeast: 'at least', below: 'below', atMost: 'at most' }[
        rule.comparison
      ];
      return `${comparison} national`;
    }
    case 'inspection': {
      const standard = rule.standard === 'good' ? 'good or better' : 'outstanding';
      switch (rule.due.kind) {
        case 'everyInspection':
          return `${standard} at every inspection`;
        case 'byTermOfOpening':
          return `${standard} by the ${ordinal(rule.due.term)} term since opening or at the first inspection after it`;
        case 'atInspection':
          return `${standard} following the ${ordinal(rule.due.number)} inspection`;
        case 'byDeadline':
          return `${standard} ${describeDeadline(rule.due.deadline)} or at the first inspection after it`;
      }
      break;
    }
    case 'trend': {
      const period = metric.frequency === 'annual' ? 'year on year' : 'term on term';
      const closed =
        rule.closedAt === undefined
          ? ''
          : ` (or ${formatMetricValue(metric, rule.closedAt)} ${rule.direction === 'falling' ? 'or less' : 'or more'})`;
      return `${rule.direction} ${period}${closed}`;
    }
    case 'trustCount': {
      const year = formatAcademicYear(rule.joined.startYear);
      const when = rule.joined.kind === 'in' ? `joining in ${year}` : `joined by the end of ${year}`;
      return `at least ${rule.atLeast} ${describeAcademies(rule.where, rule.atLeast)} ${when}`;
    }
  }
}

/** The whole target in words, including from when it applies. */
export function describeTarget(target: Target, metric: Metric): string {
  const rule = describeRule(target.rule, metric);
  return target.from ? `${rule} from ${describeStart(target.from)}` : rule;
}
