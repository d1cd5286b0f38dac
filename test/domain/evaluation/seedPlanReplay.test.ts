/**
 * The seed plan, "Achieving Outstanding Academies 2016–2019", replayed for a fictional trust of our own
 * with figures for 2016–2019: at the end of each of the plan's three years and after each autumn's
 * results. Every expected status below was worked out by hand from the figures and the rules (the
 * comments give the working), so the evaluator is judged against what a trust's data manager would say.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Evaluation, TargetStatus } from '../../../src/domain/evaluation/evaluation';
import type { Observation } from '../../../src/domain/evaluation/observation';
import { parsePlan } from '../../../src/domain/plan/parsePlan';
import type { Academy } from '../../../src/domain/roster/roster';
import { evaluate, obs, termly } from './evaluationFixtures';

const KESTREL = '900101'; // secondary, converter founder, opened 1 Sep 2016: term 6 is summer 2018
const HERON = '900102'; // primary, sponsored founder, opened 1 Sep 2016
const OSPREY = '900103'; // the lead primary, joins 1 Sep 2017
const PLOVER = '900104'; // secondary, sponsored, joins 1 Jan 2018
const CURLEW = '900105'; // all-through free school in Colchester, joins 1 Sep 2018
const SANDPIPER = '900106'; // primary, sponsored, joins 1 Jan 2019

function academy(
  urn: string,
  fields: Partial<Academy> & Pick<Academy, 'phase' | 'route' | 'openedOn'>,
): Academy {
  return { urn, name: `Academy ${urn}`, town: 'Tiptree', joinedOn: fields.openedOn, tags: [], ...fields };
}

const ACADEMIES: Academy[] = [
  academy(KESTREL, {
    name: 'Kestrel Academy',
    phase: 'secondary',
    route: 'converter',
    founder: true,
    openedOn: '2016-09-01',
  }),
  academy(HERON, {
    name: 'Heron Primary',
    phase: 'primary',
    route: 'sponsored',
    founder: true,
    openedOn: '2016-09-01',
  }),
  academy(OSPREY, {
    name: 'Osprey Primary',
    phase: 'primary',
    route: 'converter',
    openedOn: '2017-09-01',
    tags: ['leadPrimary'],
  }),
  academy(PLOVER, { name: 'Plover Academy', phase: 'secondary', route: 'sponsored', openedOn: '2018-01-01' }),
  academy(CURLEW, {
    name: 'Curlew Free School',
    phase: 'allThrough',
    route: 'freeSchool',
    town: 'Colchester',
    openedOn: '2018-09-01',
  }),
  academy(SANDPIPER, {
    name: 'Sandpiper Primary',
    phase: 'primary',
    route: 'sponsored',
    openedOn: '2019-01-01',
  }),
];

const FIGURES: Observation[] = [
  // Kestrel's results: Attainment 8 47.0, 46.2, 48.0; Progress 8 +0.10, −0.05, +0.20; KS4 gap 3.9, 3.7, 3.8.
  obs('2016-17-summer', 'attainment8', 47, KESTREL),
  obs('2017-18-summer', 'attainment8', 46.2, KESTREL),
  obs('2018-19-summer', 'attainment8', 48, KESTREL),
  obs('2016-17-summer', 'progress8', 0.1, KESTREL),
  obs('2017-18-summer', 'progress8', -0.05, KESTREL),
  obs('2018-19-summer', 'progress8', 0.2, KESTREL),
  obs('2016-17-summer', 'ks4DisadvantageGapIndex', 3.9, KESTREL),
  obs('2017-18-summer', 'ks4DisadvantageGapIndex', 3.7, KESTREL),
  obs('2018-19-summer', 'ks4DisadvantageGapIndex', 3.8, KESTREL),
  // Kestrel's inspections: Good on 14 Mar 2018 (term 5), Outstanding on 12 Jun 2019 (the second).
  obs('2017-18-spring', 'ofstedInspectionDate', '2018-03-14', KESTREL),
  obs('2017-18-spring', 'ofstedOverall', 'good', KESTREL),
  obs('2018-19-summer', 'ofstedInspectionDate', '2019-06-12', KESTREL),
  obs('2018-19-summer', 'ofstedInspectionNumber', 2, KESTREL),
  obs('2018-19-summer', 'ofstedOverall', 'outstanding', KESTREL),
  // Kestrel's outstanding teaching, autumn 2016 to summer 2019.
  ...termly('2016-17-autumn', 'teachingOutstanding', [25, 28, 30, 32, 34, 36, 38, 39, 41], KESTREL),
  // Heron's KS2 gap index: 3.4, 3.4, 3.1 (known each September); never inspected in these years.
  obs('2016-17-summer', 'ks2DisadvantageGapIndex', 3.4, HERON),
  obs('2017-18-summer', 'ks2DisadvantageGapIndex', 3.4, HERON),
  obs('2018-19-summer', 'ks2DisadvantageGapIndex', 3.1, HERON),
];

function seedPlan() {
  const result = parsePlan(readFileSync(join(__dirname, '../../../plans/thrive-2016-2019.yaml'), 'utf8'));
  if (!result.ok) throw new Error('seed plan does not load');
  return result.plan;
}

const PLAN = seedPlan();
const evaluations = new Map<string, Evaluation>();
function evaluationAsOf(asOf: string): Evaluation {
  let evaluation = evaluations.get(asOf);
  if (!evaluation) {
    evaluation = evaluate(PLAN, { asOf, academies: ACADEMIES, observations: FIGURES });
    evaluations.set(asOf, evaluation);
  }
  return evaluation;
}

// The end of each of the plan's three years, and a day after each autumn's results are out.
const END_1 = '2017-08-31';
const AUTUMN_1 = '2017-11-20';
const END_2 = '2018-08-31';
const AUTUMN_2 = '2018-11-20';
const END_3 = '2019-08-31';
const AUTUMN_3 = '2019-11-20';
// The day the 2016-17 revised figures (SFR01/2018) came out, and the day before.
const JUST_BEFORE_REVISION_1 = '2018-01-24';
const REVISION_1 = '2018-01-25';

type Row = [asOf: string, target: string, subject: string, status: TargetStatus, words: string];

describe('the seed plan replayed, 2016–2019', () => {
  it.each<Row>([
    // Growth. Kestrel (converter) and Heron (sponsored) are both founders by the roster's flag.
    [END_1, 'founders-2016-17', 'trust', 'met', '2 joined (Kestrel Academy, Heron Primary)'],
    [END_1, 'growth-2017-18', 'trust', 'notDue', '2017-18 has not started; 2 due to join'],
    [
      AUTUMN_1,
      'growth-2017-18',
      'trust',
      'onTrack',
      '1 joined in 2017-18 (Osprey Primary), 1 more due to join',
    ],
    [AUTUMN_1, 'lead-primary-2017-18', 'trust', 'met', '1 joined in 2017-18 (Osprey Primary)'],
    [END_2, 'growth-2017-18', 'trust', 'met', '2 joined in 2017-18 (Osprey Primary, Plover Academy)'],
    [END_2, 'growth-2018-19', 'trust', 'notDue', '2018-19 has not started'],
    [AUTUMN_2, 'growth-2018-19', 'trust', 'onTrack', '1 more due to join (Sandpiper Primary)'],
    [AUTUMN_2, 'colchester-free-school-2018-19', 'trust', 'met', '(Curlew Free School)'],
    [END_3, 'growth-2018-19', 'trust', 'met', '2 joined in 2018-19'],

    // Attainment 8 above national. 2016-17 results are known from Oct 2017; the national figure is 46.0
    // provisional until the revision (46.3) on 25 Jan 2018; 2017-18's is 46.4 from 16 Oct 2018 and
    // 46.5 from 24 Jan 2019; 2018-19's is 46.7.
    [END_1, 'attainment8-above-national', KESTREL, 'notDue', 'No Attainment 8 figure is due yet'],
    [
      AUTUMN_1,
      'attainment8-above-national',
      KESTREL,
      'met',
      'Attainment 8 47 points (2016-17 results, published Oct 2017) is above the national 46 points (2016-17, DfE, provisional, published Oct 2017)',
    ],
    [
      END_2,
      'attainment8-above-national',
      KESTREL,
      'met',
      'Attainment 8 47 points (2016-17 results, published Oct 2017; 2017-18 results not out until Oct 2018) is above the national 46.3 points (2016-17, DfE, revised, published 25 Jan 2018)',
    ],
    [
      AUTUMN_2,
      'attainment8-above-national',
      KESTREL,
      'missed',
      'Attainment 8 46.2 points (2017-18 results, published Oct 2018) is below the national 46.4 points (2017-18, DfE, provisional, published 16 Oct 2018)',
    ],
    [
      END_3,
      'attainment8-above-national',
      KESTREL,
      'missed',
      'the national 46.5 points (2017-18, DfE, revised, published 24 Jan 2019)',
    ],
    [
      AUTUMN_3,
      'attainment8-above-national',
      KESTREL,
      'met',
      'is above the national 46.7 points (2018-19, DfE, revised',
    ],

    // Progress 8: only revised national figures are held for the plan's first years — 2016-17 −0.03 from
    // 25 Jan 2018 (SFR01/2018), 2017-18 −0.02 from 24 Jan 2019 — and 2018-19 −0.03 (Oct 2019). No
    // provisional figure is held, so each year reads "not published yet" until its revision is out, and
    // the rule never falls back to another year's figure. Kestrel: +0.10, −0.05, +0.20.
    [END_1, 'progress8-above-national', KESTREL, 'notDue', 'No Progress 8 figure is due yet'],
    [
      AUTUMN_1,
      'progress8-above-national',
      KESTREL,
      'noData',
      'Progress 8 +0.1 (2016-17 results, published Oct 2017) cannot be judged: the national figure for 2016-17 is not published yet (due 25 Jan 2018)',
    ],
    [
      JUST_BEFORE_REVISION_1,
      'progress8-above-national',
      KESTREL,
      'noData',
      'the national figure for 2016-17 is not published yet (due 25 Jan 2018)',
    ],
    // +0.1 > −0.03 once the revision is out.
    [
      REVISION_1,
      'progress8-above-national',
      KESTREL,
      'met',
      'Progress 8 +0.1 (2016-17 results, published Oct 2017) is above the national −0.03 (2016-17, DfE, revised, published 25 Jan 2018)',
    ],
    // 2017-18 results are not out until Oct 2018, so the 2016-17 comparison stands at the end of year 2.
    [
      END_2,
      'progress8-above-national',
      KESTREL,
      'met',
      'Progress 8 +0.1 (2016-17 results, published Oct 2017; 2017-18 results not out until Oct 2018) is above the national −0.03 (2016-17, DfE, revised, published 25 Jan 2018)',
    ],
    // 2017-18's −0.05 is out, but its national figure is not until 24 Jan 2019: not judged, and not
    // compared with 2016-17's −0.03 either.
    [
      AUTUMN_2,
      'progress8-above-national',
      KESTREL,
      'noData',
      'Progress 8 −0.05 (2017-18 results, published Oct 2018) cannot be judged: the national figure for 2017-18 is not published yet (due 24 Jan 2019)',
    ],
    // −0.05 < −0.02: missed (2018-19 results are not out until Oct 2019).
    [
      END_3,
      'progress8-above-national',
      KESTREL,
      'missed',
      'Progress 8 −0.05 (2017-18 results, published Oct 2018; 2018-19 results not out until Oct 2019) is below the national −0.02 (2017-18, DfE, revised, published 24 Jan 2019)',
    ],
    [
      AUTUMN_3,
      'progress8-above-national',
      KESTREL,
      'met',
      'Progress 8 +0.2 (2018-19 results, published Oct 2019) is above the national −0.03',
    ],
    [
      AUTUMN_1,
      'progress8-above-national',
      HERON,
      'notApplicable',
      'Applies to secondary or all-through academies only',
    ],

    // The KS4 gap index compares known years only: 3.9 (2016-17), 3.7 (2017-18), 3.8 (2018-19).
    [END_1, 'ks4-gap-index-narrowing', KESTREL, 'notDue', 'is due yet'],
    [AUTUMN_1, 'ks4-gap-index-narrowing', KESTREL, 'notDue', 'is the first figure; a trend needs a second'],
    [END_2, 'ks4-gap-index-narrowing', KESTREL, 'notDue', 'is the first figure'],
    [AUTUMN_2, 'ks4-gap-index-narrowing', KESTREL, 'met', 'is down 0.2 from 3.9 (2016-17 to 2017-18)'],
    [AUTUMN_3, 'ks4-gap-index-narrowing', KESTREL, 'missed', 'is up 0.1 from 3.7 (2017-18 to 2018-19)'],
    // Heron's KS2 gap index, known each September: 3.4, 3.4 (unchanged: at risk), then 3.1.
    [END_2, 'ks2-gap-index-narrowing', HERON, 'notDue', 'is the first figure'],
    [AUTUMN_2, 'ks2-gap-index-narrowing', HERON, 'atRisk', 'is unchanged from 3.4 (2016-17 to 2017-18)'],
    [AUTUMN_3, 'ks2-gap-index-narrowing', HERON, 'met', 'is down 0.3 from 3.4 (2017-18 to 2018-19)'],

    // Good by the sixth term (summer 2018): Kestrel's Good on 14 Mar 2018 (term 5) decides it.
    [
      END_1,
      'good-by-sixth-term',
      KESTREL,
      'notDue',
      'the sixth term is summer 2018; judged at the first inspection after it',
    ],
    [
      END_2,
      'good-by-sixth-term',
      KESTREL,
      'met',
      'Judged Good at the first inspection as an academy (14 Mar 2018), by the sixth term (summer 2018)',
    ],
    [AUTUMN_3, 'good-by-sixth-term', KESTREL, 'met', 'the first inspection as an academy (14 Mar 2018)'],
    [
      AUTUMN_2,
      'good-by-sixth-term',
      HERON,
      'notDue',
      'the sixth term was summer 2018; judged at the first inspection after it',
    ],
    // Outstanding following the second inspection: Good first (at risk), Outstanding on 12 Jun 2019.
    [
      AUTUMN_1,
      'outstanding-after-second-inspection',
      KESTREL,
      'notDue',
      'it falls due at the second inspection',
    ],
    [
      END_2,
      'outstanding-after-second-inspection',
      KESTREL,
      'atRisk',
      'below the standard before it falls due: it falls due at the second inspection',
    ],
    [
      END_3,
      'outstanding-after-second-inspection',
      KESTREL,
      'met',
      'Judged Outstanding at the second inspection (12 Jun 2019)',
    ],

    // 40% outstanding teaching within 3 years of opening (by 31 Aug 2019): 25, 28, 30 … rising about
    // 2.2 points a term, so the line reaches 40% in time; 41% in summer 2019 meets it on the day.
    [
      END_1,
      'teaching-40-outstanding',
      KESTREL,
      'onTrack',
      'Teaching outstanding 30% (summer 2017) is on course',
    ],
    [AUTUMN_1, 'teaching-40-outstanding', KESTREL, 'onTrack', 'by 31 Aug 2019'],
    [
      END_2,
      'teaching-40-outstanding',
      KESTREL,
      'onTrack',
      'Teaching outstanding 36% (summer 2018) is on course',
    ],
    [
      AUTUMN_2,
      'teaching-40-outstanding',
      KESTREL,
      'onTrack',
      'Teaching outstanding 38% (autumn 2018) is on course',
    ],
    [
      END_3,
      'teaching-40-outstanding',
      KESTREL,
      'met',
      'Teaching outstanding 41% (summer 2019) meets the target',
    ],

    // Plover joins on 1 Jan 2018; its first results (2017-18) are due once the autumn 2018 round after
    // them has closed (not yet on 20 Nov 2018, while that round is open). It supplied none, which by the
    // end of 2018-19 is a risk.
    [AUTUMN_1, 'attainment8-above-national', PLOVER, 'notApplicable', 'Joins the trust on 1 Jan 2018'],
    [END_2, 'attainment8-above-national', PLOVER, 'notDue', 'No Attainment 8 figure is due yet'],
    [AUTUMN_2, 'attainment8-above-national', PLOVER, 'notDue', 'No Attainment 8 figure is due yet'],
    [
      END_3,
      'attainment8-above-national',
      PLOVER,
      'noData',
      'No Attainment 8 figure for 2017-18 although its round has closed',
    ],
  ])('as of %s, %s for %s is %s', (asOf, targetId, subject, status, words) => {
    const result = evaluationAsOf(asOf).results.find(
      (candidate) =>
        candidate.targetId === targetId &&
        (candidate.subject.kind === 'trust' ? 'trust' : candidate.subject.urn) === subject,
    );
    expect(result).toBeDefined();
    expect({ status: result?.status, reason: result?.reason }).toEqual({
      status,
      reason: expect.stringContaining(words) as string,
    });
  });

  it.each<[asOf: string, value: number, release: string, publishedOn: string]>([
    [
      REVISION_1,
      -0.03,
      'Revised GCSE and equivalent results in England, 2016 to 2017 (SFR01/2018)',
      '2018-01-25',
    ],
    [END_3, -0.02, 'Key stage 4 including multi-academy trust performance, 2018 (revised)', '2019-01-24'],
  ])(
    'as of %s, Progress 8 for Kestrel is judged against %d from "%s"',
    (asOf, value, release, publishedOn) => {
      const result = evaluationAsOf(asOf).results.find(
        (candidate) =>
          candidate.targetId === 'progress8-above-national' &&
          candidate.subject.kind !== 'trust' &&
          candidate.subject.urn === KESTREL,
      );
      expect(result?.evidence.benchmark).toMatchObject({
        status: 'found',
        value,
        revision: 'revised',
        source: `DfE, ${release}`,
        publishedOn,
      });
    },
  );
});
