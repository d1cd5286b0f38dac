import type { Rag, TargetResult, TargetStatus } from '../../../src/domain/evaluation/evaluation';
import { addToRollUp, emptyRollUp, ragOf } from '../../../src/domain/evaluation/rollUp';

function result(status: TargetStatus, rag: Rag = ragOf(status)): TargetResult {
  return {
    objectiveId: 'o',
    targetId: 't',
    targetTitle: 'T',
    subject: { kind: 'trust', name: 'Trust' },
    status,
    rag,
    reason: '',
    evidence: { metricId: 'm', target: '' },
  };
}

describe('roll-ups follow the worst status of what they contain', () => {
  it.each<[string, TargetResult[], Rag, TargetStatus | undefined]>([
    ['nothing', [], 'grey', undefined],
    ['all met', [result('met'), result('met')], 'green', 'met'],
    ['met and on track', [result('met'), result('onTrack')], 'green', 'onTrack'],
    ['one at risk among met', [result('met'), result('atRisk'), result('met')], 'amber', 'atRisk'],
    ['missing data and at risk', [result('noData'), result('atRisk')], 'amber', 'atRisk'],
    ['a miss over everything', [result('atRisk'), result('missed'), result('noData')], 'red', 'missed'],
    ['not due and not applicable', [result('notApplicable'), result('notDue')], 'grey', 'notDue'],
    // A missing national figure is grey: it does not outrank a green result.
    ['a grey missing benchmark beside a met', [result('noData', 'grey'), result('met')], 'green', 'met'],
    ['an amber missing figure beside a met', [result('noData'), result('met')], 'amber', 'noData'],
  ])('%s', (_case, results, rag, worst) => {
    const rollUp = emptyRollUp();
    for (const item of results) addToRollUp(rollUp, item);
    expect(rollUp.rag).toBe(rag);
    expect(rollUp.worst).toBe(worst);
  });
});
