import { academy, evaluateTarget, obs, termly } from './evaluationFixtures';

const TEACHING_40 = { metric: 'teachingOutstanding', rule: { kind: 'threshold', atLeast: 40 } };

describe('threshold rule without a deadline', () => {
  it.each([
    ['exactly on an atLeast threshold', TEACHING_40, 40, 'met'],
    ['just under an atLeast threshold', TEACHING_40, 39.99, 'missed'],
    ['just over an atLeast threshold', TEACHING_40, 40.01, 'met'],
    [
      'exactly on an atMost threshold',
      { metric: 'safeguardingConcerns', rule: { kind: 'threshold', atMost: 0 } },
      0,
      'met',
    ],
    [
      'over an atMost threshold',
      { metric: 'safeguardingConcerns', rule: { kind: 'threshold', atMost: 0 } },
      1,
      'missed',
    ],
    [
      'equal to an equals threshold',
      { metric: 'singleCentralRecord', rule: { kind: 'threshold', equals: 100 } },
      100,
      'met',
    ],
    [
      'under an equals threshold',
      { metric: 'singleCentralRecord', rule: { kind: 'threshold', equals: 100 } },
      99.9,
      'missed',
    ],
    [
      'a grade at the level',
      { metric: 'seniorLeadership', rule: { kind: 'threshold', atLeast: 'good' } },
      'good',
      'met',
    ],
    [
      'a grade above the level',
      { metric: 'seniorLeadership', rule: { kind: 'threshold', atLeast: 'good' } },
      'outstanding',
      'met',
    ],
    [
      'a grade below the level',
      { metric: 'seniorLeadership', rule: { kind: 'threshold', atLeast: 'outstanding' } },
      'good',
      'missed',
    ],
    [
      'a negative balance against 0',
      { metric: 'inYearBalance', rule: { kind: 'threshold', atLeast: 0 } },
      -0.5,
      'missed',
    ],
  ])('%s', (_case, target, value, status) => {
    const metric = target.metric;
    const result = evaluateTarget(target, {
      asOf: '2017-05-01',
      observations: [obs('2016-17-spring', metric, value)],
    });
    expect(result.status).toBe(status);
    expect(result.rag).toBe(status === 'met' ? 'green' : 'red');
  });

  it('names the value, the term and the target in the reason', () => {
    const result = evaluateTarget(TEACHING_40, {
      asOf: '2017-05-01',
      observations: [obs('2016-17-spring', 'teachingOutstanding', 38)],
    });
    expect(result.reason).toBe('Teaching outstanding 38% (spring 2017) misses the target: at least 40%');
    expect(result.evidence).toMatchObject({ value: { value: 38, display: '38%', term: '2016-17-spring' } });
  });

  it('uses a figure for the current term when one is in, before its round closes', () => {
    const result = evaluateTarget(TEACHING_40, {
      asOf: '2017-05-01',
      observations: [
        obs('2016-17-spring', 'teachingOutstanding', 30),
        obs('2016-17-summer', 'teachingOutstanding', 41),
      ],
    });
    expect(result.status).toBe('met');
    expect(result.evidence.value?.term).toBe('2016-17-summer');
  });

  it('never reads a figure from after the as-of term', () => {
    const result = evaluateTarget(TEACHING_40, {
      asOf: '2017-02-01',
      observations: [
        obs('2016-17-autumn', 'teachingOutstanding', 30),
        obs('2016-17-summer', 'teachingOutstanding', 41),
      ],
    });
    expect(result.status).toBe('missed');
  });
});

describe('missing figures', () => {
  it('is a risk once the round for the term has closed', () => {
    const result = evaluateTarget(TEACHING_40, {
      asOf: '2017-05-01',
      observations: [obs('2016-17-autumn', 'teachingOutstanding', 45)],
    });
    expect(result).toMatchObject({ status: 'noData', rag: 'amber', evidence: { missing: '2016-17-spring' } });
    expect(result.reason).toBe(
      'No Teaching outstanding figure for spring 2017 although its round has closed; the last was 45% in autumn 2016; target: at least 40%',
    );
  });

  it('follows the closed round given, not the calendar', () => {
    const observations = [obs('2016-17-spring', 'teachingOutstanding', 45)];
    expect(
      evaluateTarget(TEACHING_40, { asOf: '2017-05-01', closedThrough: '2016-17-autumn', observations })
        .status,
    ).toBe('met');
    expect(
      evaluateTarget(TEACHING_40, { asOf: '2017-08-20', closedThrough: '2016-17-summer', observations })
        .status,
    ).toBe('noData');
  });

  it('is not due for an academy that opened this term', () => {
    const result = evaluateTarget(TEACHING_40, {
      asOf: '2017-05-01',
      academies: [academy({ openedOn: '2017-04-20' })],
    });
    expect(result.status).toBe('notDue');
    expect(result.rag).toBe('grey');
  });

  it('expects figures from the term an academy opened in, even mid-year', () => {
    const result = evaluateTarget(TEACHING_40, {
      asOf: '2017-05-01',
      academies: [academy({ openedOn: '2017-01-15' })],
    });
    expect(result).toMatchObject({ status: 'noData', evidence: { missing: '2016-17-spring' } });
  });
});

describe('threshold rule with a deadline', () => {
  const WITHIN_3_YEARS = {
    metric: 'teachingOutstanding',
    rule: { kind: 'threshold', atLeast: 40, by: { yearsAfterOpening: 3 } },
  };

  it.each([
    // Opened 1 Sep 2016: "within three years" ends 31 Aug 2019.
    ['the deadline is today and the figure is short', '2019-08-31', [32, 35, 38], 'missed'],
    ['the deadline is today and the figure is there', '2019-08-31', [32, 36, 40], 'met'],
    ['the deadline is tomorrow and the line falls short', '2019-08-30', [32, 35, 38], 'atRisk'],
    ['the deadline has passed', '2019-11-01', [32, 35, 38, 39], 'missed'],
  ])('%s', (_case, asOf, values, status) => {
    const result = evaluateTarget(WITHIN_3_YEARS, {
      asOf,
      observations: termly('2018-19-autumn', 'teachingOutstanding', values),
    });
    expect(result.status).toBe(status);
    expect(result.evidence.deadline).toEqual({
      date: '2019-08-31',
      term: '2018-19-summer',
      label: '31 Aug 2019',
    });
  });

  it('says the deadline has been reached in a missed reason', () => {
    const result = evaluateTarget(WITHIN_3_YEARS, {
      asOf: '2019-08-31',
      observations: termly('2018-19-autumn', 'teachingOutstanding', [32, 35, 38]),
    });
    expect(result.reason).toBe(
      'Teaching outstanding 38% (summer 2019) misses the target: at least 40% within 3 years of opening (deadline 31 Aug 2019)',
    );
  });

  it('is on track when the line through recent terms reaches the level by the deadline', () => {
    const result = evaluateTarget(WITHIN_3_YEARS, {
      asOf: '2018-11-01',
      observations: termly('2017-18-autumn', 'teachingOutstanding', [24, 28, 32]),
    });
    expect(result.status).toBe('onTrack');
    expect(result.evidence.trajectory).toMatchObject({ slope: 4, projected: 44, at: '2018-19-summer' });
    expect(result.reason).toContain('the trend reaches 44% by 31 Aug 2019');
  });

  it.each([
    [
      'below 0 %',
      {
        metric: 'teachingOutstanding',
        rule: { kind: 'threshold', atLeast: 40, by: { yearsAfterOpening: 3 } },
      },
      [30, 15, 1],
      0,
      'min',
      'the trend reaches 0% (the lowest possible) by 31 Aug 2019, short of 40%',
    ],
    [
      'above 100 %',
      { metric: 'teachingOutstanding', rule: { kind: 'threshold', atMost: 5, by: { yearsAfterOpening: 3 } } },
      [60, 80, 99],
      100,
      'max',
      'the trend reaches 100% (the highest possible) by 31 Aug 2019, short of 5%',
    ],
  ])(
    'holds a projection that runs %s to the metric’s range, and says so',
    (_case, target, values, projected, clamped, reason) => {
      const result = evaluateTarget(target, {
        asOf: '2018-11-01',
        observations: termly('2017-18-autumn', 'teachingOutstanding', values),
      });
      expect(result.status).toBe('atRisk');
      expect(result.evidence.trajectory).toMatchObject({ projected, clamped });
      expect(result.reason).toContain(reason);
    },
  );

  it('is at risk when the line falls short', () => {
    const result = evaluateTarget(WITHIN_3_YEARS, {
      asOf: '2018-11-01',
      observations: termly('2017-18-autumn', 'teachingOutstanding', [30, 30.5, 31]),
    });
    expect(result.status).toBe('atRisk');
    expect(result.reason).toContain('short of 40%');
  });

  it('is at risk, not "not due", below the level with too few figures to draw a line', () => {
    const result = evaluateTarget(WITHIN_3_YEARS, {
      asOf: '2018-11-01',
      observations: termly('2018-19-spring', 'teachingOutstanding', [30], '100001').concat(
        termly('2017-18-summer', 'teachingOutstanding', [29]),
      ),
    });
    expect(result).toMatchObject({ status: 'atRisk', rag: 'amber' });
    expect(result.reason).toBe(
      'Teaching outstanding 29% (summer 2018); 40% needed by 31 Aug 2019; not enough history to project (3 recent figures are needed); target: at least 40% within 3 years of opening',
    );
  });

  it.each<[string, string, string, string]>([
    // A year-long target judged before its year ends is at risk or on track, never missed.
    ['a grade short of the level, one figure', '2019-03-01', 'good', 'atRisk'],
    ['a grade at the level', '2019-03-01', 'outstanding', 'met'],
    ['a grade short of the level on the deadline', '2019-08-31', 'good', 'missed'],
  ])('an academic-year deadline: %s', (_case, asOf, grade, status) => {
    const target = {
      metric: 'seniorLeadership',
      rule: { kind: 'threshold', atLeast: 'outstanding', by: '2018-19' },
    };
    const result = evaluateTarget(target, {
      asOf,
      observations: [obs('2018-19-spring', 'seniorLeadership', grade)],
    });
    expect(result.status).toBe(status);
    expect(result.reason).toContain('31 Aug 2019');
    if (status === 'atRisk') {
      expect(result.reason).toBe(
        'Senior leadership judgement Good (spring 2019); Outstanding needed by 31 Aug 2019; not enough history to project (3 recent figures are needed); target: Outstanding by the end of 2018-19',
      );
    }
  });

  it('states a fixed deadline in a met reason too', () => {
    const target = { metric: 'attendance', rule: { kind: 'threshold', atLeast: 95, by: '2027-28' } };
    const result = evaluateTarget(target, {
      asOf: '2026-11-22',
      observations: termly('2026-27-autumn', 'attendance', [96]),
    });
    expect(result.reason).toBe(
      'Attendance 96% (autumn 2026) meets the target: at least 95% by the end of 2027-28 (by 31 Aug 2028)',
    );
  });

  it('is met early when the level is reached before the deadline', () => {
    const result = evaluateTarget(WITHIN_3_YEARS, {
      asOf: '2017-11-01',
      observations: termly('2017-18-autumn', 'teachingOutstanding', [41]),
    });
    expect(result.status).toBe('met');
    expect(result.reason).toContain('(by 31 Aug 2019)');
  });

  it('draws a line through grades by their rank', () => {
    const target = {
      metric: 'seniorLeadership',
      rule: { kind: 'threshold', atLeast: 'outstanding', by: { yearsAfterOpening: 3 } },
    };
    const rising = evaluateTarget(target, {
      asOf: '2018-11-01',
      observations: termly('2017-18-autumn', 'seniorLeadership', [
        'requiresImprovement',
        'requiresImprovement',
        'good',
      ]),
    });
    expect(rising.status).toBe('onTrack');
    const flat = evaluateTarget(target, {
      asOf: '2018-11-01',
      observations: termly('2017-18-autumn', 'seniorLeadership', ['good', 'good', 'good']),
    });
    expect(flat.status).toBe('atRisk');
  });

  it('counts the sixth term from the term containing a mid-year opening', () => {
    const target = {
      metric: 'teachingOutstanding',
      rule: { kind: 'threshold', atLeast: 40, by: { termOfOpening: 6 } },
    };
    // Opened 15 Jan 2017: spring 2017 is term 1, so term 6 is autumn 2018.
    const result = evaluateTarget(target, {
      asOf: '2018-12-31',
      academies: [academy({ openedOn: '2017-01-15' })],
      observations: termly('2018-19-autumn', 'teachingOutstanding', [39]),
    });
    expect(result.evidence.deadline).toEqual({
      date: '2018-12-31',
      term: '2018-19-autumn',
      label: 'autumn 2018',
    });
    expect(result.status).toBe('missed');
  });

  it('takes a fixed deadline as the end of the term or year named', () => {
    const target = { metric: 'attendance', rule: { kind: 'threshold', atLeast: 95, by: '2027-28-summer' } };
    const result = evaluateTarget(target, {
      asOf: '2026-11-22',
      observations: termly('2025-26-autumn', 'attendance', [93, 93.5, 94]),
    });
    expect(result.evidence.deadline).toEqual({
      date: '2028-08-31',
      term: '2027-28-summer',
      label: 'summer 2028',
    });
    expect(result.status).toBe('onTrack');
    expect(result.reason).toContain('target: at least 95% by summer 2028');
  });
});
