/**
 * Inspection rules: the academy's latest Ofsted outcome must reach a standard, due at every inspection,
 * by the n-th term of opening (or at the first inspection after it), or from the n-th inspection on.
 *
 * | latest inspection        | due point reached | status  |
 * |--------------------------|-------------------|---------|
 * | none yet                 | –                 | notDue  |
 * | reaches the standard     | yes (or "by" due) | met     |
 * | reaches the standard     | no                | onTrack |
 * | below the standard       | yes               | missed  |
 * | below the standard       | no                | atRisk  |
 */
import { REPORT_CARD_OPTIONS } from '../metrics/metricCatalogue';
import type { InspectionRule } from '../plan/plan';
import { formatTermKey, termNumberSinceOpening } from '../terms/termCalendar';
import { describeStart } from './describeTarget';
import type { DeadlineEvidence, Evidence } from './evaluation';
import { formatTermLabel, ordinal } from './formatForTrustees';
import { type Inspection, inspectionEvidence, judgeInspection } from './inspections';
import { resolveDeadline } from './resolveDeadline';
import type { RuleContext, RuleOutcome } from './ruleContext';

/** Judges an inspection target for one academy, given its inspections up to the as-of term. */
export function evaluateInspection(
  rule: InspectionRule,
  context: RuleContext,
  inspections: readonly Inspection[],
): RuleOutcome {
  const { academy, metric, targetText, calendar } = context;
  const deadline: DeadlineEvidence | undefined =
    rule.due.kind === 'byTermOfOpening'
      ? resolveDeadline({ kind: 'termOfOpening', term: rule.due.term }, academy, calendar)
      : undefined;
  const base: Evidence = { metricId: metric.id, target: targetText, ...(deadline ? { deadline } : {}) };

  const latest = inspections[inspections.length - 1];
  if (!latest || !academy) {
    // Inspections before the target's start were left out, so "not yet inspected" would be untrue.
    const notYet = context.target.from
      ? `Not inspected since ${describeStart(context.target.from)}`
      : 'Not yet inspected as an academy';
    return {
      status: 'notDue',
      reason: `${notYet}; target: ${targetText}`,
      evidence: base,
    };
  }
  const when = `the ${ordinal(latest.number)} inspection (${formatTermLabel(latest.term)})`;
  const judgement = judgeInspection(latest, rule.standard, rule.reportCardFloor);
  if (!judgement) {
    return {
      status: 'noData',
      reason: `The ${ordinal(latest.number)} inspection (${formatTermLabel(latest.term)}) is recorded without grades; target: ${targetText}`,
      evidence: { ...base, missing: formatTermKey(latest.term) },
    };
  }
  const evidence: Evidence = { ...base, inspection: inspectionEvidence(latest, judgement) };

  let dueReached: boolean;
  let at = when;
  switch (rule.due.kind) {
    case 'everyInspection':
      dueReached = true;
      break;
    case 'atInspection':
      dueReached = latest.number >= rule.due.number;
      break;
    case 'byTermOfOpening': {
      const term = rule.due.term;
      // "Good by the sixth term" is met by any good inspection; a weaker one is final only once an
      // inspection after the sixth term has happened.
      const firstAfter = inspections.find(
        (inspection) => termNumberSinceOpening(academy.openedOn, inspection.term, calendar) > term,
      );
      dueReached = judgement.meetsStandard || firstAfter !== undefined;
      const deadlineText = `deadline ${deadline?.label ?? ''}`;
      // Which inspection decided a miss matters to the reader; a pass is just a pass.
      if (judgement.meetsStandard) break;
      if (firstAfter === latest) {
        at = `the first inspection after the ${ordinal(term)} term (${formatTermLabel(latest.term)}; ${deadlineText})`;
      } else if (firstAfter !== undefined) {
        at = `${when}, after the ${ordinal(term)} term (${deadlineText})`;
      }
      break;
    }
  }

  // "Good" has no single grade on a report card: say what the plan counts as good there.
  const floor =
    REPORT_CARD_OPTIONS.find((option) => option.value === rule.reportCardFloor)?.label ??
    rule.reportCardFloor;
  const meaning =
    latest.framework === 'reportCard'
      ? `; on a report card ${rule.standard} means every area ${floor} or above and safeguarding met`
      : '';
  const stated = `${judgement.summary} at ${at}`;
  if (judgement.meetsStandard) {
    return dueReached
      ? { status: 'met', reason: `${stated}; target: ${targetText}${meaning}`, evidence }
      : {
          status: 'onTrack',
          reason: `${stated}, ahead of when it is due; target: ${targetText}${meaning}`,
          evidence,
        };
  }
  return dueReached
    ? { status: 'missed', reason: `${stated}; target: ${targetText}${meaning}`, evidence }
    : {
        status: 'atRisk',
        reason: `${stated}, below the standard before it falls due; target: ${targetText}${meaning}`,
        evidence,
      };
}
