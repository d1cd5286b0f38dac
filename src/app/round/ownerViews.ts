/**
 * What an owner's cards show: the head's figures card and summary (figuresViews.ts, cards/figuresCard.ts)
 * with one group per academy, each field the head card's own (fieldFor) under the owner card's field
 * ids (`m_<urn>_<metricId>`), and actions that name the term alone (no academy).
 */
import { formatDateLabel } from '../../domain/evaluation/formatForTrustees';
import type { OwnerRequest } from '../../domain/round/ownerRequests';
import type { OwnerTermRecord } from '../../domain/round/ownerRound';
import { ownerFieldId } from '../../domain/round/ownerRound';
import type { AcademyTermRecord, Round, StoredFigure } from '../../domain/round/round';
import { REASON_PREFIX, VALUE_PREFIX } from '../../domain/round/validateFigures';
import { contentText, fieldFor } from './figuresViews';
import { termLabel } from './roundTerm';
import type { FiguresCardView, FiguresSummaryView } from './roundViews';

export interface OwnerViewInput {
  round: Round;
  request: OwnerRequest;
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

/** The owner's figures card: one group per academy. */
export function ownerFiguresCardView(input: OwnerViewInput): FiguresCardView {
  const { round, request, owner } = input;
  const view: FiguresCardView = {
    academyName: `Trust figures for ${request.academies.length} ${request.academies.length === 1 ? 'academy' : 'academies'}`,
    urn: '',
    term: round.term,
    termLabel: termLabel(round.term),
    closesOnLabel: formatDateLabel(round.closesOn),
    // The owner's record, not an academy's: only the owner writes the figures on this card.
    version: owner.version ?? '',
    groups: request.academies.map(({ academy, metrics }) => {
      const stored = input.records.get(academy.urn);
      // The owner's draft is theirs, not the academy's: it is read under the owner card's ids.
      const record: AcademyTermRecord = {
        ...(stored ?? { urn: academy.urn, term: round.term, state: 'notStarted', figures: new Map() }),
      };
      delete record.draft;
      if (owner.draft) record.draft = owner.draft;
      return {
        title: academy.name,
        fields: metrics.map(({ metric, required }) =>
          fieldFor(
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
        ),
      };
    }),
  };
  if (input.banner) view.banner = input.banner;
  return view;
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
