/**
 * How a figure reaches the trust (docs/published-figures.md): asked of the head on the termly card,
 * asked of the trust's owner of it, imported from its publisher's file, or worked out by the bot. A
 * metric the DfE or Ofsted publishes is `published` once the trust imports one of the files it is in
 * (the plan's `imported:`, or the trust's IMPORTED_SOURCES setting): then nobody is asked for it.
 */
import type { PublishedSourceId } from '../published/publication';
import { PUBLISHED_SOURCES } from '../published/publication';
import type { Metric } from './metric';

export type Collection = 'head' | 'trust' | 'published' | 'derived';

/** How `metric` is collected by a trust importing the files `imported`. */
export function collectedBy(metric: Metric, imported: readonly PublishedSourceId[] | undefined): Collection {
  if (metric.publishedBy?.some((source) => imported?.includes(source) ?? false)) return 'published';
  return metric.source;
}

/**
 * The sources a trust imports: the plan's and its settings' together, in PUBLISHED_SOURCES order, each
 * once. Undefined when neither names one (heads are asked as before).
 */
export function importedSources(
  ...lists: ReadonlyArray<readonly PublishedSourceId[] | undefined>
): PublishedSourceId[] | undefined {
  const named = new Set(lists.flatMap((list) => list ?? []));
  return named.size === 0 ? undefined : PUBLISHED_SOURCES.filter((source) => named.has(source));
}
