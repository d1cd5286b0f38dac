/**
 * Every figure a plan can be judged on. Plans name metrics by id; the head's termly card, the data
 * file reader and the evaluator all look metrics up here, so a metric's range and scale live in one place.
 *
 * Ofsted outcomes are held in all three forms the framework has taken, each dated so a value is only
 * accepted for the period it existed in:
 * - an overall effectiveness grade, until 31 August 2024;
 * - key judgements without an overall grade, 1 September 2024 to 9 November 2025;
 * - report cards with a five-point scale per area and safeguarding met / not met, from 10 November 2025.
 */
import type { PublishedSourceId } from '../published/publication';
import type { Phase } from '../roster/roster';
import type { Availability, EnumOption, Metric, NationalFigure } from './metric';

/** The four-point Ofsted scale used for overall effectiveness and key judgements before report cards. */
export const OFSTED_GRADE_OPTIONS: readonly EnumOption[] = [
  { value: 'outstanding', label: 'Outstanding', rank: 4 },
  { value: 'good', label: 'Good', rank: 3 },
  { value: 'requiresImprovement', label: 'Requires improvement', rank: 2 },
  { value: 'inadequate', label: 'Inadequate', rank: 1 },
];

/** The five-point scale each report-card area is graded on from 10 November 2025. */
export const REPORT_CARD_OPTIONS: readonly EnumOption[] = [
  { value: 'exceptional', label: 'Exceptional', rank: 5 },
  { value: 'strongStandard', label: 'Strong standard', rank: 4 },
  { value: 'expectedStandard', label: 'Expected standard', rank: 3 },
  { value: 'needsAttention', label: 'Needs attention', rank: 2 },
  { value: 'urgentImprovement', label: 'Urgent improvement', rank: 1 },
];

const SAFEGUARDING_OPTIONS: readonly EnumOption[] = [
  { value: 'met', label: 'Met', rank: 1 },
  { value: 'notMet', label: 'Not met', rank: 0 },
];

/** Last day an overall effectiveness grade was given (it was withdrawn from 2 September 2024). */
export const OVERALL_GRADE_LAST_DAY = '2024-08-31';
/** First day of inspections reported as report cards. */
export const REPORT_CARD_FIRST_DAY = '2025-11-10';
const KEY_JUDGEMENTS_FIRST_DAY = '2019-09-01';
const KEY_JUDGEMENTS_LAST_DAY = '2025-11-09';

/**
 * When results become known (docs/plan-format.md, "When a figure is known"). KS4 results are published
 * provisionally in October after their year and revised in January; a school's KS2 results come in
 * September, the national KS2 figures in July; national absence statistics in the March a year and a half
 * after the year they describe. A data file's date for a figure overrides these.
 */
const KS4_RESULTS: Availability = { kind: 'month', month: 10 };
const KS2_RESULTS: Availability = { kind: 'month', month: 9 };
const KS4_NATIONAL: NationalFigure = {
  publisher: 'DfE, Key stage 4 performance',
  availability: { kind: 'month', month: 10 },
};
const KS2_NATIONAL: NationalFigure = {
  publisher: 'DfE, Key stage 2 attainment',
  availability: { kind: 'month', month: 7 },
};
const ABSENCE_NATIONAL: NationalFigure = {
  publisher: 'DfE, Pupil absence in schools in England',
  availability: { kind: 'month', month: 3, yearAfter: 1 },
};

/** Inspection outcomes are in Ofsted's management information (docs/published-figures.md). */
const OFSTED: readonly PublishedSourceId[] = ['ofsted'];

const PRIMARY_PHASES: Phase[] = ['primary', 'allThrough'];
const SECONDARY_PHASES: Phase[] = ['secondary', 'allThrough'];
const EARLY_YEARS_PHASES: Phase[] = ['primary', 'allThrough', 'special'];
const SIXTH_FORM_PHASES: Phase[] = ['secondary', 'allThrough', 'special'];

/** A percentage of pupils, staff or lessons: 0 to 100. */
/** What every key stage 4 result shares: secondary phases, annual, published by the DfE's KS4 tables in October. */
const KS4_RESULT_FIELDS: Pick<Metric, 'phases' | 'source' | 'publishedBy' | 'frequency' | 'availability'> = {
  phases: SECONDARY_PHASES,
  source: 'head',
  publishedBy: ['dfe-ks4'],
  frequency: 'annual',
  availability: KS4_RESULTS,
};

function percent(fields: Omit<Metric, 'type' | 'unit' | 'min' | 'max'>): Metric {
  return { ...fields, ...percentFields() };
}

function percentFields(): Pick<Metric, 'type' | 'unit' | 'min' | 'max'> {
  return { type: 'percent', unit: '%', min: 0, max: 100 };
}

function ofstedGrade(id: string, label: string, help: string, window: Partial<Metric>): Metric {
  return {
    id,
    label,
    help,
    unit: '',
    type: 'grade',
    options: [...OFSTED_GRADE_OPTIONS],
    source: 'head',
    publishedBy: OFSTED,
    frequency: 'termly',
    higherIsBetter: true,
    ...window,
  };
}

function reportCardArea(id: string, label: string, phases?: Phase[]): Metric {
  return {
    id,
    label: `Report card: ${label}`,
    help: `Ofsted report card grade for ${label.toLowerCase()}; only in a term with an inspection.`,
    unit: '',
    type: 'grade',
    options: [...REPORT_CARD_OPTIONS],
    source: 'head',
    publishedBy: OFSTED,
    frequency: 'termly',
    higherIsBetter: true,
    validFrom: REPORT_CARD_FIRST_DAY,
    ...(phases ? { phases } : {}),
  };
}

function keyJudgement(id: string, label: string, phases?: Phase[]): Metric {
  return ofstedGrade(
    id,
    `Ofsted: ${label}`,
    `Ofsted key judgement for ${label.toLowerCase()}; only in a term with an inspection.`,
    { validFrom: KEY_JUDGEMENTS_FIRST_DAY, validTo: KEY_JUDGEMENTS_LAST_DAY, ...(phases ? { phases } : {}) },
  );
}

const HEAD_TERMLY: Metric[] = [
  percent({
    id: 'teachingGoodOrBetter',
    label: 'Teaching good or better',
    help: 'Share of teachers whose teaching is judged good or better at the latest quality-of-teaching review.',
    source: 'head',
    frequency: 'termly',
    higherIsBetter: true,
  }),
  percent({
    id: 'teachingOutstanding',
    label: 'Teaching outstanding',
    help: 'Share of teachers whose teaching is judged outstanding at the latest quality-of-teaching review.',
    source: 'head',
    frequency: 'termly',
    higherIsBetter: true,
  }),
  ofstedGrade(
    'seniorLeadership',
    'Senior leadership judgement',
    'How senior leadership is judged against the Ofsted framework at the latest trust review.',
    {},
  ),
  ofstedGrade(
    'middleLeadership',
    'Middle leadership judgement',
    'How middle leadership is judged against the Ofsted framework at the latest trust review.',
    {},
  ),
  percent({
    id: 'singleCentralRecord',
    label: 'Single central record compliance',
    help: 'Share of staff and volunteers with every required check complete on the single central record.',
    source: 'head',
    frequency: 'termly',
    higherIsBetter: true,
  }),
  {
    id: 'safeguardingConcerns',
    label: 'Open safeguarding concerns',
    help: 'Safeguarding concerns about the school’s practice (audit findings, LADO referrals) still open at the end of term.',
    unit: '',
    type: 'count',
    min: 0,
    max: 500,
    source: 'head',
    frequency: 'termly',
    higherIsBetter: false,
  },
  percent({
    id: 'attendance',
    label: 'Attendance',
    help: 'Share of possible sessions attended so far this academic year.',
    source: 'head',
    frequency: 'termly',
    higherIsBetter: true,
  }),
  // Same id as the national benchmark, so "at most national" finds its figure.
  percent({
    id: 'persistentAbsence',
    label: 'Persistent absence',
    help: 'Share of pupils who have missed 10% or more of possible sessions so far this academic year.',
    source: 'head',
    frequency: 'termly',
    higherIsBetter: false,
    national: ABSENCE_NATIONAL,
  }),
  percent({
    id: 'overallAbsence',
    label: 'Overall absence',
    help: 'Share of possible sessions missed so far this academic year, for any reason.',
    source: 'head',
    frequency: 'termly',
    higherIsBetter: false,
    national: ABSENCE_NATIONAL,
  }),
  {
    id: 'disadvantagedGap',
    label: 'Disadvantaged gap (internal)',
    help: 'Percentage points between other pupils and disadvantaged pupils at age-related expectations in this term’s assessments (negative when disadvantaged pupils do better).',
    unit: 'pts',
    type: 'number',
    min: -100,
    max: 100,
    source: 'head',
    frequency: 'termly',
    higherIsBetter: false,
  },
  {
    id: 'reservesPercentOfIncome',
    label: 'Revenue reserves',
    help: 'Revenue reserves carried forward as a percentage of annual income (negative for a deficit).',
    unit: '%',
    type: 'percent',
    min: -100,
    max: 100,
    source: 'head',
    frequency: 'termly',
    higherIsBetter: true,
  },
  {
    id: 'inYearBalance',
    label: 'In-year balance',
    help: 'Forecast income minus expenditure for this financial year, in thousands of pounds (negative for a deficit).',
    unit: '£k',
    type: 'number',
    min: -100000,
    max: 100000,
    source: 'head',
    frequency: 'termly',
    higherIsBetter: true,
  },
];

const ANNUAL_RESULTS: Metric[] = [
  {
    id: 'attainment8',
    label: 'Attainment 8',
    help: 'Average Attainment 8 score per pupil at the end of key stage 4.',
    unit: 'points',
    type: 'number',
    min: 0,
    max: 90,
    ...KS4_RESULT_FIELDS,
    higherIsBetter: true,
    national: KS4_NATIONAL,
  },
  {
    id: 'progress8',
    label: 'Progress 8',
    help: 'Progress 8 score at the end of key stage 4 (about 0 nationally; not published for 2024/25 and 2025/26).',
    unit: '',
    type: 'number',
    min: -5,
    max: 5,
    ...KS4_RESULT_FIELDS,
    higherIsBetter: true,
    national: KS4_NATIONAL,
  },
  percent({
    id: 'ks4Grade5EnglishMaths',
    label: 'Grade 5 or above in English and maths',
    help: 'Share of key stage 4 pupils achieving grade 5 or above in both English and maths.',
    ...KS4_RESULT_FIELDS,
    higherIsBetter: true,
    national: KS4_NATIONAL,
  }),
  // The school's own disadvantaged pupils, from the same tables (not `disadvantagedGap`, the internal
  // termly measure): the gaps are worked out at import from the two published figures.
  {
    id: 'attainment8Disadvantaged',
    label: 'Attainment 8 of disadvantaged pupils',
    help: 'Average Attainment 8 score of the school’s disadvantaged pupils at the end of key stage 4.',
    unit: 'points',
    type: 'number',
    min: 0,
    max: 90,
    ...KS4_RESULT_FIELDS,
    higherIsBetter: true,
  },
  {
    id: 'progress8Disadvantaged',
    label: 'Progress 8 of disadvantaged pupils',
    help: 'Progress 8 score of the school’s disadvantaged pupils at the end of key stage 4 (not published for 2024/25 and 2025/26).',
    unit: '',
    type: 'number',
    min: -5,
    max: 5,
    ...KS4_RESULT_FIELDS,
    higherIsBetter: true,
  },
  {
    id: 'attainment8DisadvantagedGap',
    label: 'Attainment 8 gap, other pupils minus disadvantaged',
    help: 'Other pupils’ average Attainment 8 minus disadvantaged pupils’, in points; lower is better, negative when disadvantaged pupils do better.',
    unit: 'points',
    type: 'number',
    min: -90,
    max: 90,
    ...KS4_RESULT_FIELDS,
    higherIsBetter: false,
  },
  {
    id: 'progress8DisadvantagedGap',
    label: 'Progress 8 gap, other pupils minus disadvantaged',
    help: 'Other pupils’ Progress 8 minus disadvantaged pupils’; lower is better, negative when disadvantaged pupils do better (not published for 2024/25 and 2025/26).',
    unit: '',
    type: 'number',
    min: -10,
    max: 10,
    ...KS4_RESULT_FIELDS,
    higherIsBetter: false,
  },
  percent({
    id: 'ks2ExpectedRwm',
    label: 'KS2 expected standard in reading, writing and maths',
    help: 'Share of key stage 2 pupils meeting the expected standard in reading, writing and maths combined.',
    phases: PRIMARY_PHASES,
    source: 'head',
    publishedBy: ['dfe-ks2', 'ees-ks2'],
    frequency: 'annual',
    higherIsBetter: true,
    availability: KS2_RESULTS,
    national: KS2_NATIONAL,
  }),
  {
    id: 'ks2DisadvantageGapIndex',
    label: 'KS2 disadvantage gap index',
    help: 'DfE disadvantage gap index at key stage 2 (0 means no gap; higher is a wider gap).',
    unit: '',
    type: 'number',
    min: 0,
    max: 10,
    phases: PRIMARY_PHASES,
    source: 'head',
    frequency: 'annual',
    higherIsBetter: false,
    availability: KS2_RESULTS,
    national: KS2_NATIONAL,
  },
  {
    id: 'ks4DisadvantageGapIndex',
    label: 'KS4 disadvantage gap index',
    help: 'DfE disadvantage gap index at key stage 4 (0 means no gap; higher is a wider gap).',
    unit: '',
    type: 'number',
    min: 0,
    max: 10,
    phases: SECONDARY_PHASES,
    source: 'head',
    frequency: 'annual',
    higherIsBetter: false,
    availability: KS4_RESULTS,
    national: KS4_NATIONAL,
  },
];

/** The grade per key judgement, Sept 2019 to Nov 2025 (alone, without an overall grade, from Sept 2024). */
export const KEY_JUDGEMENT_METRICS: readonly Metric[] = [
  keyJudgement('ofstedQualityOfEducation', 'Quality of education'),
  keyJudgement('ofstedBehaviourAndAttitudes', 'Behaviour and attitudes'),
  keyJudgement('ofstedPersonalDevelopment', 'Personal development'),
  keyJudgement('ofstedLeadershipAndManagement', 'Leadership and management'),
  keyJudgement('ofstedEarlyYears', 'Early years provision', EARLY_YEARS_PHASES),
  keyJudgement('ofstedSixthForm', 'Sixth form provision', SIXTH_FORM_PHASES),
];

/** The report-card areas graded on the five-point scale from 10 November 2025. */
export const REPORT_CARD_AREA_METRICS: readonly Metric[] = [
  reportCardArea('reportCardInclusion', 'Inclusion'),
  reportCardArea('reportCardCurriculumAndTeaching', 'Curriculum and teaching'),
  reportCardArea('reportCardAchievement', 'Achievement'),
  reportCardArea('reportCardAttendanceAndBehaviour', 'Attendance and behaviour'),
  reportCardArea('reportCardPersonalDevelopment', 'Personal development and well-being'),
  reportCardArea('reportCardLeadershipAndGovernance', 'Leadership and governance'),
  reportCardArea('reportCardEarlyYears', 'Early years', EARLY_YEARS_PHASES),
  reportCardArea('reportCardPost16', 'Post-16', SIXTH_FORM_PHASES),
];

const INSPECTION: Metric[] = [
  ofstedGrade(
    'ofstedOverall',
    'Ofsted overall effectiveness',
    'Overall effectiveness grade from an Ofsted inspection up to 31 August 2024; only in a term with an inspection.',
    { validTo: OVERALL_GRADE_LAST_DAY },
  ),
  ...KEY_JUDGEMENT_METRICS,
  {
    id: 'ofstedSafeguardingEffective',
    label: 'Ofsted: safeguarding effective',
    help: 'Whether the inspection found safeguarding effective (inspections up to 9 November 2025).',
    unit: '',
    type: 'yesNo',
    source: 'head',
    publishedBy: OFSTED,
    frequency: 'termly',
    higherIsBetter: true,
    validTo: KEY_JUDGEMENTS_LAST_DAY,
  },
  ...REPORT_CARD_AREA_METRICS,
  {
    id: 'reportCardSafeguarding',
    label: 'Report card: safeguarding',
    help: 'Whether the report card found safeguarding standards met; only in a term with an inspection.',
    unit: '',
    type: 'enum',
    options: [...SAFEGUARDING_OPTIONS],
    source: 'head',
    publishedBy: OFSTED,
    frequency: 'termly',
    higherIsBetter: true,
    validFrom: REPORT_CARD_FIRST_DAY,
  },
  {
    id: 'ofstedInspectionDate',
    label: 'Ofsted inspection date',
    help: 'The day the inspection began, so an inspection is placed on its day within the term.',
    unit: '',
    type: 'date',
    source: 'head',
    publishedBy: OFSTED,
    frequency: 'termly',
    higherIsBetter: true,
  },
  {
    id: 'ofstedInspectionNumber',
    label: 'Ofsted inspection number',
    help: 'Which inspection this is since the school opened as an academy: 1 for the first, 2 for the second.',
    unit: '',
    type: 'count',
    min: 1,
    max: 20,
    source: 'head',
    frequency: 'termly',
    higherIsBetter: true,
  },
];

const WORKFORCE_NATIONAL: NationalFigure = {
  publisher: 'DfE, School workforce in England',
  // Leavers in a year are counted at the next November census and published the June after.
  availability: { kind: 'month', month: 6, yearAfter: 1 },
};

/** An annual measure the trust or head gives once a year, in the term it belongs to. */
function yearly(fields: Omit<Metric, 'frequency'> & { term: NonNullable<Metric['term']> }): Metric {
  return { ...fields, frequency: 'annual' };
}

/**
 * Measures for the principles of a thriving trust that pupils' results do not cover (docs/plan-format.md,
 * "Principles"): most are annual, asked once, in the term they belong to.
 */
const PRINCIPLE_MEASURES: Metric[] = [
  // A collective vision.
  yearly({
    ...percentFields(),
    id: 'staffVisionUnderstood',
    label: 'Staff who know the trust’s vision',
    help: 'Share of staff answering the annual staff survey who agree they understand the trust’s vision and how their work contributes to it.',
    source: 'head',
    term: 'summer',
    higherIsBetter: true,
  }),
  yearly({
    ...percentFields(),
    id: 'parentsWouldRecommend',
    label: 'Parents who would recommend the school',
    help: 'Share of parents answering the annual parent survey (or Ofsted Parent View) who would recommend the school to another parent.',
    source: 'head',
    term: 'summer',
    higherIsBetter: true,
  }),
  // Shared and distributed governance.
  yearly({
    id: 'governorVacancies',
    label: 'Local governing body vacancies',
    help: 'Places on the academy’s local governing body that are vacant at the start of the year.',
    unit: '',
    type: 'count',
    min: 0,
    max: 30,
    source: 'trust',
    area: 'governance',
    term: 'autumn',
    higherIsBetter: false,
  }),
  yearly({
    ...percentFields(),
    id: 'governanceAttendance',
    label: 'Attendance at governance meetings',
    help: 'Share of places taken at the year’s board and local governing body meetings (members present out of members expected).',
    source: 'trust',
    area: 'governance',
    term: 'summer',
    higherIsBetter: true,
  }),
  yearly({
    id: 'governanceSkillsAudit',
    label: 'Governance skills audit this year',
    help: 'Whether the local governing body completed a skills audit this academic year.',
    unit: '',
    type: 'yesNo',
    source: 'trust',
    area: 'governance',
    term: 'summer',
    higherIsBetter: true,
  }),
  // School-to-school improvement at scale.
  yearly({
    id: 'trustReviewsCompleted',
    label: 'Trust reviews completed',
    help: 'Trust quality-assurance reviews of the academy completed this academic year.',
    unit: '',
    type: 'count',
    min: 0,
    max: 12,
    source: 'trust',
    area: 'governance',
    term: 'summer',
    higherIsBetter: true,
  }),
  yearly({
    ...percentFields(),
    id: 'crossTrustNetworkStaff',
    label: 'Staff in cross-trust networks',
    help: 'Share of teaching staff who took part this year in a cross-trust subject or phase network.',
    source: 'head',
    term: 'summer',
    higherIsBetter: true,
  }),
  // An employer of choice.
  yearly({
    ...percentFields(),
    id: 'teacherTurnover',
    label: 'Teacher turnover',
    help: 'Teachers (full-time equivalent) who left the academy during the academic year, as a percentage of its teachers.',
    source: 'trust',
    area: 'hr',
    term: 'summer',
    higherIsBetter: false,
    national: WORKFORCE_NATIONAL,
  }),
  yearly({
    ...percentFields(),
    id: 'staffWouldRecommend',
    label: 'Staff who would recommend the trust as a place to work',
    help: 'Share of staff answering the annual staff survey who would recommend the trust as a place to work.',
    source: 'head',
    term: 'summer',
    higherIsBetter: true,
  }),
  // Public funds maximised, a more sustainable future.
  yearly({
    id: 'energyUsePerPupil',
    label: 'Energy use per pupil',
    help: 'Electricity and heating fuel used in the year, in kilowatt-hours, divided by the number of pupils on roll.',
    unit: 'kWh',
    type: 'number',
    min: 0,
    max: 20000,
    source: 'trust',
    area: 'estates',
    term: 'summer',
    higherIsBetter: false,
  }),
  yearly({
    id: 'climateActionPlan',
    label: 'Climate action plan in place',
    help: 'Whether the academy has a climate action plan and a named sustainability lead (DfE expected every setting to have both by 2025).',
    unit: '',
    type: 'yesNo',
    source: 'trust',
    area: 'estates',
    term: 'autumn',
    higherIsBetter: true,
  }),
  // Local identity at the heart of communities.
  yearly({
    id: 'localPartnerships',
    label: 'Active local partnerships',
    help: 'Partnerships with local organisations (employers, charities, councils, other schools) active this year.',
    unit: '',
    type: 'count',
    min: 0,
    max: 200,
    source: 'head',
    term: 'summer',
    higherIsBetter: true,
  }),
  yearly({
    id: 'communityUseHours',
    label: 'Community use of the premises',
    help: 'Hours a week, on average in term time, that community groups use the academy’s buildings or grounds.',
    unit: 'hours/week',
    type: 'number',
    min: 0,
    max: 168,
    source: 'head',
    term: 'summer',
    higherIsBetter: true,
  }),
];

const DERIVED: Metric[] = [
  {
    id: 'ofstedOutcome',
    label: 'Ofsted outcome',
    help: 'The latest inspection read on the four-point scale, whichever framework it was under; worked out from the inspection grades.',
    unit: '',
    type: 'grade',
    options: [...OFSTED_GRADE_OPTIONS],
    source: 'derived',
    frequency: 'termly',
    higherIsBetter: true,
  },
  {
    id: 'academiesJoined',
    label: 'Academies joined',
    help: 'Academies that joined the trust, counted from the roster’s join dates.',
    unit: '',
    type: 'count',
    min: 0,
    max: 10000,
    source: 'derived',
    frequency: 'annual',
    higherIsBetter: true,
  },
];

/** Every metric, in the order the head's card and the reports list them. */
export const METRIC_CATALOGUE: readonly Metric[] = [
  ...HEAD_TERMLY,
  ...ANNUAL_RESULTS,
  ...PRINCIPLE_MEASURES,
  ...INSPECTION,
  ...DERIVED,
];

const BY_ID: ReadonlyMap<string, Metric> = new Map(METRIC_CATALOGUE.map((metric) => [metric.id, metric]));

/** Ids of the metrics that describe an Ofsted inspection: supplied only in a term with an inspection. */
export const INSPECTION_METRIC_IDS: ReadonlySet<string> = new Set(INSPECTION.map((metric) => metric.id));

/** The metric with this id, or undefined when the catalogue has none (plans and data files are checked against it). */
export function getMetric(id: string): Metric | undefined {
  return BY_ID.get(id);
}

/**
 * Whether an academy of this phase reports this metric. Metrics without phases apply to every phase.
 */
export function metricAppliesToPhase(metric: Metric, phase: Phase): boolean {
  return metric.phases === undefined || metric.phases.includes(phase);
}
