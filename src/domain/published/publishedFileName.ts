/**
 * The name of a file dropped in the published-files folder says what the file does not say itself:
 * `<source>[_<year>][_<release>][_<published>][_anything].csv`, e.g. `dfe-ks4_2024-25_revised_2026-02-05.csv`,
 * `ees-ks2_2025-09-11.csv`, `ofsted_latest_inspections.csv` (docs/published-figures.md).
 */
import { isIsoDate, parseAcademicYear } from '../terms/termCalendar';
import { getPublishedSource, type PublicationFacts, type PublishedSource } from './publishedSources';

export type PublishedFileName =
  { ok: true; source: PublishedSource; facts: PublicationFacts } | { ok: false; message: string };

const FACT_NAMES: Record<keyof PublicationFacts, string> = {
  year: 'the academic year (2024-25)',
  release: 'the release (provisional or revised)',
  publishedOn: 'the publication date (YYYY-MM-DD)',
};

/** Reads a file name; says what is missing or wrong when it cannot be imported as it is named. */
export function readPublishedFileName(name: string): PublishedFileName {
  if (!/\.csv$/i.test(name)) return { ok: false, message: `${name}: not a .csv file` };
  const [sourceId = '', ...parts] = name.replace(/\.csv$/i, '').split('_');
  const source = getPublishedSource(sourceId);
  if (!source) {
    return {
      ok: false,
      message: `${name}: the name must start with the source (dfe-ks4, dfe-ks2, ees-ks2, ofsted) and _`,
    };
  }
  const facts: PublicationFacts = {};
  for (const part of parts) {
    const year = parseAcademicYear(part);
    if (year !== undefined) facts.year = year;
    else if (part === 'provisional' || part === 'revised') facts.release = part;
    else if (isIsoDate(part)) facts.publishedOn = part;
  }
  const missing = source.needs.filter((fact) => facts[fact] === undefined);
  if (missing.length > 0) {
    return {
      ok: false,
      message: `${name}: the name must say ${missing.map((fact) => FACT_NAMES[fact]).join(', ')}, e.g. ${source.id}_2024-25_revised_2026-02-05.csv`,
    };
  }
  return { ok: true, source, facts };
}
