import fc from 'fast-check';

import type { Metric } from '../../../src/domain/metrics/metric';
import { getMetric, METRIC_CATALOGUE } from '../../../src/domain/metrics/metricCatalogue';
import type { RequestedMetric } from '../../../src/domain/round/requestedMetrics';
import type { FigureContent } from '../../../src/domain/round/round';
import {
  MAX_REASON_LENGTH,
  MAX_VALUE_LENGTH,
  readFigureInputs,
  REASON_PREFIX,
  sameContent,
  unknownFields,
  validateFigures,
  VALUE_PREFIX,
} from '../../../src/domain/round/validateFigures';

function metric(id: string): Metric {
  const found = getMetric(id);
  if (!found) throw new Error(`no metric ${id}`);
  return found;
}

const required = (id: string): RequestedMetric => ({ metric: metric(id), required: true });
const optional = (id: string): RequestedMetric => ({ metric: metric(id), required: false });

/** Card inputs for one metric: its value field and, when given, its reason field. */
function inputsFor(id: string, value?: string, reason?: string): Map<string, string> {
  const inputs = new Map<string, string>();
  if (value !== undefined) inputs.set(VALUE_PREFIX + id, value);
  if (reason !== undefined) inputs.set(REASON_PREFIX + id, reason);
  return inputs;
}

/** The outcome for one field: the stored content, or the error shown beside it, or `blank`. */
function outcome(requested: RequestedMetric, value?: string, reason?: string): unknown {
  const result = validateFigures([requested], inputsFor(requested.metric.id, value, reason));
  if (!result.ok) return { error: result.errors.get(requested.metric.id) };
  return result.figures.get(requested.metric.id) ?? 'blank';
}

// What no stored reason may hold: controls, bidirectional overrides and isolates, unpaired surrogates.
// eslint-disable-next-line no-control-regex
const NOT_PLAIN_TEXT = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ud800-\udfff]/u;

const REQUIRED = 'Required: enter the figure, or say why it is not available yet';
const BOTH = 'Give either the figure or the reason it is not available, not both';
const REASON_TOO_LONG = `Keep the reason to ${MAX_REASON_LENGTH} characters of plain text`;
const PERCENT = 'Enter a number from 0 to 100';
const COUNT = 'Enter a whole number from 0 to 500';
const GRADE = 'Choose one of: Outstanding, Good, Requires improvement, Inadequate';
const YES_NO = 'Answer yes or no';

describe('validateFigures, one field at a time', () => {
  it.each<[string, RequestedMetric, string | undefined, string | undefined, unknown]>([
    // Blanks
    ['required, no fields at all', required('attendance'), undefined, undefined, { error: REQUIRED }],
    ['required, both blank', required('attendance'), '', '', { error: REQUIRED }],
    ['required, whitespace only', required('attendance'), '   ', ' \t ', { error: REQUIRED }],
    ['optional, no fields at all', optional('reportCardInclusion'), undefined, undefined, 'blank'],
    ['optional, both blank', optional('reportCardInclusion'), ' ', '', 'blank'],
    // Value and reason
    ['a value and a reason together', required('attendance'), '95', 'not yet', { error: BOTH }],
    ['an invalid value and a reason together', required('attendance'), 'lots', 'not yet', { error: BOTH }],
    [
      'an optional value and a reason together',
      optional('reportCardInclusion'),
      'exceptional',
      'x',
      { error: BOTH },
    ],
    ['a reason only', required('attendance'), '', 'Census not closed', { notAvailable: 'Census not closed' }],
    [
      'a reason only, value field absent',
      required('attendance'),
      undefined,
      'later',
      { notAvailable: 'later' },
    ],
    [
      'a reason only on an optional field',
      optional('reportCardInclusion'),
      '',
      'no inspection',
      { notAvailable: 'no inspection' },
    ],
    [
      'a reason, trimmed and spaces collapsed',
      required('attendance'),
      '',
      '  results   not\tpublished \n',
      { notAvailable: 'results not published' },
    ],
    // Numbers and ranges
    ['a percent', required('attendance'), '95.5', undefined, { value: 95.5 }],
    ['a percent with a % sign', required('attendance'), '95%', undefined, { value: 95 }],
    ['a percent with a spaced % sign', required('attendance'), ' 95 % ', undefined, { value: 95 }],
    ['a percent at its top', required('attendance'), '100', undefined, { value: 100 }],
    ['a percent at its bottom', required('attendance'), '0', undefined, { value: 0 }],
    ['a percent above range', required('attendance'), '100.1', undefined, { error: PERCENT }],
    ['a percent below range', required('attendance'), '-1', undefined, { error: PERCENT }],
    ['a percent sign alone', required('attendance'), '%', undefined, { error: PERCENT }],
    ['a percent sign on a count', required('safeguardingConcerns'), '3%', undefined, { error: COUNT }],
    ['words for a number', required('attendance'), 'ninety', undefined, { error: PERCENT }],
    ['a count', required('safeguardingConcerns'), '3', undefined, { value: 3 }],
    ['a count, not whole', required('safeguardingConcerns'), '2.5', undefined, { error: COUNT }],
    ['a count, negative', required('safeguardingConcerns'), '-1', undefined, { error: COUNT }],
    ['a count above range', required('safeguardingConcerns'), '501', undefined, { error: COUNT }],
    ['a negative reserve', required('reservesPercentOfIncome'), '-2.5', undefined, { value: -2.5 }],
    ['a grouped number', required('inYearBalance'), '-1,250', undefined, { value: -1250 }],
    [
      'a number out of range',
      required('inYearBalance'),
      '100001',
      undefined,
      { error: 'Enter a number from -100000 to 100000' },
    ],
    ['minus zero', required('inYearBalance'), '-0', undefined, { value: 0 }],
    // Options and yes/no
    [
      'a grade by label',
      required('seniorLeadership'),
      'requires improvement',
      undefined,
      { value: 'requiresImprovement' },
    ],
    ['a grade by value', required('seniorLeadership'), 'good', undefined, { value: 'good' }],
    ['a wrong grade', required('seniorLeadership'), 'excellent', undefined, { error: GRADE }],
    [
      'a report-card grade on the old scale',
      optional('reportCardInclusion'),
      'good',
      undefined,
      {
        error:
          'Choose one of: Exceptional, Strong standard, Expected standard, Needs attention, Urgent improvement',
      },
    ],
    ['a choice', optional('reportCardSafeguarding'), 'Not met', undefined, { value: 'notMet' }],
    [
      'a wrong choice',
      optional('reportCardSafeguarding'),
      'partly',
      undefined,
      { error: 'Choose one of: Met, Not met' },
    ],
    ['yes', optional('ofstedSafeguardingEffective'), 'yes', undefined, { value: true }],
    ['No', optional('ofstedSafeguardingEffective'), 'No', undefined, { value: false }],
    ['true', optional('ofstedSafeguardingEffective'), 'true', undefined, { value: true }],
    ['maybe', optional('ofstedSafeguardingEffective'), 'maybe', undefined, { error: YES_NO }],
    ['1 for yes/no', optional('ofstedSafeguardingEffective'), '1', undefined, { error: YES_NO }],
  ])('%s', (_name, requested, value, reason, expected) => {
    expect(outcome(requested, value, reason)).toEqual(expected);
  });

  const leadingZeros = (length: number) => '0'.repeat(length - 2) + '42';

  it.each<[string, RequestedMetric, string | undefined, string | undefined, unknown]>([
    [
      `a value of ${MAX_VALUE_LENGTH} characters`,
      required('attendance'),
      leadingZeros(MAX_VALUE_LENGTH),
      undefined,
      { value: 42 },
    ],
    [
      `a value of ${MAX_VALUE_LENGTH + 1} characters`,
      required('attendance'),
      leadingZeros(MAX_VALUE_LENGTH + 1),
      undefined,
      { error: PERCENT },
    ],
    [
      'an overlong grade says what it expects',
      required('seniorLeadership'),
      'g'.repeat(65),
      undefined,
      { error: GRADE },
    ],
    [
      'an overlong yes/no says what it expects',
      optional('ofstedSafeguardingEffective'),
      'y'.repeat(65),
      undefined,
      { error: YES_NO },
    ],
    [
      `a reason of ${MAX_REASON_LENGTH} characters`,
      required('attendance'),
      '',
      'r'.repeat(MAX_REASON_LENGTH),
      { notAvailable: 'r'.repeat(MAX_REASON_LENGTH) },
    ],
    [
      `a reason of ${MAX_REASON_LENGTH + 1} characters`,
      required('attendance'),
      '',
      'r'.repeat(MAX_REASON_LENGTH + 1),
      { error: REASON_TOO_LONG },
    ],
    [
      'a reason that is long only in its spaces',
      required('attendance'),
      '',
      `a${' '.repeat(300)}b`,
      { notAvailable: 'a b' },
    ],
    // Control characters and bidirectional overrides
    ['a NUL in a value', required('attendance'), '9\u00005', undefined, { error: PERCENT }],
    ['a newline inside a value', required('attendance'), '9\n5', undefined, { error: PERCENT }],
    ['an escape in a value', required('seniorLeadership'), '\u001b[31mgood', undefined, { error: GRADE }],
    ['DEL in a value', required('attendance'), '95\u007f', undefined, { error: PERCENT }],
    ['a C1 control in a value', required('attendance'), '\u008595', undefined, { error: PERCENT }],
    [
      'a right-to-left override in a value',
      optional('ofstedSafeguardingEffective'),
      '\u202eyes',
      undefined,
      { error: YES_NO },
    ],
    ['a NUL in a reason', required('attendance'), '', 'not\u0000yet', { error: REASON_TOO_LONG }],
    [
      'a right-to-left override in a reason',
      required('attendance'),
      '',
      'gnidnep \u202e',
      { error: REASON_TOO_LONG },
    ],
    [
      'a left-to-right isolate in a reason',
      required('attendance'),
      '',
      'x \u2066y\u2069',
      { error: REASON_TOO_LONG },
    ],
    ['a C1 control in a reason', required('attendance'), '', 'later\u0085', { error: REASON_TOO_LONG }],
    ['a DEL in a reason', required('attendance'), '', 'later\u007f', { error: REASON_TOO_LONG }],
    [
      'half a surrogate pair in a reason',
      required('attendance'),
      '',
      'later \ud83d',
      { error: REASON_TOO_LONG },
    ],
    [
      'the other half of a surrogate pair in a reason',
      required('attendance'),
      '',
      '\ude00 later',
      { error: REASON_TOO_LONG },
    ],
    [
      'half a surrogate pair in a value',
      required('seniorLeadership'),
      'good\ud83d',
      undefined,
      { error: GRADE },
    ],
    [
      'an emoji in a reason is plain text',
      required('attendance'),
      '',
      'after the trip 🚌',
      { notAvailable: 'after the trip 🚌' },
    ],
    [
      'accented letters in a reason are plain text',
      required('attendance'),
      '',
      'Ofsted’s café visit',
      { notAvailable: 'Ofsted’s café visit' },
    ],
  ])('%s', (_name, requested, value, reason, expected) => {
    expect(outcome(requested, value, reason)).toEqual(expected);
  });
});

describe('validateFigures, a whole card', () => {
  const card = [required('attendance'), required('safeguardingConcerns'), optional('reportCardInclusion')];

  it('returns every figure when all are valid, leaving a blank optional field out', () => {
    const inputs = new Map([
      ['m_attendance', '95.2'],
      ['m_safeguardingConcerns', ''],
      ['na_safeguardingConcerns', 'Audit in progress'],
      ['m_reportCardInclusion', ''],
    ]);
    expect(validateFigures(card, inputs)).toEqual({
      ok: true,
      figures: new Map<string, FigureContent>([
        ['attendance', { value: 95.2 }],
        ['safeguardingConcerns', { notAvailable: 'Audit in progress' }],
      ]),
    });
  });

  it('returns an error for every field that needs one, and no figures', () => {
    const inputs = new Map([
      ['m_attendance', '101'],
      ['m_reportCardInclusion', 'good'],
    ]);
    expect(validateFigures(card, inputs)).toEqual({
      ok: false,
      errors: new Map([
        ['attendance', PERCENT],
        ['safeguardingConcerns', REQUIRED],
        [
          'reportCardInclusion',
          'Choose one of: Exceptional, Strong standard, Expected standard, Needs attention, Urgent improvement',
        ],
      ]),
    });
  });

  it('ignores inputs for metrics that were not requested', () => {
    const inputs = new Map([
      ['m_attendance', '95'],
      ['m_safeguardingConcerns', '0'],
      ['m_teachingGoodOrBetter', 'not a number'],
    ]);
    const result = validateFigures(card, inputs);
    expect(result.ok && [...result.figures.keys()]).toEqual(['attendance', 'safeguardingConcerns']);
  });

  it('accepts an empty card when nothing is requested', () => {
    expect(validateFigures([], new Map())).toEqual({ ok: true, figures: new Map() });
  });
});

describe('readFigureInputs', () => {
  it.each<[string, Record<string, unknown>, [string, string][]]>([
    [
      'strings as sent',
      { m_attendance: '95', na_attendance: '' },
      [
        ['m_attendance', '95'],
        ['na_attendance', ''],
      ],
    ],
    ['a number', { m_attendance: 95.5 }, [['m_attendance', '95.5']]],
    [
      'zero and minus zero',
      { m_a: 0, m_b: -0 },
      [
        ['m_a', '0'],
        ['m_b', '0'],
      ],
    ],
    ['a negative number', { m_inYearBalance: -1250 }, [['m_inYearBalance', '-1250']]],
    [
      'true and false',
      { m_a: true, m_b: false },
      [
        ['m_a', 'yes'],
        ['m_b', 'no'],
      ],
    ],
    ['NaN and the infinities are dropped', { m_a: NaN, m_b: Infinity, m_c: -Infinity }, []],
    [
      'null, undefined, objects and arrays are dropped',
      { m_a: null, m_b: undefined, m_c: {}, m_d: ['1'], na_e: { toString: () => 'x' } },
      [],
    ],
    ['a bigint is dropped', { m_a: BigInt(5) }, []],
    [
      'keys without a field prefix are ignored',
      { verb: 'submit', academy: '990001', round: '2025-26-autumn', attendance: '95', mattendance: '1' },
      [],
    ],
    [
      'a bare prefix is kept (and then unknown)',
      { m_: '1', na_: 'x' },
      [
        ['m_', '1'],
        ['na_', 'x'],
      ],
    ],
    [
      'an own __proto__ key is not special',
      JSON.parse('{"__proto__": "1", "m___proto__": "2"}') as Record<string, unknown>,
      [['m___proto__', '2']],
    ],
  ])('%s', (_name, data, expected) => {
    expect([...readFigureInputs(data)]).toEqual(expected);
  });

  it('feeds validation: a number and a boolean sent as JSON values are read like typed text', () => {
    const inputs = readFigureInputs({
      m_attendance: 96,
      m_ofstedSafeguardingEffective: false,
      m_safeguardingConcerns: 2.5,
    });
    expect(
      validateFigures(
        [required('attendance'), optional('ofstedSafeguardingEffective'), required('safeguardingConcerns')],
        inputs,
      ),
    ).toEqual({ ok: false, errors: new Map([['safeguardingConcerns', COUNT]]) });
    const valid = readFigureInputs({ m_attendance: 96, m_ofstedSafeguardingEffective: false });
    expect(validateFigures([required('attendance'), optional('ofstedSafeguardingEffective')], valid)).toEqual(
      {
        ok: true,
        figures: new Map<string, FigureContent>([
          ['attendance', { value: 96 }],
          ['ofstedSafeguardingEffective', { value: false }],
        ]),
      },
    );
  });

  it('turns a huge number into text that validation refuses with the usual message', () => {
    const inputs = readFigureInputs({ m_attendance: 1e21 });
    expect(validateFigures([required('attendance')], inputs)).toEqual({
      ok: false,
      errors: new Map([['attendance', PERCENT]]),
    });
  });
});

describe('unknownFields', () => {
  const card = [required('attendance'), optional('reportCardInclusion')];

  it.each<[string, [string, string][], string[]]>([
    [
      'only the card’s own fields',
      [
        ['m_attendance', '95'],
        ['na_attendance', ''],
        ['m_reportCardInclusion', ''],
      ],
      [],
    ],
    ['no fields at all', [], []],
    [
      'a tampered metric id',
      [
        ['m_attendance', '95'],
        ['m_attendanceX', '1'],
      ],
      ['m_attendanceX'],
    ],
    [
      'a real metric the card did not ask for',
      [['m_teachingGoodOrBetter', '90']],
      ['m_teachingGoodOrBetter'],
    ],
    [
      'a reason for a metric the card did not ask for',
      [['na_teachingGoodOrBetter', 'x']],
      ['na_teachingGoodOrBetter'],
    ],
    ['a metric id in another case', [['m_Attendance', '95']], ['m_Attendance']],
    ['the other prefix of a known id', [['na_m_attendance', 'x']], ['na_m_attendance']],
    ['a bare prefix', [['m_', '1']], ['m_']],
    [
      'several, in the order sent',
      [
        ['m_z', '1'],
        ['m_attendance', '1'],
        ['na_a', '1'],
      ],
      ['m_z', 'na_a'],
    ],
  ])('%s', (_name, entries, expected) => {
    expect(unknownFields(card, new Map(entries))).toEqual(expected);
  });

  it('lists every field when nothing was requested', () => {
    expect(unknownFields([], new Map([['m_attendance', '95']]))).toEqual(['m_attendance']);
  });
});

describe('sameContent', () => {
  it.each<[string, FigureContent | undefined, FigureContent | undefined, boolean]>([
    ['both absent', undefined, undefined, true],
    ['one absent', { value: 1 }, undefined, false],
    ['the other absent', undefined, { notAvailable: 'x' }, false],
    ['the same number', { value: 95 }, { value: 95 }, true],
    ['different numbers', { value: 95 }, { value: 95.1 }, false],
    ['zero and minus zero', { value: 0 }, { value: -0 }, true],
    ['a number and its text', { value: 1 }, { value: '1' }, false],
    ['the same option', { value: 'good' }, { value: 'good' }, true],
    ['different options', { value: 'good' }, { value: 'outstanding' }, false],
    ['true and false', { value: true }, { value: false }, false],
    ['the same reason', { notAvailable: 'later' }, { notAvailable: 'later' }, true],
    ['different reasons', { notAvailable: 'later' }, { notAvailable: 'Later' }, false],
    ['a value and a reason', { value: 'later' }, { notAvailable: 'later' }, false],
    ['a reason and a value', { notAvailable: 'later' }, { value: 'later' }, false],
  ])('%s', (_name, a, b, expected) => {
    expect(sameContent(a, b)).toBe(expected);
  });
});

describe('properties', () => {
  const headMetrics = METRIC_CATALOGUE.filter((m) => m.source === 'head');
  const fieldKey = fc.oneof(
    fc.constantFrom(...headMetrics.flatMap((m) => [VALUE_PREFIX + m.id, REASON_PREFIX + m.id])),
    fc.string().map((s) => VALUE_PREFIX + s),
    fc.string().map((s) => REASON_PREFIX + s),
    fc.string(),
  );
  const anything = fc.anything({
    withBigInt: true,
    withNullPrototype: true,
    withMap: true,
    withTypedArray: true,
  });
  // Card data as a forged request might send it: field-like keys or any keys, with values of any kind.
  const anyObject: fc.Arbitrary<Record<string, unknown>> = fc.oneof<fc.Arbitrary<Record<string, unknown>>[]>(
    fc.dictionary(fieldKey, anything, { noNullPrototype: false }),
    fc.object({ values: [anything], withNullPrototype: true }),
  );
  const text = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc.constantFrom('95', '95%', '-0', 'good', 'Met', 'yes', '', ' ', '1e3', '0x10', '١٢'),
  );

  it('readFigureInputs never throws for arbitrary objects, and keeps only prefixed keys as text', () => {
    fc.assert(
      fc.property(anyObject, (data) => {
        const inputs = readFigureInputs(data);
        for (const [key, value] of inputs) {
          expect(key.startsWith(VALUE_PREFIX) || key.startsWith(REASON_PREFIX)).toBe(true);
          expect(typeof value).toBe('string');
        }
      }),
      { numRuns: 200 },
    );
  });

  it('validateFigures never throws, and answers every requested field with a figure, an error or a blank', () => {
    const requestedArb = fc
      .subarray(headMetrics)
      .chain((metrics) =>
        fc.tuple(
          ...metrics.map((m) => fc.boolean().map((isRequired) => ({ metric: m, required: isRequired }))),
        ),
      );
    fc.assert(
      fc.property(requestedArb, fc.dictionary(fieldKey, text), anyObject, (requested, typed, raw) => {
        const inputs = new Map([...Object.entries(typed), ...readFigureInputs(raw)]);
        const result = validateFigures(requested, inputs);
        const ids = new Set(requested.map((r) => r.metric.id));
        const keys = result.ok ? [...result.figures.keys()] : [...result.errors.keys()];
        for (const key of keys) expect(ids.has(key)).toBe(true);
        if (result.ok) {
          for (const r of requested) if (r.required) expect(result.figures.has(r.metric.id)).toBe(true);
          for (const content of result.figures.values()) {
            if ('notAvailable' in content) {
              expect(content.notAvailable).toBe(content.notAvailable.trim());
              expect(content.notAvailable).not.toMatch(NOT_PLAIN_TEXT);
              expect(content.notAvailable.length).toBeGreaterThan(0);
              expect(content.notAvailable.length).toBeLessThanOrEqual(MAX_REASON_LENGTH);
            }
          }
        } else {
          for (const message of result.errors.values()) expect(message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('validateFigures with date bounds', () => {
  const bounds = { opened: '2019-09-01', termEnd: '2026-12-31', termLabel: 'autumn 2026' };
  const allowed = 'enter a day from 1 Sep 2019, when the academy opened, to 31 Dec 2026';

  it.each([
    [
      'the day after the term',
      '2027-01-01',
      `1 Jan 2027 is after the end of autumn 2026 (31 Dec 2026), the term being answered: ${allowed}`,
    ],
    [
      'the day before opening',
      '2019-08-31',
      `31 Aug 2019 is before the academy opened (1 Sep 2019): ${allowed}`,
    ],
  ])('refuses an inspection date on %s, naming the days allowed', (_case, date, message) => {
    const result = validateFigures(
      [optional('ofstedInspectionDate')],
      inputsFor('ofstedInspectionDate', date),
      bounds,
    );
    expect(result).toEqual({ ok: false, errors: new Map([['ofstedInspectionDate', message]]) });
  });

  it.each(['2019-09-01', '2026-12-31'])('accepts %s, a bound itself', (date) => {
    const result = validateFigures(
      [optional('ofstedInspectionDate')],
      inputsFor('ofstedInspectionDate', date),
      bounds,
    );
    expect(result).toEqual({ ok: true, figures: new Map([['ofstedInspectionDate', { value: date }]]) });
  });
});
