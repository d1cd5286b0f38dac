/**
 * Packs what the Functions app runs into `.deploy/functions.zip` for Flex Consumption's deployment
 * (`az functionapp deployment source config-zip`): the bundle and its source map, host.json,
 * package.json (whose `main` names the bundle) and the files the bot reads at run time (roster, plans). No node_modules: the bundle
 * carries its dependencies. `npm run package` (after `npm run build`).
 *
 * The zip is written here, uncompressed (store), so that deploying needs no zip tool on any system.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

import { BUNDLE } from './build';

/** Files and folders that go into the package, relative to the repository. */
export const PACKAGE_CONTENTS = [
  BUNDLE,
  `${BUNDLE}.map`,
  'host.json',
  'package.json',
  // Read at run time: the trust's roster (ROSTER_DIR), the plans (PLAN_FILE), the national benchmarks,
  // the language model's prompt (only with a model configured), and the demo's roster and history.
  'roster',
  'plans',
  'benchmarks',
  'prompts',
  'demo/roster',
  'demo/data/observations.csv',
];

export const PACKAGE_FILE = join('.deploy', 'functions.zip');

/** 1 January 1980, the first date a zip can hold: the package's content, not its file times, matters. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** A zip archive of the given files (name → content), stored without compression. */
export function zipStore(files: ReadonlyMap<string, Buffer>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of files) {
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // names are UTF-8
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.size, 8);
  end.writeUInt16LE(files.size, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

function collect(root: string, path: string, into: Map<string, Buffer>): void {
  const full = join(root, path);
  if (statSync(full).isDirectory()) {
    for (const entry of readdirSync(full).sort()) collect(root, join(path, entry), into);
  } else {
    into.set(relative(root, full).split(sep).join('/'), readFileSync(full));
  }
}

/** Writes the package; fails naming what is missing (the bundle: run `npm run build` first). */
export function packageFunctions(root = process.cwd()): { file: string; names: string[] } {
  const files = new Map<string, Buffer>();
  for (const path of PACKAGE_CONTENTS) {
    if (!existsSync(join(root, path))) {
      if (path === 'roster') continue; // a trust may keep its roster elsewhere (ROSTER_DIR)
      throw new Error(`${path} is missing${path.startsWith('dist') ? ': run `npm run build` first' : ''}.`);
    }
    collect(root, path, files);
  }
  mkdirSync(join(root, '.deploy'), { recursive: true });
  writeFileSync(join(root, PACKAGE_FILE), zipStore(files));
  return { file: PACKAGE_FILE, names: [...files.keys()] };
}

if (require.main === module) {
  try {
    const { file, names } = packageFunctions();
    process.stdout.write(`Wrote ${file} (${names.length} files).\n`);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
