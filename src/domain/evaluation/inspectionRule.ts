/**
 * Inspection rules: the academy's latest Ofsted outcome must reach a standard, due at every inspection,
 * by the n-th term of opening (or at the first inspection after it), or from the n-th inspection on.
 *
 * The inspection read is the latest, except for "by the n-th term" (see decidingInspection).
 *
 * | deciding inspection      | due point reached | status  |
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
import { formatDateLabel, formatTermLabel, ordinal } from './formatForTrustees';
import { type Inspection, inspectionEvidence, judgeInspection } from './inspections';
import { resolveDeadline } from './resolveDeadline';
import type { RuleContext, RuleOutcome } from './ruleContext';

/**
 * "the first inspection as an academy (autumn 2018)", "the third inspection (20 Nov 2018)", and for an
 * academy that joined the trust after opening which inspection since joining it was: "the third
 * inspection, the first since joining the trust (20 Nov 2018)". The day when recorded, else the term.
 */
export function inspectionLabel(inspection: Inspection): string {
  const when = inspection.date ? formatDateLabel(inspection.date) : formatTermLabel(inspection.term);
  const which =
    inspection.number === 1
      ? 'the first inspection as an academy'
      : `the ${ordinal(inspection.number)} inspection`;
  const joining =
    inspection.sinceJoining !== undefined && inspection.sinceJoining !== inspection.number
      ? `, the ${ordinal(inspection.sinceJoining)} since joining the trust`
      : '';
  return `${which}${joining} (${when})`;
}

/** What happens next for a due point not reached yet, said the same way in every reason. */
function nextStep(
  rule: InspectionRule,
  context: RuleContext,
  deadline: DeadlineEvidence | undefined,
): string {
  switch (rule.due.kind) {
    case 'everyInspection':
      return 'judged at every inspection';
    case 'atInspection':
      return `it falls due at the ${ordinal(rule.due.number)} inspection`;
    case 'byTermOfOpening': {
      const tense = deadline && context.asOf > deadline.date ? 'was' : 'is';
      return `the ${ordinal(rule.due.term)} term ${tense} ${deadline?.label ?? ''}; judged at the first inspection after it`;
    }
    case 'byDeadline': {
      const tense = deadline && context.asOf > deadline.date ? 'was' : 'is';
      return `the deadline ${tense} ${deadline?.label ?? ''}; judged at the first inspection after it`;
    }
  }
}

/**
 * The inspection that decides the rule. "Good by the sixth term, or at the first inspection after it":
 * the last inspection up to the sixth term when it reaches the standard (a later one does not undo
 * that), otherwise the first inspection after the sixth term, otherwise — nothing decided yet — the
 * latest. Every other rule reads the latest inspection.
 */
function decidingInspection(
  rule: InspectionRule,
  inspections: readonly Inspection[],
  openedOn: string,
  context: RuleContext,
  deadline: DeadlineEvidence | undefined,
): { inspection: Inspection; firstAfter: boolean } | undefined {
  const latest = inspections[inspections.length - 1];
  if (!latest || (rule.due.kind !== 'byTermOfOpening' && rule.due.kind !== 'byDeadline'))
    return latest ? { inspection: latest, firstAfter: false } : undefined;
  let isWithin: (inspection: Inspection) => boolean;
  if (rule.due.kind === 'byTermOfOpening') {
    const term = rule.due.term;
    isWithin = (inspection) => termNumberSinceOpening(openedOn, inspection.term, context.calendar) <= term;
  } else {
    const last = deadline?.date;
    // An inspection without a day counts from its term's first day.
    isWithin = (inspection) =>
      last !== undefined && (inspection.date ?? context.calendar.termDates(inspection.term).start) <= last;
  }
  const within = inspections.filter(isWithin);
  const lastWithin = within[within.length - 1];
  if (lastWithin && judgeInspection(lastWithin, rule.standard, rule.reportCardFloor)?.meetsStandard) {
    return { inspection: lastWithin, firstAfter: false };
  }
  const after = inspections.find((inspection) => !isWithin(inspection));
  if (after) return { inspection: after, firstAfter: true };
  return { inspection: latest, firstAfter: false };
}

/** Judges an inspection target for one academy, given its inspections up to the as-of date. */
export function evaluateInspection(
  rule: InspectionRule,
  context: RuleContext,
  inspections: readonly Inspection[],
): RuleOutcome {
  const { academy, metric, targetText, calendar } = context;
  const deadline: DeadlineEvidence | undefined =
    rule.due.kind === 'byTermOfOpening'
      ? resolveDeadline({ kind: 'termOfOpening', term: rule.due.term }, academy, calendar)
      : rule.due.kind === 'byDeadline'
        ? resolveDeadline(rule.due.deadline, academy, calendar)
        : undefined;
  const base: Evidence = { metricId: metric.id, target: targetText, ...(deadline ? { deadline } : {}) };

  const decided = academy
    ? decidingInspection(rule, inspections, academy.openedOn, context, deadline)
    : undefined;
  if (!decided || !academy) {
    // Inspections before the target's start were left out, so "not yet inspected" would be untrue.
    const notYet = context.target.from
      ? `Not inspected since ${describeStart(context.target.from)}`
      : 'Not yet inspected as an academy';
    return {
      status: 'notDue',
      reason: `${notYet}; ${nextStep(rule, context, deadline)}; target: ${targetText}`,
      evidence: base,
    };
  }
  const { inspection, firstAfter } = decided;
  const when = inspectionLabel(inspection);
  const judgement = judgeInspection(inspection, rule.standard, rule.reportCardFloor);
  if (!judgement) {
    return {
      status: 'noData',
      reason: `${when[0]?.toUpperCase() ?? ''}${when.slice(1)} is recorded without grades; target: ${targetText}`,
      evidence: { ...base, missing: formatTermKey(inspection.term) },
    };
  }
  const evidence: Evidence = { ...base, inspection: inspectionEvidence(inspection, judgement) };

  let dueReached: boolean;
  let at = when;
  switch (rule.due.kind) {
    case 'everyInspection':
      dueReached = true;
      break;
    case 'atInspection':
      dueReached = inspection.number >= rule.due.number;
      break;
    case 'byTermOfOpening': {
      const term = rule.due.term;
      dueReached = judgement.meetsStandard || firstAfter;
      const deadlineText = `deadline ${deadline?.label ?? ''}`;
      const on = inspection.date ? formatDateLabel(inspection.date) : formatTermLabel(inspection.term);
      if (firstAfter) at = `the first inspection after the ${ordinal(term)} term (${on}; ${deadlineText})`;
      else if (judgement.meetsStandard)
        at = `${when}, by the ${ordinal(term)} term (${deadline?.label ?? ''})`;
      break;
    }
    case 'byDeadline': {
      dueReached = judgement.meetsStandard || firstAfter;
      const on = inspection.date ? formatDateLabel(inspection.date) : formatTermLabel(inspection.term);
      if (firstAfter)
        at = `the first inspection after the deadline (${on}; deadline ${deadline?.label ?? ''})`;
      else if (judgement.meetsStandard) at = `${when}, by the deadline (${deadline?.label ?? ''})`;
      break;
    }
  }

  // "Good" has no single grade on a report card: say what the plan counts as good there.
  const floor =
    REPORT_CARD_OPTIONS.find((option) => option.value === rule.reportCardFloor)?.label ??
    rule.reportCardFloor;
  const meaning =
    inspection.framework === 'reportCard'
      ? `; on a report card ${rule.standard} means every area ${floor} or above and safeguarding met`
      : '';
  const stated = `${judgement.summary} at ${at}`;
  if (judgement.meetsStandard) {
    return dueReached
      ? { status: 'met', reason: `${stated}; target: ${targetText}${meaning}`, evidence }
      : {
          status: 'onTrack',
          reason: `${stated}, ahead of when it is due: ${nextStep(rule, context, deadline)}; target: ${targetText}${meaning}`,
          evidence,
        };
  }
  return dueReached
    ? { status: 'missed', reason: `${stated}; target: ${targetText}${meaning}`, evidence }
    : {
        status: 'atRisk',
        reason: `${stated}, below the standard before it falls due: ${nextStep(rule, context, deadline)}; target: ${targetText}${meaning}`,
        evidence,
      };
}
