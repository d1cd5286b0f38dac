/**
 * What an owner's cards show: the head's figures card and summary (figuresViews.ts, cards/figuresCard.ts)
 * with one group per academy, each field the head card's own (fieldFor) under the owner card's field
 * ids (`m_<urn>_<metricId>`), and actions that name the term alone (no academy).
 *
 * Pages. An owner of a large trust's figures would get one card too long to read on a phone and, past
 * Teams' ~28 KB payload, one Teams refuses to send: the academies are split into pages of at most
 * OWNER_PAGE_ACADEMIES academies and OWNER_PAGE_FIELDS figures ("Academies 1–10 of 24"), with Previous
 * and Next. Grouped by academy, not by figure: each Submit stores whole academies, a page is read the
 * way the figures are gathered (one academy's governance, its energy bill) and a head's card reads the
 * same; an owner asked one figure sees one field under each academy's name.
 */
import { formatDateLabel } from '../../domain/evaluation/formatForTrustees';
import type { Metric } from '../../domain/metrics/metric';
import type { OwnerAcademyRequest, OwnerRequest } from '../../domain/round/ownerRequests';
import type { OwnerTermRecord } from '../../domain/round/ownerRound';
import { ownerFieldId } from '../../domain/round/ownerRound';
import type { AcademyTermRecord, Round, StoredFigure } from '../../domain/round/round';
import { REASON_PREFIX, VALUE_PREFIX } from '../../domain/round/validateFigures';
import { contentText, fieldFor } from './figuresViews';
import { termLabel } from './roundTerm';
import type { FiguresCardField, FiguresCardGroup, FiguresCardView, FiguresSummaryView } from './roundViews';

/** The most academies on one page of an owner's card. */
export const OWNER_PAGE_ACADEMIES = 10;
/**
 * The most figures on one page (an academy is never split): measured at 360 px with Teams' host config
 * (test/cards/cardsInChromium.test.ts), a page of this many is within the head card's 2,500 px bound.
 */
export const OWNER_PAGE_FIELDS = 12;

/** One page of an owner's card: its academies, numbered from 1 across the owner's request. */
export interface OwnerPage {
  /** From 0. */
  index: number;
  count: number;
  /** The page's first and last academy, numbered from 1. */
  first: number;
  last: number;
  academies: OwnerAcademyRequest[];
  /** "Academies 1–10 of 24"; empty when the owner has one page. */
  label: string;
}

/** The owner's request split into pages: whole academies, at most 10 and 20 figures a page. */
export function ownerPages(request: Pick<OwnerRequest, 'academies'>): OwnerPage[] {
  const groups: OwnerAcademyRequest[][] = [];
  let fields = 0;
  for (const entry of request.academies) {
    const current = groups.at(-1);
    if (
      current &&
      current.length < OWNER_PAGE_ACADEMIES &&
      fields + entry.metrics.length <= OWNER_PAGE_FIELDS
    ) {
      current.push(entry);
      fields += entry.metrics.length;
    } else {
      groups.push([entry]);
      fields = entry.metrics.length;
    }
  }
  if (groups.length === 0) groups.push([]);
  const total = request.academies.length;
  let first = 1;
  return groups.map((academies, index) => {
    const last = first + academies.length - 1;
    const label =
      groups.length === 1
        ? ''
        : first === last
          ? `Academy ${first} of ${total}`
          : `Academies ${first}–${last} of ${total}`;
    const page = { index, count: groups.length, first, last, academies, label };
    first = last + 1;
    return page;
  });
}

/** "academies 1–10", "academy 24". */
export function academiesWords(page: Pick<OwnerPage, 'first' | 'last'>): string {
  return page.first === page.last ? `academy ${page.first}` : `academies ${page.first}–${page.last}`;
}

/** The page at `index`, or the nearest that exists (a card drawn before the roster changed). */
export function ownerPage(request: Pick<OwnerRequest, 'academies'>, index = 0): OwnerPage {
  const pages = ownerPages(request);
  return pages[Math.min(Math.max(0, Math.trunc(index)), pages.length - 1)] as OwnerPage;
}

export interface OwnerViewInput {
  round: Round;
  request: OwnerRequest;
  /** The page shown (ownerPages), from 0; the first when absent. */
  page?: number;
  owner: OwnerTermRecord;
  /** Each academy's record for the term, by URN (absent: nothing stored). */
  records: ReadonlyMap<string, AcademyTermRecord>;
  /** Each academy's latest earlier figure per metric, by URN. */
  previous: ReadonlyMap<string, ReadonlyMap<string, StoredFigure>>;
  typed?: ReadonlyMap<string, string>;
  /** Errors by URN, then metric id. */
  errors?: ReadonlyMap<string, ReadonlyMap<string, string>>;
  banner?: FiguresCardView['banner'];
}

/** The owner's figures card: one group per academy of the page. */
export function ownerFiguresCardView(input: OwnerViewInput): FiguresCardView {
  const { round, request, owner } = input;
  const page = ownerPage(request, input.page);
  const view: FiguresCardView = {
    academyName: `Trust figures for ${request.academies.length} ${request.academies.length === 1 ? 'academy' : 'academies'}`,
    urn: '',
    term: round.term,
    termLabel: termLabel(round.term),
    closesOnLabel: formatDateLabel(round.closesOn),
    // The owner's record, not an academy's: only the owner writes the figures on this card.
    version: owner.version ?? '',
    groups: [],
  };
  const byAcademy = page.academies.map(({ academy, metrics }) => {
    const stored = input.records.get(academy.urn);
    // The owner's draft is theirs, not the academy's: it is read under the owner card's ids.
    const record: AcademyTermRecord = {
      ...(stored ?? { urn: academy.urn, term: round.term, state: 'notStarted', figures: new Map() }),
    };
    delete record.draft;
    if (owner.draft) record.draft = owner.draft;
    return {
      academy,
      fields: metrics.map(({ metric, required }) => ({
        metric,
        field: fieldFor(
          metric,
          required,
          {
            record,
            previous: input.previous.get(academy.urn) ?? new Map(),
            ...(input.typed ? { typed: input.typed } : {}),
            ...(input.errors?.get(academy.urn) ? { errors: input.errors.get(academy.urn) } : {}),
          },
          {
            value: ownerFieldId(VALUE_PREFIX, academy.urn, metric.id),
            reason: ownerFieldId(REASON_PREFIX, academy.urn, metric.id),
          },
        ),
      })),
    };
  });
  view.groups =
    page.academies.length === 1
      ? byAcademy.map(({ academy, fields }) => ({
          title: academy.name,
          fields: fields.map(({ field }) => field),
        }))
      : byFigure(request.metricIds, byAcademy);
  if (input.banner) view.banner = input.banner;
  if (page.count > 1) {
    view.paging = {
      page: page.index,
      label: page.label,
      note: `Submit sends the figures of ${academiesWords(page)}; Previous and Next keep what you typed.`,
      ...(page.index > 0 ? { previous: page.index - 1 } : {}),
      ...(page.index < page.count - 1 ? { next: page.index + 1 } : {}),
    };
  }
  return view;
}

/**
 * A page of several academies, grouped by figure: the figure's name, unit and help once, then one field
 * per academy named by the academy (an owner gathers one figure across the academies from one source,
 * and the help is not repeated under every academy: a page is half as tall as grouped by academy).
 */
function byFigure(
  metricIds: readonly string[],
  academies: ReadonlyArray<{
    academy: { name: string };
    fields: { metric: Metric; field: FiguresCardField }[];
  }>,
): FiguresCardGroup[] {
  return metricIds.flatMap((metricId): FiguresCardGroup[] => {
    const asked = academies.flatMap(({ academy, fields }) =>
      fields.filter(({ metric }) => metric.id === metricId).map((entry) => ({ academy, ...entry })),
    );
    const metric = asked[0]?.metric;
    if (!metric) return [];
    return [
      {
        title: `${metric.label}${metric.unit ? ` (${metric.unit})` : ''}`,
        // The range and help once, for every academy under it; each field keeps its range as a placeholder.
        note: [asked[0]?.field.rangeText ?? '', metric.help].filter((part) => part !== '').join(' — '),
        fields: asked.map(({ academy, field }) => ({
          ...field,
          label: academy.name,
          unit: '',
          help: '',
          placeholder: field.rangeText,
          rangeText: '',
        })),
      },
    ];
  });
}

/** What the owner sees once their figures are stored: academy by academy, with Edit while open. */
export function ownerSummaryView(
  input: Pick<OwnerViewInput, 'round' | 'request' | 'owner' | 'records'> & {
    ownerName: string;
    notice?: string;
  },
): FiguresSummaryView {
  const { round, request, owner } = input;
  const rows: FiguresSummaryView['rows'] = [];
  for (const { academy, metrics } of request.academies) {
    for (const { metric } of metrics) {
      const figure = input.records.get(academy.urn)?.figures.get(metric.id);
      if (figure)
        rows.push({ label: `${academy.name}: ${metric.label}`, value: contentText(metric, figure.content) });
    }
  }
  const open = round.status === 'open';
  return {
    academyName: `Trust figures for ${request.academies.length} ${request.academies.length === 1 ? 'academy' : 'academies'}`,
    urn: '',
    term: round.term,
    termLabel: termLabel(round.term),
    submittedLine: owner.submittedAt
      ? `Submitted by ${input.ownerName} on ${formatDateLabel(owner.submittedAt.slice(0, 10))}`
      : 'Not submitted yet',
    rows,
    ...(input.notice ? { notice: input.notice } : {}),
    canEdit: open,
    footnote: open
      ? `You can edit these until the round closes at the end of ${formatDateLabel(round.closesOn)}.`
      : `The round closed on ${formatDateLabel(round.closesOn)}; these figures can no longer be changed.`,
  };
}
