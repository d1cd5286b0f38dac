import { readFileSync } from 'node:fs';

import Ajv from 'ajv-draft-04';

import manifestSchema from '../schemas/teams-app-manifest-1.29.schema.json';
import { COMMANDS, parseCommand } from '../src/app/commands';

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

interface ManifestBot {
  scopes: string[];
  commandLists: { scopes: string[]; commands: { title: string; description: string }[] }[];
}

function bot(): ManifestBot {
  const bots = manifest().bots as ManifestBot[];
  expect(bots).toHaveLength(1);
  return bots[0] as ManifestBot;
}

function png(file: string): { width: number; height: number; colourType: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString()).toBe('PNG');
  // IHDR: width, height, bit depth, colour type (6 = truecolour with alpha).
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), colourType: bytes.readUInt8(25) };
}

describe('the Teams app package', () => {
  it('has a manifest valid against the Teams 1.29 schema', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    const validate = ajv.compile(manifestSchema);
    const valid = validate(manifest());
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('offers the bot in personal chats and teams', () => {
    expect(bot().scopes).toEqual(['personal', 'team']);
  });

  // Teams shows at most 10 commands per scope; the bot's own help card lists all of them.
  it('lists at most 10 commands per scope, each once', () => {
    for (const list of bot().commandLists) {
      expect(list.commands.length).toBeLessThanOrEqual(10);
      const titles = list.commands.map((c) => c.title.toLowerCase());
      expect(new Set(titles).size).toBe(titles.length);
    }
  });

  it('lists only commands the bot understands, each with a description', () => {
    for (const command of bot().commandLists.flatMap((list) => list.commands)) {
      expect({ title: command.title, parsed: parseCommand(command.title).kind }).toEqual({
        title: command.title,
        parsed: 'command',
      });
      expect(command.description.length).toBeGreaterThan(0);
    }
  });

  // Teams shows at most 10 commands per scope and the bot has more: the manifest lists the ones people
  // most need, the help card lists every command for the person's role.
  const KEY_COMMANDS = [
    'help',
    'status',
    'risks',
    'figures',
    'missing',
    'openRound',
    'remind',
    'closeRound',
    'postSummary',
    'whoami',
  ];
  it('names only catalogue commands as key commands', () => {
    expect(KEY_COMMANDS.filter((name) => !COMMANDS.some((command) => command.name === name))).toEqual([]);
  });
  it.each(
    COMMANDS.filter((command) => KEY_COMMANDS.includes(command.name)).map((command) => [
      command.name,
      command.usage,
    ]),
  )('lists the bot command %s ("%s") in personal chats', (name) => {
    const personal = bot().commandLists.find((list) => list.scopes.includes('personal'));
    const listed = (personal?.commands ?? []).map((c) => parseCommand(c.title));
    expect(listed).toContainEqual(expect.objectContaining({ kind: 'command', name }));
  });

  it('names the bot for Graph installs (webApplicationInfo) and its domain', () => {
    const m = manifest() as { webApplicationInfo?: { id: string }; validDomains?: string[] };
    expect(m.webApplicationInfo?.id).toBe(SAMPLE.BOT_ID);
    expect(m.validDomains).toEqual([SAMPLE.BOT_DOMAIN]);
  });

  it('ships icons of the sizes Teams requires', () => {
    expect(png('appPackage/color.png')).toMatchObject({ width: 192, height: 192 });
    // The outline icon is white on transparent: it needs an alpha channel.
    expect(png('appPackage/outline.png')).toEqual({ width: 32, height: 32, colourType: 6 });
  });
});
