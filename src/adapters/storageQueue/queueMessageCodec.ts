/**
 * The wire format of our queue messages: JSON, UTF-8, base64. Base64 is what the Azure Functions queue
 * trigger expects by default (`messageEncoding: base64`), so the same message works for the Functions
 * host and for the local poller.
 */

/** The most message text one queue message can carry (64 KiB). */
export const MAX_QUEUE_MESSAGE_LENGTH = 64 * 1024;

/** Serialises a value to the queue's message text. */
export function encodeQueueMessage(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64');
}

/** A decoded message, or why it could not be decoded: an outcome, since a bad message is not a bug here. */
export type DecodedQueueMessage = { ok: true; value: unknown } | { ok: false; reason: string };

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Reverses `encodeQueueMessage`, saying which step failed for a message it did not write. */
export function decodeQueueMessage(text: string): DecodedQueueMessage {
  // Buffer.from(…, 'base64') skips characters it does not know instead of failing: check first.
  if (text.length % 4 !== 0 || !BASE64.test(text)) {
    return { ok: false, reason: 'the message text is not base64' };
  }
  let json: string;
  try {
    json = utf8.decode(Buffer.from(text, 'base64'));
  } catch {
    return { ok: false, reason: 'the base64 content is not UTF-8 text' };
  }
  try {
    return { ok: true, value: JSON.parse(json) as unknown };
  } catch (error) {
    return { ok: false, reason: `the content is not JSON (${(error as Error).message})` };
  }
}
