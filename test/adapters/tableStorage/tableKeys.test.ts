import { TableClient } from '@azure/data-tables';

import { decodeKey, encodeKey, MAX_KEY_LENGTH } from '../../../src/adapters/tableStorage/tableKeys';
import { testConnectionString, uniqueName } from '../../support/storage';

const cases: Array<[description: string, value: string, encoded: string]> = [
  ['a plain word', 'roster', 'roster'],
  ['empty', '', ''],
  ['an email', 'Head.Teacher@philipmorant.example.org', 'Head.Teacher@philipmorant.example.org'],
  ['a person key', 'person:ceo@trust.example', 'person:ceo@trust.example'],
  [
    'a Teams channel conversation id with message id',
    '19:abc@thread.tacv2;messageid=123',
    '19:abc@thread.tacv2;messageid=123',
  ],
  ['a Teams personal conversation id with a slash', 'a:1Xy/Zk+q=', 'a:1Xy%2FZk+q='],
  ['a backslash', 'domain\\user', 'domain%5Cuser'],
  ['a hash and a question mark', 'a#b?c', 'a%23b%3Fc'],
  ['a percent sign, so encoded keys stay reversible', '100%', '100%25'],
  ['something that looks encoded already', 'a%2Fb', 'a%252Fb'],
  ['control characters', 'tab\there\nnew\u0000nul', 'tab%09here%0Anew%00nul'],
  ['C1 control characters and DEL', 'x\u007fy\u0085z\u009f', 'x%7Fy%85z%9F'],
  ['quotes, spaces and brackets (allowed as they are)', "O'Brien (Head) & co", "O'Brien (Head) & co"],
  ['unicode letters and emoji', 'Zoë 中文 😀', 'Zoë 中文 😀'],
  ['a lone high surrogate', 'a\ud83db', 'a%uD83Db'],
  ['a lone low surrogate', '\ude00', '%uDE00'],
];

describe('encodeKey / decodeKey', () => {
  it.each(cases)('encodes %s', (_description, value, encoded) => {
    expect(encodeKey(value)).toBe(encoded);
    expect(decodeKey(encoded)).toBe(value);
  });

  it('never leaves a character the service forbids, for any UTF-16 unit', () => {
    const wrong: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const value = `a${String.fromCharCode(code)}b`;
      const key = encodeKey(value);
      // eslint-disable-next-line no-control-regex
      if (/[/\\#?\u0000-\u001f\u007f-\u009f\ud800-\udfff]/.test(key) || decodeKey(key) !== value)
        wrong.push(key);
    }
    expect(wrong).toEqual([]);
  });

  it('accepts keys up to the service limit and names the value beyond it', () => {
    expect(encodeKey('k'.repeat(MAX_KEY_LENGTH))).toHaveLength(MAX_KEY_LENGTH);
    expect(() => encodeKey('/'.repeat(200))).toThrow(
      /encodes to 600 UTF-16 units, over the service's limit of 512/,
    );
  });

  it.each(['%', 'abc%', '%2', '%zz', '%u12', '%u12G4', '%2f'])(
    'rejects the malformed escape in %j',
    (key) => {
      expect(() => decodeKey(key)).toThrow(/malformed escape/);
    },
  );

  it('gives keys the real service stores, finds and returns unchanged', async () => {
    const table = TableClient.fromConnectionString(testConnectionString(), uniqueName('keys'), {
      allowInsecureConnection: true,
    });
    await table.createTable();
    for (const [, value] of cases) {
      const key = encodeKey(value);
      await table.createEntity({ partitionKey: key, rowKey: key, value });
      const stored = await table.getEntity<{ value: string }>(key, key);
      expect(decodeKey(stored.rowKey ?? '')).toBe(value);
      await table.deleteEntity(key, key);
    }
  });
});
