/**
 * Every card the bot can send, with realistic data: the demo trust's plan, roster and figures (the
 * Philip Morant School's own card, the trust evaluated for autumn 2026 against summer 2026), and the
 * worst cases of the card fixtures. Each case names the texts and input ids a person must see once the
 * card is rendered. CARD_BUILDERS is every builder in cards/; the rendering test fails when one has no case.
 */
import { generateTrust, TERMS } from '../../bench/generateTrust';
import { boardBindingCard } from '../../cards/boardBindingCard';
import { boardDetailCard } from '../../cards/boardDetailCard';
import { boardSummaryCard } from '../../cards/boardSummaryCard';
import { figuresCard } from '../../cards/figuresCard';
import { figuresSummaryCard } from '../../cards/figuresSummaryCard';
import { helpCard } from '../../cards/helpCard';
import { reminderCard } from '../../cards/reminderCard';
import type { CardAttachment } from '../../cards/renderCard';
import { roundClosedCard } from '../../cards/roundClosedCard';
import { roundConfirmCard } from '../../cards/roundConfirmCard';
import { roundProgressCard } from '../../cards/roundProgressCard';
import { loadNationalBenchmarksSync } from '../../src/adapters/files/loadNationalBenchmarks';
import { loadTrustPlan } from '../../src/adapters/files/loadTrustPlan';
import { readObservationsCsv } from '../../src/adapters/files/readObservationsCsv';
import { readRosterDir } from '../../src/adapters/files/readRosterDir';
import type { ChartView } from '../../src/app/board/boardViews';
import { trustOwnerNames } from '../../src/app/board/postBoardSummary';
import {
  findPrinciple,
  principlesOf,
  principlesView,
  principleView,
} from '../../src/app/board/principlesView';
import {
  academyStatusView,
  objectiveView,
  risksView,
  trustStatusView,
} from '../../src/app/board/statusViews';
import { summaryView } from '../../src/app/board/summaryView';
import { helpFor } from '../../src/app/helpFor';
import { figuresCardView, figuresSummaryView } from '../../src/app/round/figuresViews';
import { ownerLine } from '../../src/app/round/ownerProgress';
import { ownerFiguresCardView, ownerPages } from '../../src/app/round/ownerViews';
import {
  type AcademyProgress,
  type AcademyStanding,
  roundProgressView,
} from '../../src/app/round/roundProgress';
import { evaluatePlan } from '../../src/domain/evaluation/evaluatePlan';
import type { Evaluation } from '../../src/domain/evaluation/evaluation';
import { INSPECTION_METRIC_IDS } from '../../src/domain/metrics/metricCatalogue';
import type { Objective, Plan, Target } from '../../src/domain/plan/plan';
import type { Academy, Person, Roster } from '../../src/domain/roster/roster';
import { ownerRequests } from '../../src/domain/round/ownerRequests';
import { publishedMetricsShown, requestedMetrics } from '../../src/domain/round/requestedMetrics';
import type { AcademyTermRecord, Round, StoredFigure } from '../../src/domain/round/round';
import { VALUE_PREFIX } from '../../src/domain/round/validateFigures';
import type { TermRef } from '../../src/domain/terms/term';
import {
  addTerms,
  formatTermKey,
  parseTermKey,
  type TermCalendar,
} from '../../src/domain/terms/termCalendar';
import { generatedEvaluation } from '../app/board/evaluationFixtures';
import { nodesOf } from './cardTree';
import { fullCatalogueView } from './roundCardFixtures';

/** The card builders of cards/, by name: each file cards/<name>.ts exports the builder <name>. */
export const CARD_BUILDERS = {
  boardBindingCard,
  boardDetailCard,
  boardSummaryCard,
  figuresCard,
  figuresSummaryCard,
  helpCard,
  reminderCard,
  roundClosedCard,
  roundConfirmCard,
  roundProgressCard,
};
export type CardBuilderName = keyof typeof CARD_BUILDERS;

export interface RenderingCase {
  card: CardAttachment;
  /** Texts the rendered card must show (each a substring of its visible text). */
  texts: string[];
  /** Ids of every input the card holds, in order. */
  inputs: string[];
  /** The tallest the card may render at phone width, in px (a head reads it on a phone, between lessons). */
  maxHeight?: number;
  /** The most characters of text it may show (a closed drop-down shows its chosen value only). */
  maxChars?: number;
}

/** The tallest a figures card (the head's, or a page of an owner's) may render at 360 px. */
export const FIGURES_MAX_HEIGHT = 2500;
/** Teams refuses a message whose payload passes about 28 KB; a card is held to this much of it. */
export const CARD_MAX_BYTES = 24 * 1024;

/**
 * The owner's card for a generated trust of `size` academies (names as long as real ones), its executive
 * owning every trust figure, in the round of `termKey`: each page's card, with last year's figure beside
 * every field, as the owner first sees it.
 */
export function ownerCardPages(size: number, termKey: string): { cards: CardAttachment[]; labels: string[] } {
  const { plan, calendar } = loadTrustPlan('plans/demo-2025-2028.yaml');
  const term = parseTermKey(termKey);
  if (!term) throw new Error(termKey);
  const academies: Academy[] = generateTrust(size).roster.academies.map((academy, index) => ({
    ...academy,
    name: `Saint Aidan's Church of England Primary Academy ${index + 1}`,
  }));
  const ceo: Person = { email: 'ceo@t.example', name: 'Casey Exec', role: 'executive', title: 'CEO' };
  const [request] = ownerRequests(plan, academies, [ceo], term, calendar);
  if (!request) throw new Error(`nobody owns a trust figure in ${termKey}`);
  const lastYear = formatTermKey({ ...term, startYear: term.startYear - 1 });
  const previous = new Map(
    request.academies.map(({ academy, metrics }) => [
      academy.urn,
      new Map(
        metrics.map(({ metric }): [string, StoredFigure] => [
          metric.id,
          {
            urn: academy.urn,
            term: lastYear,
            metricId: metric.id,
            content: {
              value:
                metric.type === 'yesNo'
                  ? true
                  : (metric.options?.[0]?.value ?? Math.round(((metric.min ?? 0) + (metric.max ?? 100)) / 3)),
            },
            channel: 'card',
            by: ceo.email,
            at: '2026-07-20T09:00:00.000Z',
          },
        ]),
      ),
    ]),
  );
  const round: Round = {
    term: termKey,
    status: 'open',
    openedOn: calendar.termDates(term).start,
    closesOn: calendar.termDates(term).end,
    openedAt: '2026-11-24T08:00:00.000Z',
    openedBy: ceo.email,
    academyCount: size,
  };
  const pages = ownerPages(request);
  return {
    cards: pages.map((page) =>
      figuresCard(
        ownerFiguresCardView({
          round,
          request,
          owner: { term: termKey, email: ceo.email, state: 'notStarted' },
          records: new Map(),
          previous,
          page: page.index,
        }),
      ),
    ),
    labels: pages.map((page) => page.label),
  };
}

/** The board summary's bounds at phone width: two screens a trustee reads (issue 19). */
export const SUMMARY_MAX_HEIGHT = 2000;
export const SUMMARY_MAX_CHARS = 3000;
/** How much larger a trust of 100 academies may make the summary than the demo's. */
export const SUMMARY_GROWTH = 1.2;

/**
 * The demo trust's summary for autumn 2026 after the round closed as the issue tried it: two heads
 * submitted, one academy excused, one head never reached, one not started, one left a draft.
 */
export function demoSummaryView(demo: DemoTrust) {
  const standings: [AcademyStanding, string?][] = [
    ['submitted'],
    ['excused', 'head on long-term leave; the deputy sends figures next term'],
    ['submitted'],
    ['notStarted'],
    ['unreachable', 'the app is not installed for them'],
    ['draft'],
  ];
  const progress = demo.roster.academies.map((academy, index): AcademyProgress => {
    const [standing, detail] = standings[index] ?? ['notStarted'];
    const head = demo.roster.people.find((person) => person.academyUrn === academy.urn);
    return { academy, standing, ...(head && { headName: head.name }), ...(detail && { detail }) };
  });
  return summaryView({ evaluation: demo.autumn, previous: demo.summer, history: [demo.summer], progress });
}

/**
 * The summary of a generated trust (bench/generateTrust.ts, judged against the demo plan for its last
 * term of figures): academy names as long as real ones, and of every ten academies six submitted, one
 * not started, one unreachable, one excused and one left a draft.
 */
export function generatedSummaryView(size: number) {
  const { plan, calendar } = loadTrustPlan('plans/demo-2025-2028.yaml');
  const generated = generateTrust(size);
  const roster: Roster = {
    ...generated.roster,
    academies: generated.roster.academies.map((academy, index) => ({
      ...academy,
      name: `Coastal Primary Academy ${index + 1}`,
    })),
  };
  const benchmarks = loadNationalBenchmarksSync();
  if (!benchmarks.ok) throw new Error('the national benchmarks do not load');
  const last = addTerms({ startYear: 2023, term: 'autumn' }, TERMS - 1);
  const evaluate = (closedThrough: TermRef, asOf: string): Evaluation =>
    evaluatePlan({
      plan,
      roster,
      observations: generated.observations,
      calendar,
      benchmarks: benchmarks.benchmarks,
      asOf,
      closedThrough,
    });
  const evaluation = evaluate(last, '2026-07-25');
  const previous = evaluate(addTerms(last, -1), '2026-04-25');
  const cycle: [AcademyStanding, string?][] = [
    ['submitted'],
    ['submitted'],
    ['submitted'],
    ['notStarted'],
    ['submitted'],
    ['unreachable', 'the app is not installed for them'],
    ['submitted'],
    ['excused', 'the academy is changing its data system; the figures come next term'],
    ['submitted'],
    ['draft'],
  ];
  const progress = roster.academies.map((academy, index): AcademyProgress => {
    const [standing, detail] = cycle[index % cycle.length] ?? ['submitted'];
    return { academy, standing, headName: `Head of Academy ${index + 1}`, ...(detail && { detail }) };
  });
  return summaryView({ evaluation, previous, history: [previous], progress });
}

/** The demo trust, read from the files `npm start` uses. */
export interface DemoTrust {
  roster: Roster;
  pms: Academy;
  headOfPms: Person;
  executive: Person;
  /** The open autumn 2026 round, and the figures requested of the Philip Morant School in it. */
  round: Round;
  groups: ReturnType<typeof requestedMetrics>;
  /** The demo figures of summer 2026, by metric id: what "Last time" shows. */
  previous: Map<string, StoredFigure>;
  /** The trust evaluated for autumn 2026 and for summer 2026 (its previous closed term). */
  autumn: Evaluation;
  summer: Evaluation;
}

const AUTUMN: TermRef = { startYear: 2026, term: 'autumn' };

/** The demo plan with the KS4 disadvantaged gaps narrowing in secondaries, the DfE's KS4 tables imported. */
function planWithGaps(): { plan: Plan; calendar: TermCalendar } {
  const { plan, calendar } = loadTrustPlan('plans/demo-2025-2028.yaml');
  const narrowing = (metricId: string, title: string): Target => ({
    id: `${metricId}-narrowing`,
    title,
    metricId,
    appliesTo: { kind: 'academies', filter: { phases: ['secondary', 'allThrough'] } },
    rule: { kind: 'trend', direction: 'falling', closedAt: 0 },
  });
  const gaps: Objective = {
    id: 'ks4-gaps',
    title: 'Close the gap for disadvantaged pupils at key stage 4',
    targets: [
      narrowing('attainment8DisadvantagedGap', 'Attainment 8 gap narrowing'),
      narrowing('progress8DisadvantagedGap', 'Progress 8 gap narrowing'),
    ],
  };
  return {
    plan: { ...plan, imported: ['dfe-ks4'], objectives: [...plan.objectives, gaps] },
    calendar,
  };
}
const SUMMER: TermRef = { startYear: 2025, term: 'summer' };

/** Loads the demo trust and evaluates its figures, as the bot does when a round closes. */
export async function loadDemoTrust(): Promise<DemoTrust> {
  const { plan, calendar } = loadTrustPlan('plans/demo-2025-2028.yaml');
  const rosterRead = await readRosterDir('demo/roster');
  if (!rosterRead.ok) throw new Error('demo/roster does not load');
  const roster = rosterRead.roster;
  const observationsRead = await readObservationsCsv('demo/data/observations.csv', { roster, calendar });
  const benchmarks = loadNationalBenchmarksSync();
  if (!observationsRead.ok || !benchmarks.ok) throw new Error('the demo figures or benchmarks do not load');
  const evaluate = (asOf: string, closedThrough: TermRef): Evaluation =>
    evaluatePlan({
      plan,
      roster,
      observations: observationsRead.observations,
      calendar,
      benchmarks: benchmarks.benchmarks,
      asOf,
      closedThrough,
    });
  const pms = roster.academies.find((academy) => academy.urn === '990001');
  const headOfPms = roster.people.find((person) => person.academyUrn === '990001');
  const executive = roster.people.find((person) => person.role === 'executive');
  if (!pms || !headOfPms || !executive) throw new Error('the demo roster lost the Philip Morant School');
  const previous = new Map<string, StoredFigure>();
  for (const observation of observationsRead.observations) {
    if (observation.subject !== '990001' || formatTermKey(observation.term) !== '2025-26-summer') continue;
    previous.set(observation.metricId, {
      urn: '990001',
      term: '2025-26-summer',
      metricId: observation.metricId,
      content: { value: observation.value },
      channel: 'import',
      by: 'import',
      at: '2026-07-20T09:00:00.000Z',
    });
  }
  return {
    roster,
    pms,
    headOfPms,
    executive,
    round: {
      term: '2026-27-autumn',
      status: 'open',
      openedOn: '2026-11-24',
      closesOn: '2026-12-12',
      openedAt: '2026-11-24T08:00:00.000Z',
      openedBy: executive.email,
      academyCount: roster.academies.length,
    },
    groups: requestedMetrics(plan, pms, AUTUMN, calendar),
    previous,
    autumn: evaluate('2026-12-14', AUTUMN),
    summer: evaluate('2026-07-20', SUMMER),
  };
}

function emptyRecord(): AcademyTermRecord {
  return { urn: '990001', term: '2026-27-autumn', state: 'notStarted', figures: new Map() };
}

/** The ids of the figures card's inputs: each figure's value and its "not available" reason. */
/**
 * The inputs of the demo head's card, in card order: each figure's value, and its "not available" reason
 * where one can be given (required figures); an inspection's grades last, in their own group.
 */
function figureInputs(demo: DemoTrust, groups: DemoTrust['groups'] = demo.groups): string[] {
  const requested = groups.flatMap((group) => group.metrics);
  const inspection = ({ metric, required }: (typeof requested)[number]) =>
    !required && INSPECTION_METRIC_IDS.has(metric.id);
  const ids = ({ metric, required }: (typeof requested)[number]) => [
    `${VALUE_PREFIX}${metric.id}`,
    ...(required ? [`na_${metric.id}`] : []),
  ];
  return [
    ...requested.filter((entry) => !inspection(entry)).flatMap(ids),
    ...requested.filter(inspection).flatMap(ids),
  ];
}

/**
 * Stored figures for every requested metric, as the head submitted them: last term's value where there is
 * one, else the middle of the range (or the first option); the last figure not available, with a reason.
 */
function submittedRecord(demo: DemoTrust): AcademyTermRecord {
  const figures = new Map<string, StoredFigure>();
  const metrics = demo.groups.flatMap((group) => group.metrics.map(({ metric }) => metric));
  for (const metric of metrics) {
    const previous = demo.previous.get(metric.id)?.content;
    const middle = metric.min !== undefined && metric.max !== undefined ? (metric.min + metric.max) / 2 : 1;
    const value =
      previous && 'value' in previous
        ? previous.value
        : (metric.options?.[0]?.value ?? (metric.type === 'yesNo' ? true : middle));
    figures.set(metric.id, {
      urn: '990001',
      term: '2026-27-autumn',
      metricId: metric.id,
      content:
        metric === metrics[metrics.length - 1]
          ? { notAvailable: 'the budget is agreed in January' }
          : { value },
      channel: 'card',
      by: demo.headOfPms.email,
      at: '2026-12-02T10:42:00.000Z',
    });
  }
  return {
    ...emptyRecord(),
    state: 'submitted',
    figures,
    submittedBy: demo.headOfPms.email,
    submittedAt: '2026-12-02T10:42:00.000Z',
  };
}

/** A trend of attendance over six terms for three demo academies, as `trend attendance` shows it. */
function attendanceTrend(demo: DemoTrust): ChartView {
  const terms = ['Aut 25', 'Spr 26', 'Sum 26', 'Aut 26'];
  const series = demo.roster.academies.slice(0, 3).map((academy, a) => ({
    legend: academy.name,
    values: terms.map((x, t) => ({ x, y: 92 + a + t * 0.4 })),
  }));
  return {
    kind: 'Chart.Line',
    title: 'Attendance (%), by term',
    xAxisTitle: 'Term',
    yAxisTitle: 'Attendance',
    series,
    fallbackFacts: series.map((entry) => ({
      title: entry.legend,
      value: entry.values.map((point) => `${point.x}: ${point.y}`).join('; '),
    })),
    yMin: 91,
    yMax: 96,
  };
}

type CaseBuilder = (demo: DemoTrust) => RenderingCase;

/** Every card builder's cases, by name; each case built from the demo trust once it is loaded. */
export const RENDERING_CASES: Record<CardBuilderName, Record<string, CaseBuilder>> = {
  boardBindingCard: {
    'asking an executive to confirm the board channel': (demo) => ({
      card: boardBindingCard({
        channelName: 'Board',
        teamName: `${demo.roster.trust.name} board`,
        action: { verb: 'bindBoardChannel', conversationKey: 'channel:19:board@thread.tacv2' },
      }),
      texts: [
        "Post the board's risk summaries in this channel?",
        `${demo.roster.trust.name} board`,
        'Only an executive of the trust can confirm.',
        'Confirm board channel',
      ],
      inputs: [],
    }),
    'once an executive confirmed it, without its button': () => ({
      card: boardBindingCard({
        channelName: 'Board',
        teamName: 'Trust board',
        answered: {
          bound: true,
          text: 'This channel is now the board channel: the Board summaries are posted here (confirmed by Dr Amara Okafor on 2026-12-07).',
        },
      }),
      texts: ['This is the board channel', 'confirmed by Dr Amara Okafor on 2026-12-07'],
      inputs: [],
    }),
  },
  figuresCard: {
    'the head’s card, empty, with last term beside each figure': (demo) => ({
      card: figuresCard(
        figuresCardView({
          academy: demo.pms,
          round: demo.round,
          groups: demo.groups,
          record: emptyRecord(),
          previous: demo.previous,
        }),
      ),
      texts: [
        'The Philip Morant School and College',
        'Figures for autumn 2026, due by 12 Dec 2026',
        'Attendance (%) · Required',
        'Last time:',
        'Submit',
        'Save for later',
      ],
      inputs: figureInputs(demo),
      maxHeight: FIGURES_MAX_HEIGHT,
    }),
    'an owner’s first page of 24 academies in the summer round, with last year beside each figure': () => {
      const { cards, labels } = ownerCardPages(24, '2026-27-summer');
      const card = cards[0];
      if (!card) throw new Error('no owner card');
      const inputs = nodesOf(card.content)
        .filter((node) => String(node.type).startsWith('Input.'))
        .map((node) => String(node.id));
      return {
        card,
        texts: [
          'Trust figures for 24 academies',
          labels[0] ?? '',
          "Saint Aidan's Church of England Primary Academy 1",
          'Last time:',
          'Next',
          'Submit',
          'Save for later',
        ],
        inputs,
        maxHeight: FIGURES_MAX_HEIGHT,
      };
    },
    'the head’s card when the trust imports the DfE’s KS4 tables and Ofsted’s inspections: those read only': (
      demo,
    ) => {
      const { plan, calendar } = loadTrustPlan('plans/demo-2025-2028.yaml');
      const importing = { ...plan, imported: ['dfe-ks4' as const, 'ofsted' as const] };
      const groups = requestedMetrics(importing, demo.pms, AUTUMN, calendar);
      const previous = new Map(demo.previous);
      const published = (metricId: string, term: string, content: StoredFigure['content']): void => {
        previous.set(metricId, {
          urn: '990001',
          term,
          metricId,
          content,
          channel: 'import',
          by: 'dfe-ks4',
          at: '2026-10-23T02:30:00.000Z',
        });
      };
      const ks4 = {
        source: 'dfe-ks4' as const,
        publisher: 'DfE',
        title: 'Key stage 4 performance tables 2025-26',
        release: 'provisional' as const,
        publishedOn: '2026-10-22',
      };
      const ofsted = {
        source: 'ofsted' as const,
        publisher: 'Ofsted',
        title: 'State-funded schools inspections and outcomes',
        publishedOn: '2026-05-12',
      };
      published('attainment8', '2025-26-summer', { value: 47.6, published: ks4 });
      published('progress8', '2025-26-summer', {
        notAvailable: 'not published (NP: not published for 2025-26)',
        published: ks4,
      });
      published('ks4Grade5EnglishMaths', '2025-26-summer', { value: 48, published: ks4 });
      published('ofstedInspectionDate', '2025-26-spring', { value: '2026-03-10', published: ofsted });
      published('reportCardAttendanceAndBehaviour', '2025-26-spring', {
        value: 'strongStandard',
        published: ofsted,
      });
      return {
        card: figuresCard(
          figuresCardView({
            academy: demo.pms,
            round: demo.round,
            groups,
            record: emptyRecord(),
            previous,
            published: publishedMetricsShown(importing, demo.pms, AUTUMN, calendar),
          }),
        ),
        texts: [
          'Published, imported for you (nothing to type)',
          'Attainment 8 47.6 points — DfE, provisional, Oct 2026',
          'Progress 8: not published (NP: not published for 2025-26) — DfE, provisional, Oct 2026',
          'Ofsted inspection date 10 Mar 2026 — Ofsted, 12 May 2026',
          'Attendance (%) · Required',
        ],
        inputs: figureInputs(demo, groups),
        maxHeight: FIGURES_MAX_HEIGHT,
      };
    },
    'the head’s card when the plan judges the KS4 disadvantaged gaps and the trust imports the tables: each gap read only, saying how it was worked out':
      (demo) => {
        const { plan, calendar } = planWithGaps();
        const groups = requestedMetrics(plan, demo.pms, AUTUMN, calendar);
        const previous = new Map(demo.previous);
        const ks4 = {
          source: 'dfe-ks4' as const,
          publisher: 'DfE',
          title: 'Key stage 4 performance tables 2025-26',
          release: 'provisional' as const,
          publishedOn: '2026-10-22',
        };
        const imported = (metricId: string, content: StoredFigure['content']): void => {
          previous.set(metricId, {
            urn: '990001',
            term: '2025-26-summer',
            metricId,
            content,
            channel: 'import',
            by: 'dfe-ks4',
            at: '2026-10-23T02:30:00.000Z',
          });
        };
        imported('attainment8DisadvantagedGap', {
          value: 12.5,
          published: { ...ks4, workedOut: 'other pupils 50.9 minus disadvantaged pupils 38.4' },
        });
        imported('progress8DisadvantagedGap', {
          notAvailable: 'not published (NP: not published)',
          published: ks4,
        });
        return {
          card: figuresCard(
            figuresCardView({
              academy: demo.pms,
              round: demo.round,
              groups,
              record: emptyRecord(),
              previous,
              published: publishedMetricsShown(plan, demo.pms, AUTUMN, calendar),
            }),
          ),
          texts: [
            'Published, imported for you (nothing to type)',
            'Attainment 8 gap, other pupils minus disadvantaged 12.5 points — DfE, provisional, Oct 2026; worked out: other pupils 50.9 minus disadvantaged pupils 38.4',
            'Progress 8 gap, other pupils minus disadvantaged: not published (NP: not published) — DfE, provisional, Oct 2026',
          ],
          inputs: figureInputs(demo, groups),
          maxHeight: FIGURES_MAX_HEIGHT,
        };
      },
    'the head’s card with an error beside a figure': (demo) => ({
      card: figuresCard(
        figuresCardView({
          academy: demo.pms,
          round: demo.round,
          groups: demo.groups,
          record: emptyRecord(),
          previous: demo.previous,
          typed: new Map([[`${VALUE_PREFIX}attendance`, '140']]),
          errors: new Map([['attendance', 'Enter a number from 0 to 100']]),
          banner: { tone: 'attention', text: '1 figure needs attention; nothing has been saved yet.' },
        }),
      ),
      texts: ['1 figure needs attention; nothing has been saved yet.', 'Enter a number from 0 to 100'],
      inputs: figureInputs(demo),
    }),
    'every head-supplied metric, each with an error and a previous value': () => {
      const view = fullCatalogueView();
      const fields = view.groups.flatMap((group) => group.fields);
      return {
        card: figuresCard(view),
        texts: [view.academyName, ...fields.map((field) => field.label)],
        inputs: fields.flatMap((field) => [field.inputId, field.notAvailableInputId]),
      };
    },
  },
  figuresSummaryCard: {
    'what was stored, with Edit': (demo) => ({
      card: figuresSummaryCard(
        figuresSummaryView({
          academy: demo.pms,
          round: demo.round,
          groups: demo.groups,
          record: submittedRecord(demo),
          submitterName: demo.headOfPms.name,
          timeZone: 'Europe/London',
        }),
      ),
      texts: [
        'Submitted by Helen Marsh at 10:42 on 2 Dec 2026',
        'Attendance',
        'Not available: the budget is agreed in January',
        'Edit',
      ],
      inputs: [],
    }),
  },
  reminderCard: {
    'a reminder two days before the close': (demo) => ({
      card: reminderCard({
        academyName: demo.pms.name,
        urn: demo.pms.urn,
        term: demo.round.term,
        termLabel: 'autumn 2026',
        text: `The autumn 2026 figures for ${demo.pms.name} are due by 12 Dec 2026 (in 2 days).`,
      }),
      texts: ['Reminder: autumn 2026 figures for The Philip Morant School and College', 'Open my figures'],
      inputs: [],
    }),
  },
  roundClosedCard: {
    "a head's card once the round closed early": (demo) => ({
      card: roundClosedCard({
        title: 'The autumn 2026 round has closed',
        subject: `Figures for ${demo.pms.name}`,
        text: `It closed on 7 Dec 2026, before its due date of 12 Dec 2026. No figures were submitted for ${demo.pms.name}, so the board sees them as not sent.`,
        contact: `If something is wrong, please contact ${demo.executive.name} (${demo.executive.email}).`,
      }),
      texts: [
        'The autumn 2026 round has closed',
        `Figures for ${demo.pms.name}`,
        'before its due date of 12 Dec 2026',
        'If something is wrong, please contact',
      ],
      inputs: [],
      maxHeight: 600,
    }),
  },
  roundConfirmCard: {
    'opening a round': (demo) => ({
      card: roundConfirmCard({
        verb: 'openRound',
        term: demo.round.term,
        termLabel: 'autumn 2026',
        facts: [
          { title: 'Closes', value: 'at the end of 12 Dec 2026' },
          { title: 'Heads to ask', value: `${demo.roster.academies.length} (6 academies)` },
        ],
        note: '1 head cannot be reached yet: Owen Price (Harbourside Primary Academy).',
        buttonTitle: 'Open round',
      }),
      texts: ['Open the autumn 2026 round?', 'Heads to ask', 'Owen Price', 'Open round'],
      inputs: [],
    }),
    'closing a round': (demo) => ({
      card: roundConfirmCard({
        verb: 'closeRound',
        term: demo.round.term,
        termLabel: 'autumn 2026',
        facts: [{ title: 'Submitted', value: '4 of 6' }],
        note: '2 academies have not submitted: Saltmarsh Academy, Oakhaven Free School.',
        buttonTitle: 'Close round',
      }),
      texts: [
        'Close the autumn 2026 round?',
        '4 of 6',
        'Saltmarsh Academy, Oakhaven Free School',
        'Close round',
      ],
      inputs: [],
    }),
  },
  roundProgressCard: {
    'who has submitted': (demo) => ({
      card: roundProgressCard(
        roundProgressView(
          demo.round,
          demo.roster.academies.map((academy, index) => ({
            academy,
            headName: demo.roster.people.find((person) => person.academyUrn === academy.urn)?.name,
            standing:
              index === 0 ? 'submitted' : index === 1 ? 'draft' : index === 5 ? 'unreachable' : 'notStarted',
            ...(index === 5 && { detail: 'has not opened the app' }),
          })),
        ),
      ),
      texts: [
        'The autumn 2026 round',
        '1 of 6 submitted',
        'Submitted (1)',
        'The Philip Morant School and College — Helen Marsh',
        'Could not be reached (1)',
      ],
      inputs: [],
    }),
  },
  boardSummaryCard: {
    'the demo trust’s summary for autumn 2026': (demo) => {
      const view = demoSummaryView(demo);
      return {
        card: boardSummaryCard(view),
        texts: [
          'Risk summary: autumn 2026',
          view.headline,
          view.changeLine,
          'Exceptions, worst first',
          ...view.exceptions.map((line) => line.text),
          'Objectives',
          ...view.objectives.map((line) => line.text),
          'Principles',
          ...view.principles.map((cell) => `${cell.label} ${cell.title}`),
          'Show principles',
          ...view.who.map((line) => `${line.title}: ${line.text}`),
          ...view.charts.map((chart) => chart.title),
          'Show academy',
          'Show objective',
        ],
        inputs: ['academy', 'objective'],
        maxHeight: SUMMARY_MAX_HEIGHT,
        maxChars: SUMMARY_MAX_CHARS,
      };
    },
    'a generated trust of 100 academies': () => {
      const view = generatedSummaryView(100);
      return {
        card: boardSummaryCard(view),
        texts: [view.headline, `And ${view.moreExceptions} more: show all`, 'Sent no figures (20)'],
        inputs: ['academy', 'objective'],
      };
    },
    'a provisional summary of 50 generated academies': () => {
      const view = summaryView({
        evaluation: generatedEvaluation('2026-27-autumn', 50, 12),
        provisional: true,
      });
      return {
        card: boardSummaryCard(view),
        texts: ['Risk summary: autumn 2026 (provisional)', 'Provisional: the round is still open'],
        inputs: ['academy', 'objective'],
      };
    },
  },
  boardDetailCard: {
    '`status` for the demo trust': (demo) => ({
      card: boardDetailCard(
        trustStatusView(demo.autumn, demo.summer, 'The spring 2027 round is not open yet.'),
      ),
      texts: ['Status: autumn 2026', 'Objectives', 'Academies, worst first', 'Risks', 'Objective 1'],
      inputs: [],
    }),
    '`status` with the owners of trust figures not submitted': (demo) => {
      const { plan, calendar } = loadTrustPlan('plans/demo-2025-2028.yaml');
      // Summer asks all four demo owners; each is owed, one of them out of reach.
      const standings = ['notStarted', 'draft', 'unreachable', 'notStarted'] as const;
      const owed = ownerRequests(
        plan,
        demo.roster.academies,
        demo.roster.people,
        { startYear: 2026, term: 'summer' },
        calendar,
      ).map((request, index) => ({
        owner: request.owner,
        request,
        standing: standings[index % standings.length] ?? 'notStarted',
        detail: 'the app is not installed for them',
      }));
      const view = trustStatusView(
        demo.autumn,
        demo.summer,
        'The summer 2027 round is open until 10 Jul 2027: 2 of 6 academies have submitted; trust figures: 0 of 4 owners submitted.',
        { owed, trustOwners: trustOwnerNames(demo.roster) },
      );
      return {
        card: boardDetailCard(view),
        texts: [
          'trust figures: 0 of 4 owners submitted.',
          'Trust figures not submitted (4)',
          ...owed.map((entry) => ownerLine(entry)),
          'Could not be reached (the app is not installed for them)',
        ],
        inputs: [],
      };
    },
    '`status philip morant`': (demo) => ({
      card: boardDetailCard(academyStatusView(demo.autumn, '990001', demo.pms.name)),
      texts: ['The Philip Morant School and College: autumn 2026', 'overall:'],
      inputs: [],
    }),
    '`risks`': (demo) => ({
      card: boardDetailCard(risksView(demo.autumn, undefined)),
      texts: ['Risks: autumn 2026', 'worst first'],
      inputs: [],
    }),
    '`status principles` for the demo trust': (demo) => ({
      card: boardDetailCard(principlesView(demo.autumn, undefined)),
      texts: [
        'Principles: autumn 2026',
        ...principlesOf(demo.autumn).map((principle) => principle.title),
        'status principle',
      ],
      inputs: [],
    }),
    '`status principle employer of choice`': (demo) => {
      const principle = findPrinciple(principlesOf(demo.autumn), 'employer of choice');
      if (!principle) throw new Error('the demo plan has no employer of choice principle');
      return {
        card: boardDetailCard(principleView(demo.autumn, principle, undefined)),
        texts: ['Principle: An employer of choice', 'All principles'],
        inputs: [],
      };
    },
    '`objective 1`': (demo) => {
      const first = demo.autumn.objectives[0];
      if (!first) throw new Error('the demo plan has no objective');
      return {
        card: boardDetailCard(
          objectiveView(
            demo.autumn,
            { objectiveId: first.objectiveId, title: first.title, number: 1 },
            undefined,
          ),
        ),
        texts: [`Objective 1: ${first.title}`],
        inputs: [],
      };
    },
    '`status principles`': (demo) => {
      const principles = principlesOf(demo.autumn);
      return {
        card: boardDetailCard(principlesView(demo.autumn, undefined)),
        texts: [`Principles: autumn 2026`, ...principles.map((principle) => principle.title)],
        inputs: [],
      };
    },
    '`status principle` for the least measured one': (demo) => {
      const principles = principlesOf(demo.autumn);
      const principle = principles.find((entry) => !entry.measured) ?? principles[principles.length - 1];
      if (!principle) throw new Error('the demo evaluation judges no principle');
      return {
        card: boardDetailCard(principleView(demo.autumn, principle, undefined)),
        texts: [`Principle: ${principle.title}`],
        inputs: [],
      };
    },
    '`trend attendance`': (demo) => ({
      card: boardDetailCard({
        title: 'Trend: Attendance',
        subtitle: '3 academies',
        lines: [
          'autumn 2025 to autumn 2026.',
          ...attendanceTrend(demo).fallbackFacts.map((fact) => `${fact.title}: ${fact.value}`),
        ],
        sections: [],
        chart: attendanceTrend(demo),
        buttons: [],
      }),
      texts: ['Trend: Attendance', 'Attendance (%), by term', 'The Philip Morant School and College'],
      inputs: [],
    }),
    'the closest commands to an unknown question': () => ({
      card: boardDetailCard({
        title: 'Did you mean one of these?',
        subtitle: '',
        lines: [],
        sections: [],
        buttons: [
          { title: 'status', text: 'status' },
          { title: 'status <academy>', text: 'status' },
          { title: 'risks', text: 'risks' },
        ],
      }),
      texts: ['Did you mean one of these?', 'status', 'risks'],
      inputs: [],
    }),
  },
  helpCard: {
    'help for an executive': (demo) => ({
      card: helpCard(helpFor({ person: demo.executive }, demo.roster.trust)),
      texts: ['What I can do for you', 'Amara Okafor · executive', 'open round', 'post summary'],
      inputs: [],
    }),
    'help for a head': (demo) => ({
      card: helpCard(helpFor({ person: demo.headOfPms, academy: demo.pms }, demo.roster.trust)),
      texts: [
        'What I can do for you',
        'Helen Marsh · head of academy',
        'The Philip Morant School and College',
      ],
      inputs: [],
    }),
  },
};
