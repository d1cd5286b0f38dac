import { parsePlan } from '../../../src/domain/plan/parsePlan';

function planWithImported(imported: string): string {
  return [
    'id: test-plan',
    'title: Test plan',
    'period: { from: 2024-25, to: 2026-27 }',
    `imported: ${imported}`,
    'objectives:',
    '  - id: objective',
    '    title: Objective',
    '    targets:',
    '      - { id: t, title: T, metric: attainment8, appliesTo: all, rule: { kind: threshold, atLeast: 45 } }',
    '',
  ].join('\n');
}

describe('parsePlan: the publishers files a trust imports', () => {
  it.each<[string, string, string[]]>([
    ['a list of sources', '[dfe-ks4, ofsted]', ['dfe-ks4', 'ofsted']],
    ['one source', 'ees-ks2', ['ees-ks2']],
  ])('reads %s', (_name, yaml, expected) => {
    const result = parsePlan(planWithImported(yaml));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.plan.imported).toEqual(expected);
  });

  it('refuses a source it cannot import, naming the line and the sources', () => {
    const result = parsePlan(planWithImported('[dfe-ks4, fft-aspire]'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((error) => [error.line, error.path])).toEqual([[4, 'imported[1]']]);
    expect(result.errors[0]?.message).toContain('dfe-ks4');
  });
});
