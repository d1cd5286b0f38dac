/**
 * The local host says little to strangers and to its log: a client that hangs up mid-upload is one log
 * line (no stack, no error), however often it happens, and no answer names the framework or its version.
 */
import net from 'node:net';

import { functionDefinitions } from '../../src/hosts/functionDefinitions';
import { type RunningLocalHost, startLocalHost } from '../../src/hosts/local/localHost';
import { freePort } from '../../src/hosts/local/netPorts';
import { testServices } from '../support/services';
import { testConnectionString } from '../support/storage';

const logged: { level: string; message: string; error?: unknown }[] = [];
const log = {
  info: (message: string) => logged.push({ level: 'info', message }),
  warn: (message: string) => logged.push({ level: 'warn', message }),
  error: (message: string, error?: unknown) => logged.push({ level: 'error', message, error }),
};

let host: RunningLocalHost;
let port: number;

beforeAll(async () => {
  port = await freePort();
  host = await startLocalHost({
    definitions: functionDefinitions(testServices()),
    port,
    storageConnectionString: testConnectionString(),
    log,
  });
});
afterAll(() => host.stop());

/** Starts a POST that promises 10,000 bytes, sends 100, and hangs up. */
function hangUpMidUpload(): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(
        'POST /api/messages HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n' +
          `Content-Length: 10000\r\n\r\n${'x'.repeat(100)}`,
      );
      setTimeout(() => {
        socket.destroy();
        resolve();
      }, 50);
    });
    socket.on('error', reject);
  });
}

describe('the local host, quietly', () => {
  it('logs a client that hangs up mid-upload as one line, not a stack per request', async () => {
    logged.length = 0;
    for (let i = 0; i < 3; i++) await hangUpMidUpload();
    const deadline = Date.now() + 5000;
    while (logged.length < 3 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(logged).toHaveLength(3);
    for (const entry of logged) {
      expect(entry.level).toBe('warn');
      expect(entry.error).toBeUndefined();
      expect(entry.message).not.toContain('\n');
      expect(entry.message).toContain('the client closed the connection before its request arrived');
    }
  });

  it('answers the bot endpoint without naming the framework or its version', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: 'quiet-1',
        text: 'hello',
        channelId: 'msteams',
        serviceUrl: 'http://127.0.0.1:9/',
        from: { id: '29:someone' },
        recipient: { id: '28:bot' },
        conversation: { id: 'a:quiet', conversationType: 'personal' },
      }),
    });
    expect(response.status).toBeLessThan(300);
    expect(response.headers.get('user-agent')).toBeNull();
    expect([...response.headers.values()].join(' ')).not.toMatch(/teams-?ai|botbuilder|botframework/i);
  });
});
