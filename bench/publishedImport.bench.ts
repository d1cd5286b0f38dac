/**
 * Reading a published file of every school in England for one trust's academies: generates Explore
 * Education Statistics KS2 institution-level files (the largest, about 1.2 million rows) of growing
 * size, reads each in a process of its own, and prints the time and peak memory against the file size,
 * with their ratio to the floors of issue 21 (a 200 MB file in under 20 s with at most 200 MB).
 */
import { execFile } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import type { Benchmark } from './benchmark';

const SIZES_MB = [50, 100, 200];
const FLOOR_SECONDS = 20;
const FLOOR_MB = 200;
/** The demo roster's URNs: one in every few thousand rows is the trust's. */
const TRUST_URNS = ['990001', '990002', '990003', '990004', '990005', '990006'];

const HEADER =
  'time_period,time_identifier,geographic_level,country_code,country_name,version,la_name,school_name,' +
  'school_urn,school_laestab,establishment_type_group,breakdown_topic,breakdown,subject,eligible_pupil_count,' +
  'expected_standard_pupil_percent,higher_standard_pupil_percent,average_scaled_score\n';
const BREAKDOWNS = [
  ['All pupils', 'Total'],
  ['Sex', 'Boys'],
  ['Sex', 'Girls'],
  ['Disadvantage status', 'Disadvantaged'],
  ['Disadvantage status', 'Not known to be disadvantaged'],
  ['First language', 'Known or believed to be other than English'],
  ['Mobility', 'Non mobile'],
] as const;
const SUBJECTS = [
  '"Reading, writing and maths"',
  'Reading',
  'Writing',
  'Maths',
  '"Grammar, punctuation and spelling"',
];
const CODES = ['c', 'x', 'z'];

/** Writes a file of about `megabytes` MB in the EES KS2 layout; returns its size in bytes. */
function generate(path: string, megabytes: number): number {
  const target = megabytes * 1024 * 1024;
  const fd = openSync(path, 'w');
  let written = writeSync(fd, HEADER);
  let school = 0;
  let chunk = '';
  while (written < target) {
    const urn =
      school % 3000 === 17 ? TRUST_URNS[((school / 3000) % TRUST_URNS.length) | 0]! : String(100000 + school);
    const name = `"School ${school}, Town ${school % 317}"`;
    for (const [topic, breakdown] of BREAKDOWNS) {
      for (const subject of SUBJECTS) {
        const n = (school * 7 + subject.length) % 101;
        const percent = n % 13 === 0 ? CODES[n % 3]! : String(n);
        chunk +=
          `202425,Academic year,School,E92000001,England,Provisional,Essex,${name},${urn},881${school % 10000},Academy,` +
          `${topic},${breakdown},${subject},${30 + (n % 60)},${percent},${n % 30},${100 + (n % 10)}\n`;
      }
    }
    school++;
    if (chunk.length > 1 << 20) {
      written += writeSync(fd, chunk);
      chunk = '';
    }
  }
  if (chunk) written += writeSync(fd, chunk);
  closeSync(fd);
  return statSync(path).size;
}

const run = promisify(execFile);

const benchmark: Benchmark = {
  name: 'Published file import (EES KS2 institution level, demo trust)',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'published-bench-'));
    const lines: string[] = [];
    try {
      for (const megabytes of SIZES_MB) {
        const path = join(dir, `ks2_${megabytes}.csv`);
        const bytes = generate(path, megabytes);
        const { stdout } = await run(
          process.execPath,
          [...process.execArgv, join(__dirname, 'publishedImportChild.ts'), path],
          { cwd: join(__dirname, '..'), maxBuffer: 1 << 20 },
        );
        const result = JSON.parse(stdout) as {
          ms: number;
          peakMb: number;
          baselineMb: number;
          records: number;
          figures: number;
        };
        const sizeMb = bytes / 1024 / 1024;
        const seconds = result.ms / 1000;
        const scaledSeconds = (seconds * 200) / sizeMb;
        lines.push(
          `${sizeMb.toFixed(0)} MB, ${result.records} rows, ${result.figures} figures of the trust: ` +
            `${seconds.toFixed(1)} s (${(sizeMb / seconds).toFixed(0)} MB/s), peak ${result.peakMb.toFixed(0)} MB (${result.baselineMb.toFixed(0)} MB before reading)` +
            (megabytes === 200
              ? ` — ${((seconds / FLOOR_SECONDS) * 100).toFixed(0)} % of the ${FLOOR_SECONDS} s floor, ` +
                `${((result.peakMb / FLOOR_MB) * 100).toFixed(0)} % of the ${FLOOR_MB} MB floor`
              : ` (200 MB at this rate: ${scaledSeconds.toFixed(1)} s)`),
        );
        rmSync(path);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return lines;
  },
};

export default benchmark;
