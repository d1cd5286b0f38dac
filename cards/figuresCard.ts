/**
 * The head's figures card: the term's figures for one academy, grouped by plan objective, to fill in,
 * correct or edit. The template (figures.json) does the layout; this file only shapes the view for it.
 *
 * Inputs carry no `isRequired`, and numbers are typed in an Input.Text, read on the server: the server
 * validates every field (a required figure may instead be marked "not available" with a reason, which a
 * client-side `isRequired` would refuse); Input.Number drops what it cannot hold ("95.2%", "12,5") when
 * it loses focus, and clients that check its min/max themselves block the submit with their own message
 * or none (docs/round-cards.md). The range is shown in words under the input and as its placeholder.
 *
 * Every button is an Action.Submit, which works on Teams mobile where Action.Execute does not.
 */
import type {
  FieldInput,
  FiguresCardField,
  FiguresCardGroup,
  FiguresCardView,
  RoundActionData,
} from '../src/app/round/roundViews';
import { MAX_REASON_LENGTH, MAX_VALUE_LENGTH } from '../src/domain/round/validateFigures';
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
  const submit = figuresAction('submitFigures', view);
  const saveDraft = figuresAction('saveDraft', view);
  const paging = view.paging;
  const turnTo = (page: number | undefined): RoundActionData | null =>
    page === undefined ? null : { ...figuresAction('showPage', view), to: page };
  return renderCard(figuresTemplate, {
    academyName: view.academyName,
    subtitle: `Figures for ${view.termLabel}, due by ${view.closesOnLabel}`,
    // The template drops the banner when it is null; an absent value would be left as "${banner.text}".
    banner: view.banner ? { text: view.banner.text, ...BANNER_LOOK[view.banner.tone] } : null,
    groups: view.groups.map(groupData),
    // Dropped by the template when null, as the banner is.
    published: view.published ? view.published.map((text) => ({ text })) : null,
    maxReasonLength: MAX_REASON_LENGTH,
    maxValueLength: MAX_VALUE_LENGTH,
    submit,
    saveDraft,
    // An owner's card split into pages (ownerViews.ts): which page, and Previous / Next.
    paging: paging
      ? {
          label: paging.label,
          note: paging.note,
          previous: turnTo(paging.previous),
          next: turnTo(paging.next),
        }
      : null,
    // Not on an owner's card (no academy): the walk in chat is one academy's figures.
    answerInChat:
      view.urn === ''
        ? null
        : ({ verb: 'answerInChat', term: view.term, urn: view.urn } satisfies RoundActionData),
  });
}

/**
 * A group of fields as the template shows it: its title, and its fields, which a group that is
 * `revealedBy` a button (an inspection's grades) keeps hidden until pressed, unless one has something in it.
 */
export function groupData(group: FiguresCardGroup, index: number) {
  const fields = group.fields.map(fieldData);
  const filled = fields.some(
    (field) => field.textValue !== '' || field.error !== '' || field.notAvailableReason !== '',
  );
  const hidden = group.revealedBy !== undefined && !filled;
  return {
    title: group.title,
    note: group.note ?? '',
    reveal: hidden ? (group.revealedBy ?? '') : '',
    // Not m_/na_: the server reads those prefixes as figures.
    fieldsId: `group${index + 1}`,
    fieldsVisible: !hidden,
    fields,
  };
}

/**
 * The data of a button on a figures card: the verb, which academy and term, and the version of the record
 * the card was drawn from (so a stale card's Submit is refused, not stored over a later edit).
 */
export function figuresAction(
  verb: RoundActionData['verb'],
  view: Pick<FiguresCardView, 'term' | 'urn' | 'version' | 'paging'>,
): RoundActionData {
  // An owner's card (ownerViews.ts) spans academies: its buttons name no academy, and on a card split
  // into pages, the page they are on (a Submit stores that page's academies only).
  return {
    verb,
    term: view.term,
    ...(view.urn === '' ? {} : { urn: view.urn }),
    version: view.version,
    ...(view.paging ? { page: view.paging.page } : {}),
  };
}

/** One field as the template shows it: the input, its error, its range and last term, "Can't give this yet?". */
export function fieldData(field: FiguresCardField) {
  const { input } = field;
  const shown = textValue(input, field.value);
  // A number is shown as typed. Input.Date holds only YYYY-MM-DD and a choice only one of its options:
  // what they cannot hold is said with the error, so nothing typed is lost from sight.
  const lostText = field.value.trim() !== '' && shown === '';
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
    textValue: shown,
    choices: choicesOf(input),
    placeholder: input.kind === 'number' ? field.placeholder || field.rangeText || 'A number' : 'Choose…',
    notAvailableReason: field.notAvailableReason,
    // Only a required figure needs a reason when it cannot be given (an optional one is left blank),
    // unless one was given already.
    notAvailableOffered: field.required || field.notAvailableReason !== '',
    // Hidden behind "Can't give this yet?" to keep the card short, unless there is something to see
    // (then the template leaves the toggle out).
    notAvailableVisible: field.notAvailableReason !== '' || (error !== '' && field.required),
  };
}

function textValue(input: FieldInput, value: string): string {
  if (input.kind === 'number') return value;
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
