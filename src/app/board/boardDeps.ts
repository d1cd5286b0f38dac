/**
 * What the board's use cases work with: the round's stores and plan, the card builders, where summaries
 * were posted, and the sender that posts and updates them. The hosts build it once (src/hosts/services.ts).
 */
import type { BoardPostStore, ProactiveSender } from '../ports';
import type { CardAttachment, RoundDeps } from '../round/roundDeps';
import type { BoardDetailView, BoardSummaryView } from './boardViews';

export interface BoardCards {
  summary(view: BoardSummaryView): CardAttachment;
  detail(view: BoardDetailView): CardAttachment;
}

export interface BoardDeps {
  round: RoundDeps;
  posts: BoardPostStore;
  sender: ProactiveSender;
  cards: BoardCards;
}
