/**
 * The composition root's first start over a real Azurite: the roster and, for the demo, the figures of
 * the terms before the current one are loaded once, and a plan with errors stops start-up.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { TrustPlanError } from '../../src/adapters/files/loadTrustPlan';
import { loadConfig } from '../../src/config';
import { createServices } from '../../src/hosts/services';
import { testServices } from '../support/services';
import { testConnectionString, uniqueName } from '../support/storage';

describe('services on first start', () => {
  it("imports the demo's earlier terms once, and nothing of the current term", async () => {
    const now = new Date('2026-12-02T10:00:00Z');
    const prefix = uniqueName('h').slice(0, 12);
    const env = { STORAGE_PREFIX: prefix, HISTORY_FILE: 'demo/data/observations.csv' };
    const first = testServices(now, env);
    await first.ready();
    const past = await first.round.figures.term('2025-26-summer');
    expect(past.length).toBeGreaterThan(0);
    expect([...(past[0]?.figures.values() ?? [])][0]?.channel).toBe('import');
    expect(await first.round.figures.term('2026-27-autumn')).toEqual([]);
    const audit = await first.round.figures.audit('2025-26-summer', past[0]?.urn ?? '');
    expect(audit.length).toBe(past[0]?.figures.size);

    // A second host on the same storage finds figures there and imports nothing again.
    const second = testServices(now, env);
    await second.ready();
    expect(await second.round.figures.audit('2025-26-summer', past[0]?.urn ?? '')).toHaveLength(audit.length);
  });

  it('refuses to start on a plan with errors, naming the file and line', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'plan-'));
    const planFile = path.join(dir, 'plan.yaml');
    writeFileSync(
      planFile,
      'id: broken\ntitle: Broken\nperiod: { from: 2025-26, to: 2027-28 }\nobjectives: nope\n',
    );
    const config = loadConfig({
      AzureWebJobsStorage: testConnectionString(),
      PLAN_FILE: planFile,
    });
    expect(() => createServices(config, { clock: () => new Date() })).toThrow(TrustPlanError);
    expect(() => createServices(config, { clock: () => new Date() })).toThrow(new RegExp(`${planFile}:4:`));
  });

  it('refuses to start when the plan file is missing, naming the setting', () => {
    const config = loadConfig({ AzureWebJobsStorage: testConnectionString(), PLAN_FILE: 'plans/nope.yaml' });
    expect(() => createServices(config, { clock: () => new Date() })).toThrow(
      'PLAN_FILE: plans/nope.yaml was not found',
    );
  });
});
