import { readFileSync } from 'node:fs';

import Ajv from 'ajv-draft-04';

import manifestSchema from '../schemas/teams-app-manifest-1.29.schema.json';

/** Teams Toolkit fills these placeholders at provisioning time; sample values stand in for them here. */
const SAMPLE = {
  TEAMS_APP_ID: '11111111-1111-1111-1111-111111111111',
  BOT_ID: '22222222-2222-2222-2222-222222222222',
  BOT_DOMAIN: 'trustplan.azurewebsites.net',
  APP_WEBSITE_URL: 'https://trust.example.org',
};

function manifest(): Record<string, unknown> {
  const text = readFileSync('appPackage/manifest.json', 'utf8').replace(
    /\$\{\{(\w+)\}\}/g,
    (_m, name: string) => {
      const value = SAMPLE[name as keyof typeof SAMPLE];
      if (!value) throw new Error(`manifest uses an unknown placeholder ${name}`);
      return value;
    },
  );
  return JSON.parse(text) as Record<string, unknown>;
}

function pngSize(file: string): [number, number] {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString()).toBe('PNG');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

describe('the Teams app package', () => {
  it('has a manifest valid against the Teams 1.29 schema', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    const validate = ajv.compile(manifestSchema);
    const valid = validate(manifest());
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('offers the bot in personal chats and teams, with the commands the bot understands', () => {
    const bots = manifest().bots as { scopes: string[]; commandLists: { commands: { title: string }[] }[] }[];
    expect(bots[0]?.scopes).toEqual(['personal', 'team']);
    expect(bots[0]?.commandLists[0]?.commands.map((c) => c.title)).toEqual(['help', 'who am I']);
  });

  it('ships icons of the sizes Teams requires', () => {
    expect(pngSize('appPackage/color.png')).toEqual([192, 192]);
    expect(pngSize('appPackage/outline.png')).toEqual([32, 32]);
  });
});
