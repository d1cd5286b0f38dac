/**
 * What a head's figures card names as the version it was drawn from: a fingerprint of the head's part of
 * the academy's record (its state, draft, excusal and every figure but the trust's own), not the record's
 * storage version. The owners of trust figures write into the same record (ownerFigures.ts); their
 * writes move the storage version but change nothing the head's card shows, so they must not make the
 * head's open card out of date. '' while the head's part is empty, as for a record never stored.
 */
import { getMetric } from '../metrics/metricCatalogue';
import type { AcademyTermRecord } from './round';

/** Two 32-bit hashes of the text (FNV-1a and djb2), as 16 hex digits: a fingerprint, not a secret. */
function fingerprint(text: string): string {
  let fnv = 0x811c9dc5;
  let djb = 5381;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    fnv = Math.imul(fnv ^ code, 0x01000193) >>> 0;
    djb = (Math.imul(djb, 33) + code) >>> 0;
  }
  return fnv.toString(16).padStart(8, '0') + djb.toString(16).padStart(8, '0');
}

/** The head's part of the record as text, or '' when there is none. */
function headPart(record: AcademyTermRecord): string {
  const figures = [...record.figures]
    .filter(([metricId]) => getMetric(metricId)?.source !== 'trust')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([metricId, figure]) => [metricId, figure.content]);
  const part = {
    ...(record.state !== 'notStarted' && { state: record.state }),
    ...(record.submittedBy !== undefined && { submittedBy: record.submittedBy }),
    ...(record.submittedAt !== undefined && { submittedAt: record.submittedAt }),
    ...(record.draft !== undefined && { draft: record.draft }),
    ...(record.excused !== undefined && { excused: record.excused }),
    ...(figures.length > 0 && { figures }),
  };
  return Object.keys(part).length === 0 ? '' : JSON.stringify(part);
}

/** The version a head's card carries for the record: '' when the head's part is empty. */
export function headCardVersion(record: AcademyTermRecord): string {
  const part = headPart(record);
  return part === '' ? '' : `h${fingerprint(part)}`;
}
