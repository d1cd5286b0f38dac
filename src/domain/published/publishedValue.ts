/**
 * A cell of a published file: a figure, or a code saying why there is none. Suppression and
 * "not applicable" codes are "not published", never 0: a school whose figure is suppressed for a small
 * cohort has no figure, not a zero one.
 */

/** The DfE performance tables' codes (the tables' metadata), each with what it means. */
export const PERFORMANCE_TABLE_CODES: ReadonlyMap<string, string> = new Map([
  ['SUPP', 'suppressed: too few pupils'],
  ['NE', 'no entries'],
  ['NP', 'not published'],
  ['LOWCOV', 'low coverage'],
  ['NA', 'not applicable'],
  ['NEW', 'a new school'],
]);

/** Explore Education Statistics' symbols (the GSS standard its data files follow). */
export const EES_CODES: ReadonlyMap<string, string> = new Map([
  ['c', 'suppressed to protect confidentiality'],
  ['x', 'not available'],
  ['z', 'not applicable'],
  [':', 'not available'],
  ['u', 'low reliability'],
  ['low', 'rounds to 0 but is not 0'],
]);

export type PublishedCell =
  | { kind: 'text'; text: string }
  | { kind: 'notPublished'; code: string; meaning: string }
  | { kind: 'empty' };

/** Reads one cell against the file's codes. Ofsted writes `NULL` for an empty cell. */
export function readPublishedCell(raw: string, codes: ReadonlyMap<string, string>): PublishedCell {
  const text = raw.trim();
  if (text === '' || text === 'NULL') return { kind: 'empty' };
  const meaning = codes.get(text);
  if (meaning !== undefined) return { kind: 'notPublished', code: text, meaning };
  return { kind: 'text', text };
}

/** `dd/mm/yyyy` (Ofsted's and GIAS's dates) as `YYYY-MM-DD`; undefined for anything else. */
export function readDayMonthYear(raw: string): string | undefined {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(raw.trim());
  if (!match) return undefined;
  const [, day = '', month = '', year = ''] = match;
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso) ? iso : undefined;
}
