/**
 * What the board's use cases work with: the round's stores and plan, the card builders, where summaries
 * were posted, and the sender that posts and updates them. The hosts build it once (src/hosts/services.ts).
 */
import type { BoardBindingStore, BoardPostStore, ProactiveSender } from '../ports';
import type { CardAttachment, RoundDeps } from '../round/roundDeps';
import type { BoardBindingView } from './boardBinding';
import type { BoardPackRenderer, BoardPackWriter } from './boardPackFiles';
import type { BoardDetailView, BoardSummaryView } from './boardViews';

export interface BoardCards {
  summary(view: BoardSummaryView): CardAttachment;
  detail(view: BoardDetailView): CardAttachment;
  /** The card asking an executive to confirm a channel as the board's. */
  bindConfirm(view: BoardBindingView): CardAttachment;
}

export interface BoardDeps {
  round: RoundDeps;
  posts: BoardPostStore;
  /** Which channel is the board's (bound deliberately, never by name). */
  bindings: BoardBindingStore;
  sender: ProactiveSender;
  cards: BoardCards;
  /** Where `board pack` writes the paper; absent where the host keeps no files (Azure: the CLI writes it). */
  packs?: BoardPackWriter;
  /** Renders the paper for a client that takes it as a file (Teams, in a 1:1 chat). */
  renderer?: BoardPackRenderer;
}
