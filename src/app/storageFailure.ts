/**
 * What a use case may learn from a storage failure. A store throws for broken storage; a failed write
 * stored nothing, except when the error says `outcomeUnknown: true` (ports.ts, FigureStore.write): the
 * write got no answer and storage did not answer the check after it either, so it is wholly stored or not
 * at all, and only reading the record again once storage answers tells which.
 */
export function isOutcomeUnknown(error: unknown): boolean {
  return (error as { outcomeUnknown?: unknown } | undefined)?.outcomeUnknown === true;
}

/** What a person is told when what they sent may or may not have been stored. */
export const OUTCOME_UNKNOWN_TEXT =
  "Sorry, the trust's records did not answer in time, so I can't confirm that this was saved. " +
  'Please try again in a minute: you will see what is stored, and nothing is stored twice.';
