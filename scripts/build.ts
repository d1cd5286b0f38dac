/**
 * Builds the Azure Functions package: the Functions entry bundled by esbuild into one minified file
 * with a source map, `dist/main.js` (package.json `main`). One file loads much faster than hundreds
 * of modules from node_modules, which is what a cold start on a person's message waits for.
 *
 * The parts of @microsoft/teams-ai this bot never runs (its AI planner and sign-in dialogs) are left
 * out of the bundle (see LEFT_OUT). `npm run build`.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { build, type Plugin } from 'esbuild';

export const OUT_DIR = 'dist';
export const ENTRY_POINT = 'src/hosts/azureFunctions/index.ts';
export const BUNDLE = join(OUT_DIR, 'main.js');

/**
 * Parts of @microsoft/teams-ai this bot never runs, left out of the bundle: teams-ai's Application
 * uses its AI planner only when given `ai` options, and its sign-in flows (which bring botbuilder-dialogs
 * and the text recognizers, half of the bundle) only when given `authentication` options; the bot sets
 * neither (free-form questions build teams-ai's AI themselves, loaded on the first question). Each `require` named here is replaced by a stand-in that throws, naming this list, if anything
 * ever reads from it. Leaving them out takes a third off the cold start (bench/coldStart.bench.ts).
 */
export const LEFT_OUT: readonly { file: RegExp; modules: readonly string[] }[] = [
  {
    file: /@microsoft[\\/]teams-ai[\\/]lib[\\/]Application\.js$/,
    modules: ['./AI', './authentication/Authentication'],
  },
  {
    // The planner for free-form questions (src/adapters/teams/planner) always passes its own tokenizer,
    // so teams-ai's GPT tokenizers, and gpt-tokenizer's 1.4 MB of tables, are never used.
    file: /@microsoft[\\/]teams-ai[\\/]lib[\\/]planners[\\/]LLMClient\.js$/,
    modules: ['../tokenizers'],
  },
  {
    // Only `userInSignInFlow` and its siblings run on every turn; they read turn state and need neither
    // the dialogs library nor the sign-in flows.
    file: /@microsoft[\\/]teams-ai[\\/]lib[\\/]authentication[\\/]BotAuthenticationBase\.js$/,
    modules: ['botbuilder-dialogs', './Authentication'],
  },
];

/** Thrown by a left-out module's stand-in: the bot has started using a part the bundle does not carry. */
const LEFT_OUT_HELPER =
  'function __leftOut(name) { return new Proxy({}, { get(_t, key) { throw new Error(' +
  '"The bundle leaves out " + name + " (read: " + String(key) + "): remove it from LEFT_OUT in scripts/build.ts");' +
  ' } }); }\n';

/** Replaces `require("x")` for the modules named with a stand-in; fails the build if one is not found. */
export function leaveOut(source: string, modules: readonly string[], file: string): string {
  let rewritten = source;
  for (const name of modules) {
    const call = `require("${name}")`;
    if (!rewritten.includes(call)) {
      throw new Error(`${file} no longer contains ${call}: update LEFT_OUT in scripts/build.ts`);
    }
    rewritten = rewritten
      .split(call)
      .join(`__leftOut(${JSON.stringify(`${name} of ${file.replace(/.*node_modules[\\/]/, '')}`)})`);
  }
  return LEFT_OUT_HELPER + rewritten;
}

const leaveOutPlugin: Plugin = {
  name: 'leave-out',
  setup(builder) {
    for (const { file, modules } of LEFT_OUT) {
      builder.onLoad({ filter: file }, (args) => ({
        contents: leaveOut(readFileSync(args.path, 'utf8'), modules, args.path),
        loader: 'js',
      }));
    }
  },
};

/**
 * Index files ("barrels") that re-export a whole library: loading one runs every module of the library,
 * though a turn uses a few. In these, each re-export becomes a getter that loads its module on first
 * read. Export names are found by loading each module here, at build time.
 */
export const LAZY_BARRELS: readonly RegExp[] = [
  /[\\/]botbuilder[\\/]lib[\\/]index\.js$/,
  /[\\/]botbuilder-core[\\/]lib[\\/]index\.js$/,
  /[\\/]botframework-connector[\\/]lib[\\/]index\.js$/,
  /[\\/]botframework-connector[\\/]lib[\\/]auth[\\/]index\.js$/,
];

const LAZY_HELPERS =
  'function __lazyModule(load) { let loaded; const get = () => (loaded ??= load());' +
  ' return new Proxy({}, { get: (_t, key) => get()[key], has: (_t, key) => key in get() }); }\n' +
  'function __lazyExportStar(target, load, keys) { let loaded; for (const key of keys) {' +
  ' if (Object.prototype.hasOwnProperty.call(target, key)) continue;' +
  ' Object.defineProperty(target, key, { enumerable: true, get: () => (loaded ??= load())[key] }); } }\n';

/** Rewrites a TypeScript-compiled barrel so that each module it re-exports loads on first use. */
export function makeBarrelLazy(source: string, file: string): string {
  // The barrel's own require: export names are read by loading each module it re-exports.
  const requireHere = createRequire(file);
  const rewritten = source
    .replace(/__exportStar\(require\("([^"]+)"\), exports\);/g, (_call, spec: string) => {
      const keys = Object.keys(requireHere(spec) as object).filter(
        (key) => key !== 'default' && key !== '__esModule',
      );
      return `__lazyExportStar(exports, () => require(${JSON.stringify(spec)}), ${JSON.stringify(keys)});`;
    })
    .replace(
      /var (\w+) = require\("([^"]+)"\);/g,
      (_all, name: string, spec: string) =>
        `var ${name} = __lazyModule(() => require(${JSON.stringify(spec)}));`,
    );
  if (rewritten === source)
    throw new Error(`${file} is not a barrel any more: update LAZY_BARRELS in scripts/build.ts`);
  return LAZY_HELPERS + rewritten;
}

const lazyBarrelsPlugin: Plugin = {
  name: 'lazy-barrels',
  setup(builder) {
    for (const filter of LAZY_BARRELS) {
      builder.onLoad({ filter }, (args) => ({
        contents: makeBarrelLazy(readFileSync(args.path, 'utf8'), args.path),
        loader: 'js',
      }));
    }
  },
};

/** Bundles the Functions entry into dist/main.js (+ .map) and returns the bundle's size in bytes. */
export async function buildBundle(outDir = OUT_DIR): Promise<number> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const result = await build({
    entryPoints: [ENTRY_POINT],
    outfile: join(outDir, 'main.js'),
    bundle: true,
    platform: 'node',
    // Runs on Node 22 in Azure and Node 20 here: nothing newer than Node 20 may be emitted.
    target: 'node20',
    format: 'cjs',
    minify: true,
    sourcemap: true,
    // Only the Functions worker provides this module; @azure/functions requires it at run time.
    external: ['@azure/functions-core'],
    plugins: [leaveOutPlugin, lazyBarrelsPlugin],
    metafile: true,
    logLevel: 'warning',
    legalComments: 'linked',
  });
  writeFileSync(join(outDir, 'meta.json'), JSON.stringify(result.metafile));
  const output = Object.entries(result.metafile.outputs).find(([file]) => file.endsWith('main.js'));
  return output?.[1].bytes ?? 0;
}

if (require.main === module) {
  buildBundle().then(
    (bytes) => process.stdout.write(`Built ${BUNDLE} (${(bytes / 1e6).toFixed(1)} MB) and its source map.\n`),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
