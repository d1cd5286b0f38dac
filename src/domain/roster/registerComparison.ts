/**
 * The roster against the register: where the roster's academies disagree with GIAS ("Get Information
 * about Schools", the DfE's register of establishments) on name, phase or opening date, which of the
 * roster's URNs the register does not have or places in another trust, and which of the trust's open
 * academies in the register the roster lacks (docs/roster-format.md, "Checking against GIAS").
 */
import type { Academy, IsoDate, Phase } from './roster';

/** The columns of GIAS's establishment extract (edubasealldata*.csv) the check reads. */
export const GIAS_COLUMNS = [
  'URN',
  'EstablishmentName',
  'OpenDate',
  'PhaseOfEducation (name)',
  'TypeOfEstablishment (name)',
  'Trusts (code)',
  'Trusts (name)',
] as const;

/** Read too when the file has it: a closed establishment is never "missing from the roster". */
export const GIAS_STATUS_COLUMN = 'EstablishmentStatus (name)';

export interface RegisterEstablishment {
  urn: string;
  name: string;
  /** OpenDate as the file writes it (dd-mm-yyyy), and as a date when it is one. */
  openDateText: string;
  openedOn?: IsoDate;
  phaseName: string;
  typeName: string;
  trustCode: string;
  trustName: string;
  /** `Open`, `Closed`, … where the file has the column. */
  status?: string;
}

/** A cell by column name ('' when absent). */
export type RegisterCells = (column: string) => string;

const DAY_MONTH_YEAR = /^(\d{2})[-/](\d{2})[-/](\d{4})$/;

/** GIAS writes dates dd-mm-yyyy (some exports dd/mm/yyyy); undefined for anything else or no date. */
export function registerDate(text: string): IsoDate | undefined {
  const match = DAY_MONTH_YEAR.exec(text.trim());
  if (!match) return undefined;
  const [, day, month, year] = match;
  const date = `${year}-${month}-${day}`;
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date ? date : undefined;
}

export function readRegisterRow(cells: RegisterCells): RegisterEstablishment {
  const openDateText = cells('OpenDate').trim();
  const openedOn = registerDate(openDateText);
  const status = cells(GIAS_STATUS_COLUMN).trim();
  return {
    urn: cells('URN').trim(),
    name: cells('EstablishmentName').trim(),
    openDateText,
    ...(openedOn ? { openedOn } : {}),
    phaseName: cells('PhaseOfEducation (name)').trim(),
    typeName: cells('TypeOfEstablishment (name)').trim(),
    trustCode: cells('Trusts (code)').trim(),
    trustName: cells('Trusts (name)').trim(),
    ...(status ? { status } : {}),
  };
}

/**
 * The roster's phase for GIAS's phase of education, or undefined when it has none (a nursery, or
 * "Not applicable" for a school that is not special). Special schools are "Not applicable" in GIAS, so
 * the type decides; middle schools count as the phase they are deemed.
 */
export function registerPhase(phaseName: string, typeName: string): Phase | undefined {
  const phase = phaseName.toLowerCase();
  if (/special/i.test(typeName)) return 'special';
  if (phase === 'primary' || phase === 'middle deemed primary') return 'primary';
  if (phase === 'secondary' || phase === 'middle deemed secondary' || phase === '16 plus') return 'secondary';
  if (phase === 'all-through') return 'allThrough';
  return undefined;
}

/** Names compared as a reader would: case, spacing, apostrophes' shape and "&"/"and" do not matter. */
function sameName(a: string, b: string): boolean {
  const plain = (name: string) =>
    name
      .normalize('NFC')
      .toLowerCase()
      .replace(/[‘’`]/g, "'")
      .replace(/\s*&\s*/g, ' and ')
      .replace(/\s+/g, ' ')
      .trim();
  return plain(a) === plain(b);
}

export type RegisterDifference =
  | { kind: 'name'; urn: string; roster: string; register: string }
  | { kind: 'phase'; urn: string; roster: Phase; register: string }
  | { kind: 'opened'; urn: string; roster: IsoDate; register: string }
  | { kind: 'notInRegister'; urn: string; roster: string }
  | { kind: 'otherTrust'; urn: string; roster: string; register: string }
  | { kind: 'missingFromRoster'; urn: string; register: string; opened: string; phase: string };

/**
 * The trust's code in the register: the code most of the roster's academies carry. The roster does not
 * hold it, and the name in trust.yaml need not be the registered one.
 */
export function registerTrustCode(rows: readonly RegisterEstablishment[]): string | undefined {
  const counts = new Map<string, number>();
  for (const row of rows) if (row.trustCode) counts.set(row.trustCode, (counts.get(row.trustCode) ?? 0) + 1);
  let best: string | undefined;
  for (const [code, count] of counts) if (best === undefined || count > (counts.get(best) ?? 0)) best = code;
  return best;
}

/**
 * Every disagreement between the roster's academies and the register: `rosterRows` are the register's
 * rows for the roster's URNs, `trustRows` its rows carrying the trust's code.
 */
export function compareWithRegister(
  academies: readonly Academy[],
  rosterRows: readonly RegisterEstablishment[],
  trustRows: readonly RegisterEstablishment[],
  trustCode: string | undefined,
): RegisterDifference[] {
  const byUrn = new Map(rosterRows.map((row) => [row.urn, row]));
  const differences: RegisterDifference[] = [];
  for (const academy of academies) {
    const row = byUrn.get(academy.urn);
    if (!row) {
      differences.push({ kind: 'notInRegister', urn: academy.urn, roster: academy.name });
      continue;
    }
    if (!sameName(academy.name, row.name))
      differences.push({ kind: 'name', urn: academy.urn, roster: academy.name, register: row.name });
    const phase = registerPhase(row.phaseName, row.typeName);
    if (phase !== academy.phase) {
      const register = row.phaseName || '(none)';
      differences.push({ kind: 'phase', urn: academy.urn, roster: academy.phase, register });
    }
    if (row.openedOn !== academy.openedOn) {
      const register = row.openDateText || '(none)';
      differences.push({ kind: 'opened', urn: academy.urn, roster: academy.openedOn, register });
    }
    if (trustCode !== undefined && row.trustCode !== trustCode) {
      const register = row.trustName ? `${row.trustName} (${row.trustCode})` : '(no trust)';
      differences.push({ kind: 'otherTrust', urn: academy.urn, roster: academy.name, register });
    }
  }
  const inRoster = new Set(academies.map((academy) => academy.urn));
  for (const row of trustRows) {
    if (inRoster.has(row.urn) || (row.status !== undefined && /closed/i.test(row.status))) continue;
    differences.push({
      kind: 'missingFromRoster',
      urn: row.urn,
      register: row.name,
      opened: row.openDateText,
      phase: row.phaseName,
    });
  }
  return differences;
}

/** One line for a trustee or administrator. */
export function describeDifference(difference: RegisterDifference): string {
  switch (difference.kind) {
    case 'name':
      return `${difference.urn}: the roster names it "${difference.roster}", GIAS "${difference.register}"`;
    case 'phase':
      return `${difference.urn}: the roster's phase is ${difference.roster}, GIAS says "${difference.register}"`;
    case 'opened':
      return `${difference.urn}: the roster's openedOn is ${difference.roster}, GIAS's OpenDate ${difference.register}`;
    case 'notInRegister':
      return `${difference.urn} (${difference.roster}): GIAS has no establishment with this URN; check the URN`;
    case 'otherTrust':
      return `${difference.urn} (${difference.roster}): GIAS places it in ${difference.register}, not this trust`;
    case 'missingFromRoster':
      return `${difference.urn} ${difference.register} (${difference.phase || 'no phase'}, opened ${difference.opened || 'date not given'}): in the trust in GIAS, not in the roster`;
  }
}
