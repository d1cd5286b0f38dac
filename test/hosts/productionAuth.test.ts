/**
 * Production authentication: with credentials configured, botbuilder's CloudAdapter checks the Bot
 * Framework token on every request before any handler runs, and the bot serves its own tenant only.
 *
 * Forged tokens here are refused before botbuilder would fetch Microsoft's signing keys (wrong issuer,
 * not a JWT, wrong scheme): no test may reach the internet, so a token that claims Bot Framework's
 * issuer and needs its published keys to be checked is botbuilder's own, upstream-tested path.
 */
import { createHmac } from 'node:crypto';

import { HttpRequest, InvocationContext } from '@azure/functions';
import type { TurnContext } from 'botbuilder';

import { createTeamsAdapter } from '../../src/adapters/teams/createTeamsAdapter';
import { processBotRequest, tenantOf } from '../../src/adapters/teams/httpBridge';
import { createServiceUrlAllowList } from '../../src/adapters/teams/serviceUrlAllowList';
import { loadConfig } from '../../src/config';
import { functionDefinitions, servedTenant } from '../../src/hosts/functionDefinitions';
import { createServices } from '../../src/hosts/services';
import { testConnectionString, uniqueName } from '../support/storage';

const APP_ID = '3a5c2b1e-0000-4000-8000-00000000a001';
const TENANT = '7e1d0000-0000-4000-8000-0000000000aa';
const OTHER_TENANT = '0badc0de-0000-4000-8000-0000000000bb';

function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

/** A JWT signed with a key of the attacker's choosing. */
function forgedJwt(claims: Record<string, unknown>): string {
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: 'forged' }));
  const payload = base64url(JSON.stringify(claims));
  const signature = createHmac('sha256', 'attacker').update(`${header}.${payload}`).digest();
  return `${header}.${payload}.${base64url(signature)}`;
}

function activity(tenantId: string | undefined): Record<string, unknown> {
  return {
    type: 'message',
    id: uniqueName('auth'),
    text: 'help',
    channelId: 'msteams',
    serviceUrl: 'https://smba.trafficmanager.net/uk/',
    from: { id: '29:someone', aadObjectId: '7e1d0000-0000-4000-8000-000000000001' },
    recipient: { id: `28:${APP_ID}` },
    conversation: { id: 'a:chat', conversationType: 'personal', tenantId },
    channelData: tenantId ? { tenant: { id: tenantId } } : {},
  };
}

function post(body: unknown, authorization?: string): HttpRequest {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (authorization) headers.authorization = authorization;
  return new HttpRequest({
    method: 'POST',
    url: 'https://trustplan.azurewebsites.net/api/messages',
    headers,
    body: { string: JSON.stringify(body) },
  });
}

describe('the messages function in production', () => {
  const config = loadConfig({
    NODE_ENV: 'production',
    AzureWebJobsStorage: testConnectionString(),
    STORAGE_PREFIX: uniqueName('p').slice(0, 12),
    ROSTER_DIR: 'demo/roster',
    MicrosoftAppId: APP_ID,
    MicrosoftAppPassword: 'not-a-real-secret',
    MicrosoftAppTenantId: TENANT,
  });
  const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const services = createServices(config, { clock: () => new Date('2026-11-22T10:00:00Z'), log: quiet });
  const messages = functionDefinitions(services).find((d) => d.name === 'messages');

  // CloudAdapter logs each refused request with its stack; the status is what these tests check.
  beforeEach(() => jest.spyOn(console, 'error').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  const now = Math.floor(Date.now() / 1000);
  const claims = { aud: APP_ID, iat: now, nbf: now, exp: now + 3600 };

  it.each([
    ['no Authorization header', undefined],
    ['an empty bearer token', 'Bearer '],
    ['a token that is not a JWT', 'Bearer not-a-jwt'],
    ['another scheme', `Basic ${base64url('user:password')}`],
    [
      'a forged token from another issuer',
      `Bearer ${forgedJwt({ ...claims, iss: 'https://attacker.example' })}`,
    ],
    [
      'a forged token from another tenant',
      `Bearer ${forgedJwt({ ...claims, iss: `https://sts.windows.net/${OTHER_TENANT}/` })}`,
    ],
  ])('answers a request with %s with 401 and runs no handler', async (_case, authorization) => {
    if (messages?.trigger !== 'http') throw new Error('no messages function');
    const run = jest.spyOn(services.bot, 'run');
    const response = await messages.handler(
      post(activity(TENANT), authorization),
      new InvocationContext({ functionName: 'messages' }),
    );
    expect(response.status).toBe(401);
    expect(run).not.toHaveBeenCalled();
  });
});

describe('the tenant the bot serves', () => {
  it.each([
    ['local anonymous mode', { mode: 'anonymous' } as const, undefined],
    [
      'a single-tenant registration',
      { mode: 'singleTenant', appId: APP_ID, password: 'p', tenantId: TENANT } as const,
      TENANT,
    ],
    ['a managed identity', { mode: 'managedIdentity', appId: APP_ID, tenantId: TENANT } as const, TENANT],
  ])('for %s is the configured one, if any', (_case, auth, expected) => {
    expect(servedTenant(auth)).toBe(expected);
  });

  it.each([
    ['Teams channelData', { channelData: { tenant: { id: TENANT } } }, TENANT],
    ['the conversation', { conversation: { tenantId: TENANT } }, TENANT],
    ['nowhere', { channelData: {} }, undefined],
  ])('is read from %s', (_case, from, expected) => {
    expect(tenantOf(from)).toBe(expected);
  });
});

describe('an authenticated activity from another tenant', () => {
  // Anonymous mode stands in for an authenticated request: the token check is the adapter's, above.
  const adapter = createTeamsAdapter({ mode: 'anonymous' });

  it.each([
    ['another tenant', 403, OTHER_TENANT],
    ['no tenant at all', 403, undefined],
    ['the bot’s own tenant', 200, TENANT],
    ['the bot’s own tenant in capitals', 200, TENANT.toUpperCase()],
  ])('from %s is answered %s', async (_case, status, tenant) => {
    const handled: TurnContext[] = [];
    const body = { ...activity(tenant), deliveryMode: 'expectReplies', serviceUrl: 'http://127.0.0.1:9/' };
    const response = await processBotRequest(
      adapter,
      post(body),
      async (context) => {
        handled.push(context);
        await Promise.resolve();
      },
      { tenantId: TENANT, serviceUrls: createServiceUrlAllowList(['http://127.0.0.1:9/']) },
    );
    expect(response.status).toBe(status);
    expect(handled).toHaveLength(status === 200 ? 1 : 0);
    if (status === 403) {
      expect((response.jsonBody as { error: string }).error).toContain(`serves tenant ${TENANT} only`);
    }
  });
});
