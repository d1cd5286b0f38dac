import type { Observation } from '../../../src/domain/evaluation/observation';
import type { MetricValue } from '../../../src/domain/metrics/parseMetricValue';
import { academy, evaluateTarget, obs } from './evaluationFixtures';

function inspection(termKey: string, grades: Record<string, MetricValue>): Observation[] {
  return Object.entries(grades).map(([metricId, value]) => obs(termKey, metricId, value));
}

const overall = (termKey: string, grade: string) => inspection(termKey, { ofstedOverall: grade });

const GOOD_BY_SIXTH = {
  metric: 'ofstedOutcome',
  rule: { kind: 'inspection', standard: 'good', due: { byTermOfOpening: 6 } },
};
const OUTSTANDING_AT_SECOND = {
  metric: 'ofstedOutcome',
  rule: { kind: 'inspection', standard: 'outstanding', due: { atInspection: 2 } },
};
const GOOD_EVERY = { metric: 'ofstedOutcome', rule: { kind: 'inspection', standard: 'good' } };
const OUTSTANDING_EVERY = { metric: 'ofstedOutcome', rule: { kind: 'inspection', standard: 'outstanding' } };

describe('inspection rule: good by the sixth term of opening, or at the first inspection after it', () => {
  // Opened 1 Sep 2016: autumn 2016 is term 1, summer 2018 is term 6.
  it.each([
    ['not yet inspected', [], 'notDue'],
    ['good in term 3', overall('2017-18-autumn', 'good'), 'met'],
    ['outstanding in term 6', overall('2017-18-summer', 'outstanding'), 'met'],
    [
      'requires improvement in term 4, not inspected since',
      overall('2017-18-spring', 'requiresImprovement'),
      'atRisk',
    ],
    [
      'requires improvement in term 4, then good at the first inspection after term 6',
      [...overall('2017-18-spring', 'requiresImprovement'), ...overall('2018-19-spring', 'good')],
      'met',
    ],
    [
      'requires improvement at the first inspection after term 6',
      overall('2018-19-autumn', 'requiresImprovement'),
      'missed',
    ],
    [
      // Met by the sixth term; the later inspection does not undo it (other targets judge it).
      'good in term 3, then inadequate in term 9',
      [...overall('2016-17-summer', 'good'), ...overall('2019-20-spring', 'inadequate')],
      'met',
    ],
    [
      'good in term 3, then requires improvement in term 5: the last one by the sixth term decides',
      [...overall('2016-17-summer', 'good'), ...overall('2017-18-spring', 'requiresImprovement')],
      'atRisk',
    ],
  ])('%s', (_case, observations, status) => {
    expect(evaluateTarget(GOOD_BY_SIXTH, { asOf: '2020-05-01', observations }).status).toBe(status);
  });

  it('says which inspection decided it and the deadline', () => {
    const result = evaluateTarget(GOOD_BY_SIXTH, {
      asOf: '2020-05-01',
      academies: [academy({ openedOn: '2016-09-01' })],
      observations: overall('2018-19-autumn', 'requiresImprovement'),
    });
    expect(result.reason).toBe(
      'Judged Requires improvement at the first inspection after the sixth term (autumn 2018; deadline summer 2018); ' +
        'target: good or better by the sixth term since opening or at the first inspection after it',
    );
    expect(result.evidence.inspection).toMatchObject({
      term: '2018-19-autumn',
      number: 1,
      framework: 'overallGrade',
      meetsStandard: false,
    });
    expect(result.evidence.deadline).toMatchObject({ date: '2018-08-31', label: 'summer 2018' });
  });

  it('names the inspection that decided a met target, not a later one', () => {
    const result = evaluateTarget(GOOD_BY_SIXTH, {
      asOf: '2020-05-01',
      observations: [...overall('2016-17-summer', 'good'), ...overall('2019-20-spring', 'inadequate')],
    });
    expect(result.reason).toBe(
      'Judged Good at the first inspection as an academy (summer 2017), by the sixth term (summer 2018); ' +
        'target: good or better by the sixth term since opening or at the first inspection after it',
    );
    expect(result.evidence.inspection).toMatchObject({ term: '2016-17-summer', number: 1 });
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    [
      'by the sixth term, still ahead',
      GOOD_BY_SIXTH,
      '2018-03-01',
      'Not yet inspected as an academy; the sixth term is summer 2018; judged at the first inspection after it',
    ],
    [
      'by the sixth term, now past',
      GOOD_BY_SIXTH,
      '2019-03-01',
      'Not yet inspected as an academy; the sixth term was summer 2018; judged at the first inspection after it',
    ],
    [
      'outstanding following the second inspection',
      OUTSTANDING_AT_SECOND,
      '2018-03-01',
      'Not yet inspected as an academy; it falls due at the second inspection',
    ],
    [
      'every inspection',
      GOOD_EVERY,
      '2018-03-01',
      'Not yet inspected as an academy; judged at every inspection',
    ],
  ])('says what happens next when not yet inspected: %s', (_case, target, asOf, words) => {
    const result = evaluateTarget(target, { asOf, observations: [] });
    expect(result.status).toBe('notDue');
    expect(result.reason).toContain(words);
  });

  it('places an inspection on its day: not counted before it began', () => {
    const observations = inspection('2018-19-autumn', {
      ofstedInspectionDate: '2018-11-20',
      ofstedOverall: 'requiresImprovement',
    });
    const before = evaluateTarget(GOOD_BY_SIXTH, { asOf: '2018-11-19', observations });
    expect(before.status).toBe('notDue');
    const after = evaluateTarget(GOOD_BY_SIXTH, { asOf: '2018-11-20', observations });
    expect(after.status).toBe('missed');
    expect(after.reason).toContain(
      'at the first inspection after the sixth term (20 Nov 2018; deadline summer 2018)',
    );
    expect(after.evidence.inspection).toMatchObject({
      date: '2018-11-20',
      grades: { ofstedOverall: 'requiresImprovement' },
    });
  });

  it('counts the terms from a mid-year opening', () => {
    // Opened 15 Jan 2017: spring 2017 is term 1, autumn 2018 is term 6 and spring 2019 term 7.
    const opened = { academies: [academy({ openedOn: '2017-01-15' })] };
    expect(
      evaluateTarget(GOOD_BY_SIXTH, {
        asOf: '2020-05-01',
        ...opened,
        observations: overall('2018-19-autumn', 'requiresImprovement'),
      }).status,
    ).toBe('atRisk');
    expect(
      evaluateTarget(GOOD_BY_SIXTH, {
        asOf: '2020-05-01',
        ...opened,
        observations: overall('2018-19-spring', 'requiresImprovement'),
      }).status,
    ).toBe('missed');
  });
});

describe('inspection rule: outstanding following the second inspection', () => {
  it.each<[string, Observation[], string]>([
    [
      'on track after an outstanding first inspection',
      overall('2017-18-autumn', 'outstanding'),
      'Judged Outstanding at the first inspection as an academy (autumn 2017), ahead of when it is due: it falls due at the second inspection',
    ],
    [
      'at risk after a good first inspection',
      overall('2017-18-autumn', 'good'),
      'Judged Good at the first inspection as an academy (autumn 2017), below the standard before it falls due: it falls due at the second inspection',
    ],
  ])('says it falls due at the second inspection: %s', (_case, observations, words) => {
    expect(evaluateTarget(OUTSTANDING_AT_SECOND, { asOf: '2018-05-01', observations }).reason).toContain(
      words,
    );
  });

  it.each([
    ['first inspection good', overall('2017-18-autumn', 'good'), 'atRisk'],
    ['first inspection outstanding', overall('2017-18-autumn', 'outstanding'), 'onTrack'],
    [
      'second inspection outstanding',
      [...overall('2017-18-autumn', 'good'), ...overall('2019-20-autumn', 'outstanding')],
      'met',
    ],
    [
      'second inspection good',
      [...overall('2017-18-autumn', 'good'), ...overall('2019-20-autumn', 'good')],
      'missed',
    ],
    [
      'recorded as the second although the first is not in the data',
      inspection('2019-20-autumn', { ofstedInspectionNumber: 2, ofstedOverall: 'outstanding' }),
      'met',
    ],
  ])('%s', (_case, observations, status) => {
    expect(evaluateTarget(OUTSTANDING_AT_SECOND, { asOf: '2020-05-01', observations }).status).toBe(status);
  });
});

describe('inspection rule under each Ofsted framework', () => {
  const ALL_KEY_JUDGEMENTS = {
    ofstedQualityOfEducation: 'good',
    ofstedBehaviourAndAttitudes: 'good',
    ofstedPersonalDevelopment: 'good',
    ofstedLeadershipAndManagement: 'good',
  };
  const REPORT_CARD = {
    reportCardInclusion: 'expectedStandard',
    reportCardCurriculumAndTeaching: 'expectedStandard',
    reportCardAchievement: 'strongStandard',
    reportCardAttendanceAndBehaviour: 'expectedStandard',
    reportCardPersonalDevelopment: 'expectedStandard',
    reportCardLeadershipAndGovernance: 'expectedStandard',
    reportCardSafeguarding: 'met',
  };

  it.each([
    [
      'an overall grade of good (to Aug 2024)',
      GOOD_EVERY,
      overall('2023-24-spring', 'good'),
      'met',
      'Judged Good',
    ],
    [
      'an overall grade of requires improvement',
      GOOD_EVERY,
      overall('2023-24-spring', 'requiresImprovement'),
      'missed',
      'Judged Requires improvement',
    ],
    [
      'key judgements all good (Sept 2024 – Nov 2025)',
      GOOD_EVERY,
      inspection('2024-25-spring', ALL_KEY_JUDGEMENTS),
      'met',
      'All key judgements Good',
    ],
    [
      'key judgements with one requires improvement',
      GOOD_EVERY,
      inspection('2024-25-spring', {
        ...ALL_KEY_JUDGEMENTS,
        ofstedQualityOfEducation: 'requiresImprovement',
      }),
      'missed',
      'Key judgements at worst Requires improvement (Quality of education)',
    ],
    [
      'key judgements good but safeguarding not effective',
      GOOD_EVERY,
      inspection('2024-25-spring', { ...ALL_KEY_JUDGEMENTS, ofstedSafeguardingEffective: false }),
      'missed',
      'safeguarding not effective',
    ],
    [
      'key judgements all good, target outstanding',
      OUTSTANDING_EVERY,
      inspection('2024-25-spring', ALL_KEY_JUDGEMENTS),
      'missed',
      'All key judgements Good',
    ],
    [
      'a report card at expected standard or above (from Nov 2025)',
      GOOD_EVERY,
      inspection('2025-26-spring', REPORT_CARD),
      'met',
      'Report card at worst Expected standard',
    ],
    [
      'a report card with an area needing attention',
      GOOD_EVERY,
      inspection('2025-26-spring', { ...REPORT_CARD, reportCardAchievement: 'needsAttention' }),
      'missed',
      'Report card at worst Needs attention (Achievement)',
    ],
    [
      'a report card with safeguarding not met',
      GOOD_EVERY,
      inspection('2025-26-spring', { ...REPORT_CARD, reportCardSafeguarding: 'notMet' }),
      'missed',
      'safeguarding not met',
    ],
    [
      'a report card at expected standard, target outstanding',
      OUTSTANDING_EVERY,
      inspection('2025-26-spring', REPORT_CARD),
      'missed',
      'on a report card outstanding means every area Strong standard or above',
    ],
    [
      'a report card at strong standard throughout, target outstanding',
      OUTSTANDING_EVERY,
      inspection(
        '2025-26-spring',
        Object.fromEntries(
          Object.entries(REPORT_CARD).map(([id, value]) => [
            id,
            id === 'reportCardSafeguarding' ? value : 'strongStandard',
          ]),
        ),
      ),
      'met',
      'Report card Strong standard in every area',
    ],
  ])('%s', (_case, target, observations, status, words) => {
    const result = evaluateTarget(target, { asOf: '2026-05-01', observations });
    expect(result.status).toBe(status);
    expect(result.reason).toContain(words);
  });

  it('lets the plan set the report-card floor', () => {
    const strict = {
      metric: 'ofstedOutcome',
      rule: { kind: 'inspection', standard: 'good', reportCardFloor: 'strongStandard' },
    };
    const result = evaluateTarget(strict, {
      asOf: '2026-05-01',
      observations: inspection('2025-26-spring', REPORT_CARD),
    });
    expect(result.status).toBe('missed');
  });

  it('reports an inspection recorded without grades as missing data', () => {
    const result = evaluateTarget(GOOD_EVERY, {
      asOf: '2026-05-01',
      observations: inspection('2025-26-spring', { ofstedInspectionNumber: 2 }),
    });
    expect(result).toMatchObject({ status: 'noData', rag: 'amber' });
  });

  it('counts only inspections from the target start', () => {
    const since = { ...GOOD_EVERY, from: '2025-11-10' };
    const result = evaluateTarget(since, {
      asOf: '2026-05-01',
      observations: overall('2023-24-spring', 'inadequate'),
    });
    expect(result).toMatchObject({
      status: 'notDue',
      reason: expect.stringContaining('Not inspected since 10 Nov 2025') as unknown,
    });
  });
});
