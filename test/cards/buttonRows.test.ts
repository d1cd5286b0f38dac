import { buttonRows } from '../../cards/buttonRows';

const titled = (...titles: string[]) => titles.map((title) => ({ title }));

describe('buttonRows', () => {
  it.each<[string, string[], string[][]]>([
    ['none', [], []],
    ['one', ['help'], [['help']]],
    [
      'three short titles share a row',
      ['help', 'who am I', 'open round'],
      [['help', 'who am I', 'open round']],
    ],
    [
      'a fourth starts a new row',
      ['help', 'who am I', 'open round', 'missing', 'remind'],
      [
        ['help', 'who am I', 'open round'],
        ['missing', 'remind'],
      ],
    ],
    [
      'titles too long to share a row go two by two',
      ['Risks', 'Objective 1', 'Objective 2', 'Objective 3'],
      [
        ['Risks', 'Objective 1'],
        ['Objective 2', 'Objective 3'],
      ],
    ],
    [
      'a long title sits alone',
      ['status', 'trend <measure> [academy] for the trust', 'risks'],
      [['status'], ['trend <measure> [academy] for the trust'], ['risks']],
    ],
  ])('%s', (_name, titles, rows) => {
    expect(buttonRows(titled(...titles)).map((row) => row.buttons.map((b) => b.title))).toEqual(rows);
  });

  it('keeps every button, in order', () => {
    const titles = Array.from({ length: 9 }, (_, i) => `command ${i}`);
    expect(
      buttonRows(titled(...titles))
        .flatMap((row) => row.buttons)
        .map((b) => b.title),
    ).toEqual(titles);
  });
});
