/**
 * The benchmark's Bot Connector in a process of its own, as Teams is to the bot: its HTTP parsing and
 * bookkeeping then take nothing from the bot's event loop. The parent asks over IPC how many
 * conversations have had a message, and finally for every arrival (times as epoch milliseconds, so the
 * two processes' clocks agree).
 */
import { fork } from 'node:child_process';

import { arrivalsPerConversation, startLocalConnector, TEAMS_LIMITS } from '../test/support/localConnector';

export interface ConnectorReport {
  arrivals: { conversationId: string; at: number }[];
  overLimit: number;
}

type Request = { kind: 'conversations' } | { kind: 'report' };
type Answer =
  | { kind: 'ready'; serviceUrl: string }
  | { kind: 'conversations'; count: number }
  | { kind: 'report'; report: ConnectorReport };

export interface ConnectorProcess {
  serviceUrl: string;
  /** How many conversations have received at least one message. */
  conversations(): Promise<number>;
  report(): Promise<ConnectorReport>;
  stop(): Promise<void>;
}

/** Epoch milliseconds with sub-millisecond precision, comparable across processes. */
export function epochNow(): number {
  return performance.timeOrigin + performance.now();
}

export async function startConnectorProcess(): Promise<ConnectorProcess> {
  const child = fork(__filename, ['--child'], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  const next = (kind: Answer['kind']): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const onMessage = (answer: Answer): void => {
        if (answer.kind !== kind) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(answer);
      };
      const onExit = (code: number | null): void =>
        reject(new Error(`the connector process exited (${code})`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const ask = async <K extends Request['kind']>(kind: K): Promise<Extract<Answer, { kind: K }>> => {
    const answer = next(kind);
    child.send({ kind });
    return (await answer) as Extract<Answer, { kind: K }>;
  };
  const ready = (await next('ready')) as Extract<Answer, { kind: 'ready' }>;
  return {
    serviceUrl: ready.serviceUrl,
    conversations: async () => (await ask('conversations')).count,
    report: async () => (await ask('report')).report,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}

async function serve(): Promise<void> {
  const connector = await startLocalConnector({ limits: TEAMS_LIMITS });
  const send = (answer: Answer): void => void process.send?.(answer);
  process.on('message', (request: Request) => {
    if (request.kind === 'conversations') {
      send({ kind: 'conversations', count: arrivalsPerConversation(connector.arrivals).size });
    } else {
      send({
        kind: 'report',
        report: {
          arrivals: connector.arrivals.map(({ conversationId, at }) => ({
            conversationId,
            at: performance.timeOrigin + at,
          })),
          overLimit: connector.overLimit,
        },
      });
    }
  });
  process.on('disconnect', () => void connector.stop().then(() => process.exit(0)));
  send({ kind: 'ready', serviceUrl: connector.serviceUrl });
}

if (process.argv.includes('--child')) void serve();
