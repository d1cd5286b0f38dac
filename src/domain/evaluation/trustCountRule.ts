/**
 * Trust counts: how many academies of a kind joined the trust in (or by the end of) an academic year,
 * from the roster's join dates. Academies already on the roster with a later join date are the
 * pipeline: while the year is open they decide on track (enough will have joined) or at risk.
 */
import type { TrustCountRule } from '../plan/plan';
import type { Academy, IsoDate } from '../roster/roster';
import { formatAcademicYear, formatTermKey, type TermCalendar } from '../terms/termCalendar';
import { matchesFilter } from './applicability';
import type { CountEvidence, Evidence } from './evaluation';
import { formatDateLabel } from './formatForTrustees';
import type { RuleOutcome } from './ruleContext';

function window(rule: TrustCountRule, calendar: TermCalendar): { from?: IsoDate; to: IsoDate } {
  const to = calendar.termDates({ startYear: rule.joined.startYear, term: 'summer' }).end;
  if (rule.joined.kind === 'by') return { to };
  return { from: calendar.termDates({ startYear: rule.joined.startYear, term: 'autumn' }).start, to };
}

function names(academies: readonly Academy[]): string {
  return academies.length === 0 ? '' : ` (${academies.map((academy) => academy.name).join(', ')})`;
}

/** Judges a trust count against the roster as of a date. */
export function evaluateTrustCount(
  rule: TrustCountRule,
  academies: readonly Academy[],
  asOf: IsoDate,
  calendar: TermCalendar,
  metricId: string,
  targetText: string,
): RuleOutcome {
  const span = window(rule, calendar);
  const inWindow = academies.filter(
    (academy) =>
      matchesFilter(academy, rule.where) &&
      academy.joinedOn <= span.to &&
      (span.from === undefined || academy.joinedOn >= span.from),
  );
  const joined = inWindow.filter((academy) => academy.joinedOn <= asOf);
  const pipeline = inWindow.filter((academy) => academy.joinedOn > asOf);
  const count: CountEvidence = {
    joined: joined.map((academy) => academy.urn),
    pipeline: pipeline.map((academy) => academy.urn),
    required: rule.atLeast,
    window: span,
  };
  const evidence: Evidence = {
    metricId,
    target: targetText,
    count,
    deadline: {
      date: span.to,
      term: formatTermKey(calendar.termContaining(span.to)),
      label: formatDateLabel(span.to),
    },
  };
  const year = formatAcademicYear(rule.joined.startYear);
  const have = `${joined.length} joined${rule.joined.kind === 'in' ? ` in ${year}` : ''}${names(joined)}`;
  const target = `target: ${targetText} (by ${formatDateLabel(span.to)})`;

  if (span.from !== undefined && asOf < span.from) {
    const due = pipeline.length > 0 ? `; ${pipeline.length} due to join${names(pipeline)}` : '';
    return { status: 'notDue', reason: `${year} has not started${due}; ${target}`, evidence };
  }
  if (joined.length >= rule.atLeast) return { status: 'met', reason: `${have}; ${target}`, evidence };
  if (asOf >= span.to) return { status: 'missed', reason: `Only ${have}; ${target}`, evidence };
  if (joined.length + pipeline.length >= rule.atLeast) {
    return {
      status: 'onTrack',
      reason: `${have}, ${pipeline.length} more due to join${names(pipeline)}; ${target}`,
      evidence,
    };
  }
  return {
    status: 'atRisk',
    reason: `Only ${have} and ${pipeline.length} due to join${names(pipeline)}; ${target}`,
    evidence,
  };
}
