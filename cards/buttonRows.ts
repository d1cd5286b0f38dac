/**
 * Lays a card's buttons out in rows that fit a phone. Teams draws a row of actions side by side
 * (actionsOrientation "Horizontal" in its host config) and shrinks each button to share the row, so five
 * commands on one row show as "h…", "who…" in a 360 px chat; rendered in Chromium with Teams' host
 * config (test/cards/cardsInChromium.test.ts), a row of at most three short titles keeps every title whole.
 */

/** Roughly how many characters of button titles one row holds on a 360 px phone, padding included. */
const ROW_CHARACTERS = 34;
/** A button's padding and the space between buttons, in characters. */
const BUTTON_CHARACTERS = 4;
const MAX_PER_ROW = 3;

/** The buttons in order, in rows: each row as many as fit, a long title alone on its row. */
export function buttonRows<T extends { title: string }>(buttons: readonly T[]): { buttons: T[] }[] {
  const rows: { buttons: T[] }[] = [];
  let used = 0;
  for (const button of buttons) {
    const width = button.title.length + BUTTON_CHARACTERS;
    const last = rows[rows.length - 1];
    if (last && last.buttons.length < MAX_PER_ROW && used + width <= ROW_CHARACTERS) {
      last.buttons.push(button);
      used += width;
    } else {
      rows.push({ buttons: [button] });
      used = width;
    }
  }
  return rows;
}
