import { cardInputs, submitData } from '../../src/hosts/local/demoTeamsClient';

/** A card shaped as the bot's figures card is: inputs nested in containers, buttons in action sets. */
const CARD = {
  type: 'AdaptiveCard',
  body: [
    { type: 'TextBlock', text: 'Saltmarsh Academy' },
    {
      type: 'Container',
      items: [
        { type: 'Input.Text', id: 'm_attendance', value: '93.1' },
        { type: 'Container', isVisible: false, items: [{ type: 'Input.Text', id: 'na_attendance' }] },
        { type: 'Input.ChoiceSet', id: 'm_leadership', value: 'good', choices: [] },
      ],
    },
    {
      type: 'ActionSet',
      actions: [{ type: 'Action.Submit', title: 'Answer in chat', data: { verb: 'answerInChat' } }],
    },
  ],
  actions: [
    { type: 'Action.Submit', title: 'Submit', data: { verb: 'submitFigures', urn: '990004', version: 'v1' } },
    { type: 'Action.Submit', title: 'Save for later', data: { verb: 'saveDraft' } },
  ],
};

describe('reading a card as Teams does when a button is pressed', () => {
  it('collects every input with its value, hidden ones and empty ones too', () => {
    expect(cardInputs(CARD)).toEqual({ m_attendance: '93.1', na_attendance: '', m_leadership: 'good' });
  });

  it('finds the data of the button by its title, wherever it sits', () => {
    expect(submitData(CARD, 'Submit')).toEqual({ verb: 'submitFigures', urn: '990004', version: 'v1' });
    expect(submitData(CARD, 'Answer in chat')).toEqual({ verb: 'answerInChat' });
    expect(submitData(CARD, 'Edit')).toBeUndefined();
  });
});
