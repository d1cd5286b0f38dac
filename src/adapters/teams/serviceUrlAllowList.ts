/**
 * Which Bot Connector addresses the bot accepts activities from, stores in conversation references and
 * calls. An activity's `serviceUrl` is where the bot sends its replies, member lookups and later
 * proactive messages: in local anonymous mode nothing vouches for it, so a request naming any address
 * would make the bot call that address. Only the prefixes in this list are accepted.
 */

export interface ServiceUrlAllowList {
  /** True when `url` is text naming an address under one of the allowed prefixes. */
  allows(url: unknown): boolean;
  /** The allowed prefixes, for messages and logs. */
  readonly prefixes: readonly string[];
}

interface Prefix {
  protocol: string;
  host: string;
  path: string;
}

function toPrefix(text: string): Prefix {
  const url = new URL(text);
  const path = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
  // URL keeps the port in `host` only when it is not the protocol's default, so both forms compare alike.
  return { protocol: url.protocol, host: url.host.toLowerCase(), path };
}

/**
 * An allow-list over absolute `http:`/`https:` URL prefixes (config.ts validates them at start-up).
 * A service URL matches a prefix when protocol, host and port are the same and its path is the
 * prefix's path or below it, so `https://smba.trafficmanager.net/` allows the regional forms
 * (`…/emea/`, `…/uk/`, `…/teams/`) and `http://localhost:26150/_connector` allows only that connector.
 */
export function createServiceUrlAllowList(prefixes: readonly string[]): ServiceUrlAllowList {
  const parsed = prefixes.map(toPrefix);
  return {
    prefixes: [...prefixes],
    allows(url: unknown): boolean {
      if (typeof url !== 'string' || url.length > 2048) return false;
      let candidate: URL;
      try {
        candidate = new URL(url);
      } catch {
        return false;
      }
      // Credentials in a service URL are never Teams' and would be sent along with every call.
      if (candidate.username !== '' || candidate.password !== '') return false;
      const path = candidate.pathname.endsWith('/') ? candidate.pathname : `${candidate.pathname}/`;
      return parsed.some(
        (prefix) =>
          prefix.protocol === candidate.protocol &&
          prefix.host === candidate.host.toLowerCase() &&
          path.startsWith(prefix.path),
      );
    },
  };
}
