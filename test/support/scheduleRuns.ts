/**
 * The hourly `roundSchedule` timer function of a round harness, run on its moving clock as the hosts run
 * it, with what it queues carried through to a sender that records it.
 */
import { InvocationContext, type Timer } from '@azure/functions';

import { deliverMessage } from '../../src/app/deliverMessage';
import type { ProactiveSender } from '../../src/app/ports';
import { functionDefinitions } from '../../src/hosts/functionDefinitions';
import type { RoundHarness } from './roundHarness';

/** A timer firing on time, as the Functions host passes it. */
export const TIMER: Timer = {
  isPastDue: false,
  schedule: { adjustForDST: false },
  scheduleStatus: { last: '', next: '', lastUpdated: '' },
};

/** Runs the harness's `roundSchedule` function once, now. */
export function roundSchedule(h: RoundHarness): () => Promise<unknown> {
  const definition = functionDefinitions(h.services).find((d) => d.name === 'roundSchedule');
  if (definition?.trigger !== 'timer') throw new Error('no roundSchedule timer');
  return () =>
    Promise.resolve(definition.handler(TIMER, new InvocationContext({ functionName: 'roundSchedule' })));
}

/**
 * `at(instant)`: moves the clock to the instant, runs the timer there twice at once as two hosts might,
 * then the fan-outs it queued, then delivers every message on the outbox queue through `sender`; answers
 * what `sender` was given meanwhile.
 */
export function scheduleRuns<Sent>(
  h: RoundHarness,
  sender: ProactiveSender & { readonly sent: Sent[] },
): (instant: string) => Promise<Sent[]> {
  const run = roundSchedule(h);
  const delivery = { ...h.services.delivery, sender };
  return async (instant) => {
    h.setNow(instant);
    const before = sender.sent.length;
    await Promise.all([run(), run()]);
    // An opening queues its fan-out; the fanOutRound function runs it.
    await h.runFanOuts();
    for (;;) {
      const { receivedMessageItems } = await h.queue.receiveMessages({ numberOfMessages: 32 });
      if (receivedMessageItems.length === 0) break;
      for (const item of receivedMessageItems) {
        await deliverMessage(delivery, JSON.parse(Buffer.from(item.messageText, 'base64').toString('utf8')));
        await h.queue.deleteMessage(item.messageId, item.popReceipt);
      }
    }
    return sender.sent.slice(before);
  };
}
