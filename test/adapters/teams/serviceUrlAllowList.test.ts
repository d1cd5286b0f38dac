import { createServiceUrlAllowList } from '../../../src/adapters/teams/serviceUrlAllowList';
import { playgroundServiceUrls, TEAMS_SERVICE_URLS } from '../../../src/config';

describe('the service URL allow-list', () => {
  const teams = createServiceUrlAllowList(TEAMS_SERVICE_URLS);
  const local = createServiceUrlAllowList(playgroundServiceUrls(26150));

  it.each([
    [teams, 'https://smba.trafficmanager.net/teams/'],
    [teams, 'https://smba.trafficmanager.net/emea/'],
    [teams, 'https://smba.trafficmanager.net/uk/'],
    [teams, 'https://SMBA.trafficmanager.net:443/amer/'],
    [local, 'http://localhost:26150/_connector'],
    [local, 'http://localhost:26151/_connector/'],
    [local, 'http://127.0.0.1:26152/_connector'],
  ])('allows %#: %s', (list, url) => {
    expect(list.allows(url)).toBe(true);
  });

  it.each([
    [teams, 'http://smba.trafficmanager.net/teams/', 'plain http'],
    [teams, 'https://smba.trafficmanager.net.evil.example/teams/', 'a look-alike host'],
    [teams, 'https://evil.example/smba.trafficmanager.net/', 'the host in the path'],
    [teams, 'https://user:pw@smba.trafficmanager.net/teams/', 'credentials'],
    [local, 'http://localhost:26153/_connector', 'a fourth playground port'],
    [local, 'http://localhost:26150/', 'the playground but not its connector'],
    [local, 'http://localhost:26150/_connector/../admin', 'a path that climbs out'],
    [local, 'http://localhost:26150/_connectorx', 'a longer path with the same start'],
    [local, 'http://169.254.169.254/latest/meta-data/', 'the cloud metadata address'],
    [local, 'not a url', 'text that is no URL'],
    [local, 42, 'a number'],
    [local, undefined, 'nothing'],
  ])('refuses %#: %s (%s)', (list, url, _why) => {
    expect(list.allows(url)).toBe(false);
  });
});
