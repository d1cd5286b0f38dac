/**
 * The head's figures card: the term's figures for one academy, grouped by plan objective, to fill in,
 * correct or edit. The template (figures.json) does the layout; this file only shapes the view for it.
 *
 * Inputs carry no `isRequired`, and Input.Number no `min`/`max`: the server validates every field
 * (a required figure may instead be marked "not available" with a reason, which a client-side
 * `isRequired` would refuse), and clients that check min/max themselves (Adaptive Cards 1.3 input
 * validation) block the submit with their own generic message, or none, so the head would never see
 * the server's message that says what is expected and the rest of the card would not be kept as a
 * draft. The range is still shown, in words under the input and as its placeholder.
 */
import type {
  FieldInput,
  FiguresCardField,
  FiguresCardView,
  RoundActionData,
} from '../src/app/round/roundViews';
import { MAX_REASON_LENGTH } from '../src/domain/round/validateFigures';
import figuresTemplate from './figures.json';
import { type CardAttachment, renderCard } from './renderCard';

const BANNER_LOOK = {
  attention: { style: 'attention', color: 'attention' },
  good: { style: 'good', color: 'good' },
  default: { style: 'emphasis', color: 'default' },
} as const;

const YES_NO_CHOICES = [
  { value: 'yes', title: 'Yes' },
  { value: 'no', title: 'No' },
];

const YES_NO_ALIASES = new Map([
  ['y', 'yes'],
  ['true', 'yes'],
  ['n', 'no'],
  ['false', 'no'],
]);

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The head's card for one academy and term, with any errors beside their fields. */
export function figuresCard(view: FiguresCardView): CardAttachment {
  const submit: RoundActionData = { verb: 'submitFigures', term: view.term, urn: view.urn };
  const saveDraft: RoundActionData = { verb: 'saveDraft', term: view.term, urn: view.urn };
  return renderCard(figuresTemplate, {
    academyName: view.academyName,
    subtitle: `Figures for ${view.termLabel}, due by ${view.closesOnLabel}`,
    // The template drops the banner when it is null; an absent value would be left as "${banner.text}".
    banner: view.banner ? { text: view.banner.text, ...BANNER_LOOK[view.banner.tone] } : null,
    groups: view.groups.map((group) => ({ title: group.title, fields: group.fields.map(fieldData) })),
    maxReasonLength: MAX_REASON_LENGTH,
    submit,
    saveDraft,
  });
}

function fieldData(field: FiguresCardField) {
  const { input } = field;
  const numberValue = input.kind === 'number' ? readNumber(field.value) : null;
  const shown = textValue(input, field.value);
  // Input.Number holds only a number, Input.Date only YYYY-MM-DD and a choice only one of its options:
  // what they cannot hold is said with the error, so nothing typed is lost from sight.
  const lostText = field.value.trim() !== '' && numberValue === null && shown === '';
  const error = field.error ? (lostText ? `${field.error} (you typed “${field.value}”)` : field.error) : '';
  return {
    inputId: field.inputId,
    notAvailableInputId: field.notAvailableInputId,
    // The input's own label, not a text block above it: renderers tie it to the input (screen readers
    // name the input by it) and draw it as a text run, so it never renders markdown.
    label: `${field.label}${field.unit ? ` (${field.unit})` : ''}${field.required ? ' · Required' : ''}`,
    detail: [field.rangeText, field.help].filter((part) => part !== '').join(' — '),
    previous: field.previous ?? '',
    error,
    kind: input.kind === 'yesNo' ? 'choice' : input.kind,
    numberValue,
    textValue: shown,
    choices: choicesOf(input),
    placeholder: input.kind === 'number' ? field.rangeText || 'A number' : 'Choose…',
    notAvailableReason: field.notAvailableReason,
    // Hidden behind "Can't give this yet?" to keep the card short, unless there is something to see
    // (then the template leaves the toggle out).
    notAvailableVisible: field.notAvailableReason !== '' || error !== '',
  };
}

// The numbers the server's parser accepts (parseMetricValue): an optional sign (U+2212 too), digits
// with thousands grouped by commas or not, a decimal part, and for percents a trailing "%".
const DECIMAL = /^([+\-\u2212])?(\d{1,3}(?:,\d{3})+|\d+)?(\.\d+)?\s*%?$/;

/** The number to pre-fill, read as the server reads it ("1,200", "42 %", "−3"); null for none. */
function readNumber(text: string): number | null {
  const match = DECIMAL.exec(text.trim());
  if (!match || (match[2] === undefined && match[3] === undefined)) return null;
  const sign = match[1] === '-' || match[1] === '\u2212' ? -1 : 1;
  const value = sign * Number(`${(match[2] ?? '0').replace(/,/g, '')}${match[3] ?? ''}`);
  return value === 0 ? 0 : value;
}

function textValue(input: FieldInput, value: string): string {
  if (input.kind === 'number') return '';
  if (input.kind === 'date') return ISO_DATE.test(value) ? value : '';
  // A choice is pre-selected by its value; the server also accepts the title ("Good") and, for yes/no,
  // y/n/true/false, so a value written either way still shows as chosen.
  const wanted = value.trim().toLowerCase();
  if (wanted === '') return '';
  const yesNo = YES_NO_ALIASES.get(wanted);
  const found = choicesOf(input).find(
    (choice) =>
      choice.value.toLowerCase() === wanted ||
      choice.title.toLowerCase() === wanted ||
      (input.kind === 'yesNo' && choice.value === yesNo),
  );
  return found?.value ?? '';
}

function choicesOf(input: FieldInput): { value: string; title: string }[] {
  if (input.kind === 'choice') return input.options;
  if (input.kind === 'yesNo') return YES_NO_CHOICES;
  return [];
}
