/**
 * The Functions bundle (dist/main.js, built by jest's globalSetup as by `npm run build`) is what
 * package.json names and what is deployed: it must answer a turn on its own, with no node_modules.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { EOL, tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { runInNewContext } from 'node:vm';

import { BUNDLE, leaveOut, makeBarrelLazy } from '../../scripts/build';
import { FUNCTIONS_PROBE, repliesOf, runProbe } from '../../scripts/bundleProbe';
import { PACKAGE_CONTENTS } from '../../scripts/packageFunctions';
import { readRosterDir } from '../../src/adapters/files/readRosterDir';
import { testConnectionString, uniqueName } from '../support/storage';

const ROOT = join(__dirname, '../..');
const nodeRequire = createRequire(__filename);

function copyTree(from: string, to: string): void {
  if (statSync(from).isDirectory()) {
    for (const entry of readdirSync(from)) copyTree(join(from, entry), join(to, entry));
    return;
  }
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(from, to);
}

describe('the Functions bundle', () => {
  it('is the entry package.json names, with its source map', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toBe(BUNDLE);
    expect(existsSync(join(ROOT, BUNDLE))).toBe(true);
    expect(readFileSync(join(ROOT, BUNDLE), 'utf8')).toMatch(/\/\/# sourceMappingURL=main\.js\.map\s*$/);
    expect(existsSync(join(ROOT, `${BUNDLE}.map`))).toBe(true);
  });

  it('answers "help" with the help card from what the package holds, with no node_modules', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'bundle-'));
    try {
      // What `npm run package` zips, laid out as Azure unpacks it.
      for (const path of PACKAGE_CONTENTS) {
        if (existsSync(join(ROOT, path))) copyTree(join(ROOT, path), join(folder, path));
      }
      const roster = await readRosterDir(join(ROOT, 'demo/roster'));
      const executive = roster.ok ? roster.roster.people.find((p) => p.role === 'executive') : undefined;
      const { answer } = await runProbe(FUNCTIONS_PROBE, {
        cwd: folder,
        env: {
          PATH: process.env.PATH,
          PROBE_BUNDLE: join(folder, BUNDLE),
          // The worker's own copy of the library builds the request; the bundle carries everything else.
          PROBE_AZURE_FUNCTIONS: dirname(require.resolve('@azure/functions/package.json')),
          PROBE_ACTIVITY: JSON.stringify({
            type: 'message',
            id: uniqueName('bundle'),
            text: 'help',
            channelId: 'msteams',
            deliveryMode: 'expectReplies',
            serviceUrl: 'http://127.0.0.1:9/',
            from: { id: '29:exec', aadObjectId: executive?.aadObjectId, name: executive?.name },
            recipient: { id: '28:bot', name: 'Trust Plan' },
            conversation: { id: 'a:bundle-chat', conversationType: 'personal' },
          }),
          AzureWebJobsStorage: testConnectionString(),
          STORAGE_PREFIX: uniqueName('b').slice(0, 12),
          // The defaults (demo roster, demo plan, national benchmarks, demo history) are read from the package.
          ALLOWED_SERVICE_URLS: 'http://127.0.0.1:9/',
        },
      });
      expect(answer.functions).toEqual(expect.arrayContaining(['messages', 'health', 'deliverOutbox']));
      expect(answer.status).toBe(200);
      expect(JSON.stringify(repliesOf(answer)[0]?.attachments)).toContain('What I can do for you');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('leaving unused parts of teams-ai out of the bundle', () => {
  it('carries the planner for free-form questions, but not the GPT tokenizers it never uses', () => {
    const meta = JSON.parse(readFileSync(join(ROOT, 'dist/meta.json'), 'utf8')) as {
      inputs: Record<string, unknown>;
    };
    const inputs = Object.keys(meta.inputs);
    for (const part of [
      'src/adapters/teams/planner/freeFormQuestions.ts',
      '@microsoft/teams-ai/lib/planners/ActionPlanner.js',
      '@microsoft/teams-ai/lib/models/OpenAIModel.js',
    ]) {
      expect({ part, bundled: inputs.some((input) => input.endsWith(part)) }).toEqual({
        part,
        bundled: true,
      });
    }
    expect(inputs.filter((input) => /gpt-tokenizer|teams-ai\/lib\/tokenizers\//.test(input))).toEqual([]);
  });

  it('replaces the require with a stand-in that names the list when read', () => {
    const code = leaveOut(
      'exports.ai = require("./AI");',
      ['./AI'],
      '/x/node_modules/pkg/lib/Application.js',
    );
    const sandbox = { exports: {} as { ai?: Record<string, unknown> } };
    runInNewContext(code, sandbox);
    expect(() => sandbox.exports.ai?.AI).toThrow(/leaves out \.\/AI of pkg\/lib\/Application\.js .*LEFT_OUT/);
  });

  it.each([
    ['a require that is no longer there', 'const a = require("./Other");', './AI', /no longer contains/],
  ])('fails the build on %s', (_case, source, name, message) => {
    expect(() => leaveOut(source, [name], 'Application.js')).toThrow(message);
  });
});

describe('lazy barrels', () => {
  it('defines each re-export as a getter that loads its module on first read', () => {
    const source =
      'var __exportStar = () => { throw new Error("eager"); };\n' +
      '__exportStar(require("node:path"), exports);\nvar os_1 = require("node:os");\n' +
      'Object.defineProperty(exports, "EOL", { enumerable: true, get: function () { return os_1.EOL; } });';
    const loaded: string[] = [];
    const sandbox = {
      exports: {} as Record<string, unknown>,
      require: (name: string): unknown => {
        loaded.push(name);
        return nodeRequire(name);
      },
      Proxy,
      Object,
    };
    runInNewContext(makeBarrelLazy(source, join(ROOT, 'index.js')), sandbox);
    expect(loaded).toEqual([]);
    expect(sandbox.exports.sep).toBe(sep);
    expect(loaded).toEqual(['node:path']);
    expect(sandbox.exports.EOL).toBe(EOL);
    expect(loaded).toEqual(['node:path', 'node:os']);
  });

  it('fails the build on a file that is not a barrel any more', () => {
    expect(() => makeBarrelLazy('module.exports = 1;', join(ROOT, 'index.js'))).toThrow(
      /not a barrel any more/,
    );
  });
});
