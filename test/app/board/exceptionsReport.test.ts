/**
 * The exceptions report's rules, from tables of results and standings: what is an exception, their
 * order, their wording (at most 140 characters, never cut mid-word), the one headline sentence, the
 * change since the last closed term, and who sent nothing, was excused or could not be reached.
 */
import {
  changeSentence,
  EXCEPTIONS_SHOWN,
  exceptionsOf,
  exceptionsView,
  headlineSentence,
  MAX_EXCEPTION_CHARS,
  type ReportInput,
  shownExceptions,
  whoLines,
} from '../../../src/app/board/exceptionsReport';
import type { AcademyProgress } from '../../../src/app/round/roundProgress';
import type { Evaluation, Evidence, TargetResult } from '../../../src/domain/evaluation/evaluation';
import { academy } from '../../domain/evaluation/evaluationFixtures';
import { evaluation, type Row } from './evaluationFixtures';

const PMS = ['990001', 'The Philip Morant School and College'] as const;
const KMS = ['990002', 'Kingfisher Meadow School'] as const;
const SALT = ['990004', 'Saltmarsh Academy'] as const;
const OAK = ['990005', 'Oakhaven Free School'] as const;

/** The evaluation of the rows, each result's evidence and owner replaced where the table gives them. */
function judged(
  rows: readonly (Row | [...Row, Partial<TargetResult> & { evidence?: Evidence }])[],
): Evaluation {
  const base = evaluation(
    '2026-27-autumn',
    rows.map((row) => row.slice(0, 6) as Row),
  );
  return {
    ...base,
    results: base.results.map((result, index) => ({ ...result, ...(rows[index]?.[6] ?? {}) })),
  };
}

function standing(
  [urn, name]: readonly [string, string],
  state: AcademyProgress['standing'],
  extra: Partial<AcademyProgress> = {},
): AcademyProgress {
  return { academy: academy({ urn, name }), standing: state, ...extra };
}

const ATTENDANCE: Evidence = {
  metricId: 'attendance',
  target: 'at least 95% by summer 2028',
  value: { value: 91.2, display: '91.2%', term: '2026-27-autumn' },
  trajectory: {
    points: [],
    slope: 0.1,
    projected: 92.1,
    projectedDisplay: '92.1%',
    at: '2027-28-summer',
  },
  deadline: { date: '2028-08-31', term: '2027-28-summer', label: 'summer 2028' },
};

const RESERVES_NOT_AVAILABLE: Evidence = {
  metricId: 'reservesPercentOfIncome',
  target: 'at least 5%',
  missing: '2026-27-autumn',
  notAvailable: { reason: 'awaiting year-end audit adjustments', by: 'Helen Marsh', on: '2026-12-07' },
};

const VACANCIES: Partial<TargetResult> = {
  owner: 'trust',
  evidence: { metricId: 'governorVacancies', target: 'at most 1', missing: '2026-27' },
};

describe('what is an exception, and its words', () => {
  it.each<[string, Row | [...Row, Partial<TargetResult>], string | undefined]>([
    [
      'a target missed: value against target, with why',
      [
        ...SALT,
        'o1',
        'Attendance at least 95%',
        'missed',
        'r',
        { evidence: { ...ATTENDANCE, trajectory: undefined } },
      ],
      'Saltmarsh Academy — Attendance: 91.2% against at least 95% by summer 2028 (missed, deadline summer 2028)',
    ],
    [
      'a target at risk, with where it is heading',
      [...SALT, 'o1', 'Attendance at least 95%', 'atRisk', 'r', { evidence: ATTENDANCE }],
      'Saltmarsh Academy — Attendance: 91.2% against at least 95% by summer 2028 (at risk: heading for 92.1% by summer 2028)',
    ],
    [
      "a figure the head said is not available, with the head's reason, who and when",
      [...PMS, 'o6', 'Reserves at least 5%', 'noData', 'r', { evidence: RESERVES_NOT_AVAILABLE }],
      'The Philip Morant School and College — Revenue reserves: not available (awaiting year-end audit adjustments; Helen Marsh, 7 Dec)',
    ],
    [
      'a figure not sent, with the last one given',
      [
        ...SALT,
        'o6',
        'Reserves at least 5%',
        'noData',
        'r',
        {
          evidence: {
            metricId: 'reservesPercentOfIncome',
            target: 'at least 5%',
            missing: '2026-27-autumn',
            value: { value: 5.1, display: '5.1%', term: '2025-26-summer', period: '2025-26-summer' },
          },
        },
      ],
      'Saltmarsh Academy — Revenue reserves: not sent for autumn 2026 (last 5.1%, summer 2026)',
    ],
    ['a target met is not', [...SALT, 'o1', 'Attendance', 'met', 'r'], undefined],
    ['a target on track is not', [...SALT, 'o1', 'Attendance', 'onTrack', 'r'], undefined],
    ['a target not due is not', [...SALT, 'o1', 'Attendance', 'notDue', 'r'], undefined],
    [
      'no national figure to judge against (grey) is not: it is no academy’s doing',
      [...SALT, 'o1', 'Attainment 8 above national', 'noData', 'r', { rag: 'grey' }],
      undefined,
    ],
  ])('%s', (_case, row, expected) => {
    const lines = exceptionsOf({ evaluation: judged([row]) }).map((entry) => entry.text);
    expect(lines).toEqual(expected === undefined ? [] : [expected]);
  });

  it("lists the trust's own missing figures once, under the trust, never under an academy", () => {
    const lines = exceptionsOf({
      evaluation: judged([
        [...PMS, 'o8', 'Vacancies', 'noData', 'r', VACANCIES],
        [...KMS, 'o8', 'Vacancies', 'noData', 'r', VACANCIES],
      ]),
    });
    expect(lines.map((entry) => [entry.label, entry.subject, entry.text])).toEqual([
      ['Amber', 'Trust', 'Trust — not supplied: Local governing body vacancies (2 academies)'],
    ]);
  });

  it("names the owner of the trust's missing figures beside them, under the trust", () => {
    const lines = exceptionsOf({
      evaluation: judged([
        [...PMS, 'o8', 'Vacancies', 'noData', 'r', VACANCIES],
        [...KMS, 'o8', 'Vacancies', 'noData', 'r', VACANCIES],
      ]),
      trustOwners: new Map([['governorVacancies', 'Amara Okafor']]),
    });
    expect(lines.map((entry) => [entry.subject, entry.text])).toEqual([
      ['Trust', 'Trust — not supplied: Local governing body vacancies (2 academies, Amara Okafor)'],
    ]);
  });

  it("gives each owner of the trust's missing figures a line of their own, so a cut never drops a name", () => {
    const of = (metricId: string): Partial<TargetResult> => ({
      owner: 'trust',
      evidence: { metricId, target: 'yes', missing: '2026-27' },
    });
    const lines = exceptionsOf({
      evaluation: judged(
        ['governorVacancies', 'climateActionPlan', 'trustReviewsCompleted', 'teacherTurnover'].flatMap(
          (metricId) => [
            [...PMS, 'o8', metricId, 'noData', 'r', of(metricId)] as [...Row, Partial<TargetResult>],
            [...KMS, 'o8', metricId, 'noData', 'r', of(metricId)] as [...Row, Partial<TargetResult>],
          ],
        ),
      ),
      trustOwners: new Map([
        ['governorVacancies', 'Amara Okafor'],
        ['climateActionPlan', 'Amara Okafor'],
        ['trustReviewsCompleted', 'Daniel Hughes'],
        ['teacherTurnover', 'Priya Shah'],
      ]),
    });
    expect(lines.map((entry) => [entry.subject, entry.text])).toEqual([
      [
        'Trust',
        'Trust — not supplied: Local governing body vacancies (2 academies, Amara Okafor), Climate action plan in place (2 academies, Amara Okafor)',
      ],
      ['Trust', 'Trust — not supplied: Trust reviews completed (2 academies, Daniel Hughes)'],
      ['Trust', 'Trust — not supplied: Teacher turnover (2 academies, Priya Shah)'],
    ]);
  });

  it('keeps every line to 140 characters of whole words, the why kept whole at its end', () => {
    const long =
      'Attendance at least 95% by the end of the plan, every academy, every term, and every group of pupils';
    const evidence = { ...ATTENDANCE, target: long };
    const [line] = exceptionsOf({
      evaluation: judged([[...PMS, 'o1', 'A', 'atRisk', 'r', { evidence }]]),
    }).map((entry) => entry.text);
    expect([...(line ?? '')].length).toBeLessThanOrEqual(MAX_EXCEPTION_CHARS);
    expect(line).toMatch(/ \(at risk: heading for 92\.1% by summer 2028\)$/);
    // The cut is at a word boundary: what is kept before the ellipsis is the text's own words.
    const kept = (line ?? '').split('…')[0] ?? '';
    expect(`The Philip Morant School and College — Attendance: 91.2% against ${long}`.startsWith(kept)).toBe(
      true,
    );
    expect(`${kept} `).toBe(
      `The Philip Morant School and College — Attendance: 91.2% against ${long}`.slice(0, kept.length + 1),
    );
  });
});

describe('the order: worst first', () => {
  const rows: (Row | [...Row, Partial<TargetResult>])[] = [
    [...PMS, 'o6', 'Reserves', 'noData', 'r', { evidence: RESERVES_NOT_AVAILABLE }],
    [...PMS, 'o1', 'Attendance', 'atRisk', 'PMS at risk', { evidence: { metricId: 'x', target: 't' } }],
    [...KMS, 'o8', 'Vacancies', 'noData', 'r', VACANCIES],
    [...SALT, 'o1', 'Attendance', 'missed', 'Saltmarsh missed', { evidence: { metricId: 'x', target: 't' } }],
    [...KMS, 'o1', 'Attendance', 'missed', 'KMS missed', { evidence: { metricId: 'x', target: 't' } }],
    [...KMS, 'o2', 'Progress', 'missed', 'KMS missed again', { evidence: { metricId: 'x', target: 't' } }],
    [...OAK, 'o1', 'Attendance', 'noData', 'r'],
    [...OAK, 'o2', 'Progress', 'atRisk', 'Oakhaven at risk', { evidence: { metricId: 'x', target: 't' } }],
  ];

  it('puts academies that sent nothing first, then missed, at risk, the trust’s gaps, not available, not sent', () => {
    const input: ReportInput = {
      evaluation: judged(rows),
      progress: [standing(PMS, 'submitted'), standing(OAK, 'notStarted', { headName: 'Sofia Romano' })],
    };
    expect(exceptionsOf(input).map((entry) => [entry.kind, entry.subject])).toEqual([
      ['sentNothing', 'Oakhaven Free School'],
      // The academy with more missed first.
      ['missed', 'Kingfisher Meadow School'],
      ['missed', 'Kingfisher Meadow School'],
      ['missed', 'Saltmarsh Academy'],
      ['atRisk', 'Oakhaven Free School'],
      ['atRisk', 'The Philip Morant School and College'],
      ['trustNotSupplied', 'Trust'],
      ['notAvailable', 'The Philip Morant School and College'],
    ]);
    expect(exceptionsOf(input)[0]?.text).toBe(
      'Oakhaven Free School — sent no figures (1 figure missing; head Sofia Romano)',
    );
  });

  it.each<[string, AcademyProgress['standing'], string | undefined]>([
    [
      'could not be reached',
      'unreachable',
      'Oakhaven Free School — sent no figures: could not be reached (the app is not installed for them)',
    ],
    ['draft saved, never submitted', 'draft', 'Oakhaven Free School — sent no figures (1 figure missing)'],
    ['excused (told with its reason under Excused, not as an exception)', 'excused', undefined],
  ])('an academy that %s', (_case, state, expected) => {
    const input: ReportInput = {
      evaluation: judged([[...OAK, 'o1', 'Attendance', 'noData', 'r']]),
      progress: [
        standing(OAK, state, state === 'unreachable' ? { detail: 'the app is not installed for them' } : {}),
      ],
    };
    expect(exceptionsOf(input).map((entry) => entry.text)).toEqual(expected === undefined ? [] : [expected]);
  });

  it('in an open round, what is not in yet is no exception', () => {
    const input: ReportInput = {
      evaluation: judged(rows),
      progress: [standing(PMS, 'submitted'), standing(OAK, 'notStarted')],
      provisional: true,
      openUntil: '2026-12-12',
    };
    const kinds = exceptionsOf(input).map((entry) => [entry.kind, entry.subject]);
    expect(kinds).not.toContainEqual(['sentNothing', 'Oakhaven Free School']);
    expect(kinds.filter(([kind]) => kind === 'notSent')).toEqual([]);
  });

  it('shows the worst eight and counts the rest', () => {
    const many = Array.from({ length: 11 }, (_, n): Row => [
      String(990100 + n),
      `Academy ${n}`,
      'o1',
      'Attendance',
      'missed',
      'r',
    ]);
    const { shown, more } = shownExceptions(exceptionsOf({ evaluation: judged(many) }));
    expect(shown).toHaveLength(EXCEPTIONS_SHOWN);
    expect(more).toBe(3);
  });
});

describe('the headline: one sentence a trustee can repeat', () => {
  const missedAndRisk: Row[] = [
    [...PMS, 'o1', 'A', 'missed', 'r'],
    [...PMS, 'o1', 'B', 'atRisk', 'r'],
    [...SALT, 'o1', 'A', 'atRisk', 'r'],
    [...KMS, 'o1', 'A', 'met', 'r'],
  ];
  it.each<[string, Row[], Partial<ReportInput>, string]>([
    [
      'missed and at risk, with the academies that sent nothing',
      missedAndRisk,
      { progress: [standing(KMS, 'notStarted'), standing(OAK, 'unreachable'), standing(PMS, 'submitted')] },
      'Autumn 2026: 1 target missed and 2 at risk in 2 academies; 2 academies sent no figures.',
    ],
    [
      'nothing missed or at risk',
      [[...KMS, 'o1', 'A', 'met', 'r']],
      {},
      'Autumn 2026: no target missed or at risk.',
    ],
    [
      'at risk only, one academy',
      [[...SALT, 'o1', 'A', 'atRisk', 'r']],
      {},
      'Autumn 2026: 1 target at risk in 1 academy.',
    ],
    [
      'an open round says who has not sent yet, and until when',
      missedAndRisk,
      {
        progress: [standing(KMS, 'notStarted'), standing(PMS, 'submitted'), standing(SALT, 'excused')],
        provisional: true,
        openUntil: '2026-12-12',
      },
      'Autumn 2026: 1 target missed and 2 at risk in 2 academies; 1 academy has not sent figures yet (round open until 12 Dec).',
    ],
  ])('%s', (_case, rows, extra, sentence) => {
    expect(headlineSentence({ evaluation: evaluation('2026-27-autumn', rows), ...extra })).toBe(sentence);
  });

  it('names the trust when a trust-wide target is at risk', () => {
    const stored = evaluation('2026-27-autumn', [[...PMS, 'o1', 'A', 'atRisk', 'r']]);
    const trust: TargetResult = {
      ...stored.results[0]!,
      subject: { kind: 'trust', name: 'The Trust' },
    };
    expect(headlineSentence({ evaluation: { ...stored, results: [...stored.results, trust] } })).toBe(
      'Autumn 2026: 2 targets at risk in 1 academy and the trust.',
    );
  });

  it.each<[string, Row[] | undefined, string]>([
    ['no earlier closed term', undefined, 'No earlier closed term to compare with.'],
    [
      'an earlier closed term',
      [
        [...PMS, 'o1', 'A', 'atRisk', 'r'],
        [...PMS, 'o1', 'B', 'atRisk', 'r'],
        [...SALT, 'o1', 'A', 'met', 'r'],
        [...KMS, 'o1', 'A', 'met', 'r'],
      ],
      'Since summer 2026: missed up 1 to 1, at risk unchanged at 2, met or on track down 1 to 1.',
    ],
  ])('the change since: %s', (_case, before, sentence) => {
    const previous = before ? evaluation('2025-26-summer', before) : undefined;
    expect(changeSentence(evaluation('2026-27-autumn', missedAndRisk), previous)).toBe(sentence);
  });
});

describe('who sent nothing, was excused, could not be reached', () => {
  it('gives each its line, the excused with their reason, at most three names a line', () => {
    const many = Array.from({ length: 7 }, (_, n) =>
      standing([String(990200 + n), `Academy ${n}`], 'notStarted', { headName: `Head ${n}` }),
    );
    const lines = whoLines({
      evaluation: evaluation('2026-27-autumn', []),
      progress: [
        ...many,
        standing(OAK, 'unreachable', { detail: 'the app is not installed for them' }),
        standing(KMS, 'excused', { detail: 'head on long-term leave; the deputy sends figures next term' }),
        standing(PMS, 'submitted'),
      ],
    });
    expect(lines).toEqual([
      {
        title: 'Sent no figures (7)',
        text: 'Academy 0, Academy 1, Academy 2 and 4 more',
      },
      { title: 'Could not be reached (1)', text: 'Oakhaven Free School: the app is not installed for them' },
      {
        title: 'Excused (1)',
        text: 'Kingfisher Meadow School: head on long-term leave; the deputy sends figures next term',
      },
    ]);
  });

  it('says "not sent yet" with the closing day in an open round', () => {
    const [line] = whoLines({
      evaluation: evaluation('2026-27-autumn', []),
      progress: [standing(OAK, 'draft')],
      provisional: true,
      openUntil: '2026-12-12',
    });
    expect(line).toEqual({
      title: 'Not sent yet (round open until 12 Dec) (1)',
      text: 'Oakhaven Free School',
    });
  });
});

describe('all the exceptions (the "and N more" button)', () => {
  it('lists every exception worst first, and who sent what in full', () => {
    const rows = Array.from({ length: 12 }, (_, n): Row => [
      String(990100 + n),
      `Academy ${n}`,
      'o1',
      'A',
      'missed',
      'r',
    ]);
    const view = exceptionsView({
      evaluation: judged(rows),
      progress: Array.from({ length: 7 }, (_, n) =>
        standing([String(990100 + n), `Academy ${n}`], 'submitted'),
      ),
    });
    expect(view.title).toBe('Exceptions: autumn 2026');
    expect(view.sections[0]?.items).toHaveLength(12);
    expect(view.lines[1]).toBe('12 exceptions, worst first.');
  });
});
