/**
 * The trust's roster: its academies and the people the bot works with.
 * Loaded from files an administrator keeps (see docs/roster-format.md); pure data, no I/O here.
 */

/** A calendar date as `YYYY-MM-DD`. Dates in the domain are plain strings so they carry no time zone or clock. */
export type IsoDate = string;

export type Phase = 'primary' | 'secondary' | 'special' | 'allThrough';
export const PHASES: readonly Phase[] = ['primary', 'secondary', 'special', 'allThrough'];

/** How the academy came into the trust; the seed plan's growth targets count these. */
export type AcademyRoute = 'founder' | 'sponsored' | 'converter' | 'freeSchool';
export const ACADEMY_ROUTES: readonly AcademyRoute[] = ['founder', 'sponsored', 'converter', 'freeSchool'];

export interface Academy {
  /** The DfE unique reference number: six or seven digits. The academy's key everywhere. */
  urn: string;
  name: string;
  phase: Phase;
  route: AcademyRoute;
  town: string;
  /** The date the academy opened as an academy; term 1 is the term that contains it. */
  openedOn: IsoDate;
  /** The date it joined this trust (equal to openedOn for most). */
  joinedOn: IsoDate;
  /** Free-form designations a plan can count, e.g. `leadPrimary`. */
  tags: string[];
  /**
   * A founder academy of the trust, whatever its route: the seed plan speaks of "sponsored founder" and
   * "converter founder" academies. Route `founder` alone also counts as a founder.
   */
  founder?: boolean;
}

export type Role = 'head' | 'trustee' | 'executive' | 'administrator';
export const ROLES: readonly Role[] = ['head', 'trustee', 'executive', 'administrator'];

export interface Person {
  /** The person's work email; their roster key and how they are matched to a Teams account. */
  email: string;
  name: string;
  role: Role;
  /** What the trust calls the post, e.g. "Chief Executive Officer", "Chair of the Board". */
  title: string;
  /** Microsoft Entra object id, when known; matched before email. */
  aadObjectId?: string;
  /** For heads: the URN of their academy (the first, when they lead several). */
  academyUrn?: string;
  /** For a head of several academies: every URN they lead, the first equal to academyUrn. */
  academyUrns?: string[];
  /**
   * The trust figures this person owns (people.csv `owns`): metric ids and areas (`governance`) as
   * written, each once. trustFigureOwners.ts says who is asked for which figure.
   */
  owns?: string[];
}

export interface Trust {
  name: string;
  /** Companies House number, if any. */
  companyNumber?: string;
  /** The name of the board's Teams channel the summaries go to. */
  boardChannel: string;
  /** True for made-up demo data, so that nothing shows it as a real trust. */
  fictional: boolean;
}

export interface Roster {
  trust: Trust;
  academies: Academy[];
  people: Person[];
}
