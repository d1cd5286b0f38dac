/** A problem found in the roster files, located so the administrator can find it in a text editor. */

export type RosterFile = 'trust.yaml' | 'academies.csv' | 'people.csv';

export interface RosterError {
  /** The file the problem is in; absent for a problem with the roster folder itself. */
  file?: RosterFile;
  /** 1-based line in the file, when the problem is on one line. */
  line?: number;
  /** The column or key, when the problem is with one field. */
  field?: string;
  /** What is wrong and what is expected, written to follow "file line N, field: ". */
  message: string;
}

/** One line of text per error: `academies.csv line 4, phase: "secondry" is not a phase; ...`. */
export function formatRosterError(error: RosterError): string {
  const where = `${error.file ?? 'the roster folder'}${error.line === undefined ? '' : ` line ${error.line}`}`;
  return `${where}${error.field === undefined ? '' : `, ${error.field}`}: ${error.message}`;
}
