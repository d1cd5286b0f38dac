import { decodeQueueMessage, encodeQueueMessage } from '../../../src/adapters/storageQueue/queueMessageCodec';

describe('queue message codec', () => {
  it.each([
    [
      'an outbox message',
      { id: 'm1', conversationKey: 'person:a@b.c', activity: { type: 'message', text: 'Hi' } },
    ],
    ['unicode', { text: 'Zoë — 中文 😀' }],
    ['a string', 'just text'],
    ['a number', 42],
    ['null', null],
  ])('round-trips %s through base64 JSON', (_name, value) => {
    const text = encodeQueueMessage(value);
    expect(text).toMatch(/^[A-Za-z0-9+/]*={0,2}$/);
    expect(JSON.parse(Buffer.from(text, 'base64').toString('utf8'))).toEqual(value);
    expect(decodeQueueMessage(text)).toEqual({ ok: true, value });
  });

  it.each([
    ['plain text', 'hello world', /not base64/],
    ['JSON that was not base64-encoded', '{"id":"m1"}', /not base64/],
    ['base64 of text that is not JSON', Buffer.from('not json').toString('base64'), /not JSON/],
    ['base64 of bytes that are not UTF-8', Buffer.from([0xff, 0xfe, 0xfd]).toString('base64'), /not UTF-8/],
    ['an empty message', '', /not JSON/],
  ])('says why it cannot decode %s', (_name, text, reason) => {
    const decoded = decodeQueueMessage(text);
    expect(decoded.ok).toBe(false);
    expect(decoded.ok ? '' : decoded.reason).toMatch(reason);
  });
});
