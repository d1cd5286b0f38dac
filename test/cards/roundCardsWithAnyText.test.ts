/**
 * Whatever people type or the roster holds, the round's cards stay valid and show it as given: the
 * properties hold for any text, including markdown, HTML, quotes, template syntax and lone surrogates.
 */
import fc from 'fast-check';

import { figuresCard } from '../../cards/figuresCard';
import { figuresSummaryCard } from '../../cards/figuresSummaryCard';
import { reminderCard } from '../../cards/reminderCard';
import { roundConfirmCard } from '../../cards/roundConfirmCard';
import { roundProgressCard } from '../../cards/roundProgressCard';
import { escapeMarkdown } from '../../src/app/escapeMarkdown';
import { elementById, nodesOfType } from './cardTree';
import { expectRoundActions, expectValidWithAnyText } from './roundCardChecks';
import { CHOICE, DATE, field, figuresView, NUMBER, YES_NO } from './roundCardFixtures';

const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('${urn}', '${$root.term}', '*b* _i_ [l](u) <h>', '"\\', '', ' ', 'true', '0', 'null'),
);
const RUNS = { numRuns: 60 };

describe('the round cards with any text', () => {
  it('the figures card is valid and keeps each text where it belongs', () => {
    fc.assert(
      fc.property(anyText, anyText, anyText, anyText, anyText, (name, label, value, error, reason) => {
        const fields = [NUMBER, CHOICE, YES_NO, DATE].map((input, i) =>
          field(`metric${i}`, input, {
            label,
            value,
            error,
            notAvailableReason: reason,
            previous: label,
            required: true,
          }),
        );
        const card = figuresCard(
          figuresView(fields, { academyName: name, banner: { tone: 'attention', text: error } }),
        ).content;
        expectValidWithAnyText(card);
        expect(JSON.parse(JSON.stringify(card))).toEqual(card);
        expectRoundActions(card);
        const runs = nodesOfType(card, 'TextRun').map((run) => run.text);
        expect(runs).toContain(name);
        for (let i = 0; i < fields.length; i++) {
          expect(elementById(card, `na_metric${i}`).element.value).toBe(reason);
        }
        // A number is kept as typed, whatever it is: the server reads it.
        expect(elementById(card, 'm_metric0').element.value).toBe(value);
        const choice = elementById(card, 'm_metric1').element.value;
        expect(['', 'good', 'inadequate']).toContain(choice);
        expect(['', 'yes', 'no']).toContain(elementById(card, 'm_metric2').element.value);
        // Nothing typed is lost from sight: what a choice cannot hold is quoted in the field's error.
        if (error !== '' && value.trim() !== '' && choice === '') {
          expect(runs).toContain(`${error} (you typed “${value}”)`);
        }
      }),
      RUNS,
    );
  });

  it('the summary, confirmation, reminder and progress cards are valid and show the text', () => {
    fc.assert(
      fc.property(anyText, anyText, (name, text) => {
        const cards = [
          figuresSummaryCard({
            academyName: name,
            urn: '990001',
            term: '2026-27-autumn',
            termLabel: 'autumn 2026',
            submittedLine: text,
            rows: [{ label: name, value: text }],
            canEdit: true,
            footnote: text,
          }),
          roundConfirmCard({
            verb: 'closeRound',
            term: '2026-27-autumn',
            termLabel: 'autumn 2026',
            facts: [{ title: name, value: text }],
            note: text,
            buttonTitle: 'Close round',
          }),
          reminderCard({
            academyName: name,
            urn: '990001',
            term: '2026-27-autumn',
            termLabel: 'autumn 2026',
            text,
          }),
          roundProgressCard({
            termLabel: 'autumn 2026',
            stateLine: text,
            summaryLine: text,
            sections: [{ title: name, lines: [name, text] }],
          }),
        ];
        for (const { content } of cards) {
          expectValidWithAnyText(content);
          expect(JSON.parse(JSON.stringify(content))).toEqual(content);
          expectRoundActions(content);
        }
        const [summary, confirm, reminder, progress] = cards.map((card) => card.content);
        const runsOf = (content: unknown) => nodesOfType(content, 'TextRun').map((run) => run.text);
        expect(runsOf(summary)).toContain(text);
        expect(runsOf(reminder)).toContain(text);
        expect(runsOf(progress)).toEqual(expect.arrayContaining([name, text]));
        // An empty note is no note.
        if (text !== '') expect(runsOf(confirm)).toContain(text);
        for (const content of [summary, confirm]) {
          expect(nodesOfType(content, 'FactSet')[0]?.facts).toEqual([
            { title: escapeMarkdown(name), value: escapeMarkdown(text) },
          ]);
        }
      }),
      RUNS,
    );
  });
});
