import type { ProactiveSender, SendOutcome } from '../../src/app/ports';

/**
 * Our own ProactiveSender port, recording what would reach Teams and answering with message ids (the real
 * one, CloudAdapterSender, is tested against the Agents Playground's connector).
 */
export class RecordingSender implements ProactiveSender {
  readonly sent: { conversation: string; activityId: string; activity: Record<string, unknown> }[] = [];
  readonly updated: { conversation: string; activityId: string; activity: Record<string, unknown> }[] = [];
  /** Answers for the next updates (e.g. 404: the message was deleted); `sent` when empty. */
  readonly updateAnswers: SendOutcome[] = [];
  private next = 1;

  send(reference: Record<string, unknown>, activity: Record<string, unknown>): Promise<SendOutcome> {
    const activityId = `posted-${this.next++}`;
    this.sent.push({ conversation: conversationOf(reference), activityId, activity });
    return Promise.resolve({ kind: 'sent', activityId });
  }

  update(
    reference: Record<string, unknown>,
    activityId: string,
    activity: Record<string, unknown>,
  ): Promise<SendOutcome> {
    const answer = this.updateAnswers.shift() ?? { kind: 'sent', activityId };
    if (answer.kind === 'sent')
      this.updated.push({ conversation: conversationOf(reference), activityId, activity });
    return Promise.resolve(answer);
  }
}

function conversationOf(reference: Record<string, unknown>): string {
  return (reference.conversation as { id: string }).id;
}
