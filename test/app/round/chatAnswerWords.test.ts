/**
 * How a reply in either chat walk (a head's, an owner's) is read for one figure: the words, a choice's
 * number, and the card's validation, before anything is kept.
 */
import { readChatAnswer } from '../../../src/app/round/chatAnswerWords';
import { getMetric } from '../../../src/domain/metrics/metricCatalogue';
import type { RequestedMetric } from '../../../src/domain/round/requestedMetrics';
import type { StoredFigure } from '../../../src/domain/round/round';

function requested(id: string, required: boolean): RequestedMetric {
  const metric = getMetric(id);
  if (!metric) throw new Error(`no metric ${id}`);
  return { metric, required };
}

const options = { example: 'n/a the clerk is recruiting', name: 'Oak Academy: the figure' };
const lastTerm = { term: '2026-27-autumn', content: { value: 93.5 } } as unknown as StoredFigure;

describe('reading a reply to a figure in the chat walks', () => {
  it('keeps a valid figure as typed, and refuses one out of range saying nothing was kept', () => {
    expect(readChatAnswer(requested('attendance', true), '94.2', options)).toEqual({
      kind: 'answer',
      answer: { value: '94.2', reason: '' },
    });
    const refused = readChatAnswer(requested('attendance', true), '140', options);
    expect(refused.kind).toBe('reply');
    expect(refused.kind === 'reply' && refused.text).toMatch(/Nothing was kept for Oak Academy: the figure/);
  });

  it('refuses an empty reply to a required figure instead of keeping it blank', () => {
    const read = readChatAnswer(requested('attendance', true), '', options);
    expect(read.kind).toBe('reply');
  });

  it('lets skip leave an optional figure blank, and refuses it for a required one', () => {
    expect(readChatAnswer(requested('attendance', false), 'skip', options)).toEqual({
      kind: 'answer',
      answer: { value: '', reason: '' },
    });
    const read = readChatAnswer(requested('attendance', true), 'SKIP', options);
    expect(read.kind === 'reply' && read.text).toMatch(/is required/);
  });

  it("repeats last term's figure for same, and says when there is none", () => {
    expect(readChatAnswer(requested('attendance', true), 'same', { ...options, last: lastTerm })).toEqual({
      kind: 'answer',
      answer: { value: '93.5', reason: '' },
    });
    const none = readChatAnswer(requested('attendance', true), 'same', options);
    expect(none.kind === 'reply' && none.text).toMatch(/no figure from last term/);
  });

  it('takes n/a with its reason, and asks for the reason with the example when it is missing', () => {
    expect(readChatAnswer(requested('attendance', true), 'n/a: census not run yet', options)).toEqual({
      kind: 'answer',
      answer: { value: '', reason: 'census not run yet' },
    });
    const bare = readChatAnswer(requested('attendance', true), 'n/a', options);
    expect(bare.kind === 'reply' && bare.text).toBe(
      'Say why it is not available, e.g. **n/a the clerk is recruiting**.',
    );
  });

  it("reads a choice's number as the option it names", () => {
    const grade = requested('ofstedOutcome', true);
    const second = grade.metric.options?.[1]?.value;
    expect(second).toBeDefined();
    expect(readChatAnswer(grade, '2', options)).toEqual({
      kind: 'answer',
      answer: { value: second, reason: '' },
    });
  });
});
