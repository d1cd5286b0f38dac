import fc from 'fast-check';

import { validateActivity } from '../../../src/adapters/teams/validateActivity';

const GOOD = {
  type: 'message',
  id: 'a1',
  text: 'help',
  channelId: 'msteams',
  serviceUrl: 'https://smba.trafficmanager.net/uk/',
  from: { id: '29:x', aadObjectId: '00000000-0000-0000-0000-000000000001', name: 'X' },
  recipient: { id: '28:bot' },
  conversation: { id: 'a:chat', conversationType: 'personal' },
};

describe('validateActivity', () => {
  it.each([
    ['a message', GOOD],
    ['nulls where fields are optional', { ...GOOD, text: null, channelData: null, membersAdded: null }],
    [
      'an install in a channel',
      {
        ...GOOD,
        type: 'conversationUpdate',
        membersAdded: [{ id: '28:bot' }],
        channelData: { channel: { id: '19:c' }, team: { id: '19:t', name: 'T' } },
      },
    ],
    ['fields it does not know', { ...GOOD, somethingNew: { deep: [1, 2] } }],
  ])('accepts %s', (_case, body) => {
    expect(validateActivity(body)).toEqual({ ok: true });
  });

  it.each([
    ['not an object', [1, 2], 'the request body must be a Bot Framework activity (a JSON object)'],
    [
      'only a type',
      { type: 'message' },
      'the activity has no "serviceUrl"; a Bot Framework activity needs one',
    ],
    ['no conversation', { ...GOOD, conversation: undefined }, 'the activity has no "conversation"'],
    ['no from', { ...GOOD, from: undefined }, 'the activity has no "from"'],
    ['no recipient', { ...GOOD, recipient: undefined }, 'the activity has no "recipient"'],
    ['a from without an id', { ...GOOD, from: { name: 'x' } }, 'the activity has no "from.id"'],
    ['a number for text', { ...GOOD, text: 42 }, 'the activity\'s "text" must be text'],
    [
      'a number for aadObjectId',
      { ...GOOD, from: { ...GOOD.from, aadObjectId: 7 } },
      'the activity\'s "from.aadObjectId" must be text',
    ],
    ['an empty type', { ...GOOD, type: '' }, 'the activity\'s "type" must be non-empty text'],
    [
      'an id of 2 000 characters',
      { ...GOOD, conversation: { id: 'x'.repeat(2000) } },
      '"conversation.id" must be',
    ],
    [
      'a list for channelData',
      { ...GOOD, channelData: [] },
      'the activity\'s "channelData" must be an object',
    ],
    [
      'a channel name that is a number',
      { ...GOOD, channelData: { channel: { name: 3 } } },
      'the activity\'s "channelData.channel.name" must be text',
    ],
    [
      'members without ids',
      { ...GOOD, membersAdded: [{ name: 'x' }] },
      'the activity\'s "membersAdded" must be a list of accounts, each with an "id"',
    ],
  ])('refuses %s, naming the field', (_case, body, problem) => {
    const check = validateActivity(body);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.problem).toContain(problem);
  });

  it('answers any JSON value with ok or a problem naming a field, and never throws', () => {
    const anyActivityish = fc.record(
      {
        type: fc.oneof(fc.string(), fc.jsonValue()),
        serviceUrl: fc.oneof(fc.webUrl(), fc.jsonValue()),
        channelId: fc.oneof(fc.constant('msteams'), fc.jsonValue()),
        from: fc.oneof(fc.record({ id: fc.string(), aadObjectId: fc.jsonValue() }), fc.jsonValue()),
        recipient: fc.oneof(fc.record({ id: fc.string() }), fc.jsonValue()),
        conversation: fc.oneof(fc.record({ id: fc.string(), name: fc.jsonValue() }), fc.jsonValue()),
        text: fc.jsonValue(),
        membersAdded: fc.jsonValue(),
        channelData: fc.jsonValue(),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), anyActivityish), (body) => {
        const check = validateActivity(body);
        return check.ok || /^the (activity|request body)/.test(check.problem);
      }),
      { numRuns: 200 },
    );
  });
});
