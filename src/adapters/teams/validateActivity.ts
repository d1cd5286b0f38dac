/**
 * The shape an incoming Bot Framework activity must have before the bot runs a turn on it. botbuilder
 * trusts the sender: an activity without `from` or with a number for `text` fails deep inside a turn.
 * Such an activity is the sender's mistake, so it is refused at the edge with a plain sentence that names
 * the field (HTTP 400) and no turn runs. Pure: no botbuilder, no I/O.
 */

/** How long a single id (activity, conversation, user, channel, team) may be. */
export const MAX_ACTIVITY_ID_LENGTH = 1024;

export type ActivityCheck = { ok: true } | { ok: false; problem: string };

type Kind = 'text' | 'id' | 'boolean' | 'object' | 'list of objects' | 'list of accounts';

/** Fields whose type is checked when present; `required` ones must be there. */
interface FieldRule {
  kind: Kind;
  required?: boolean;
  /** For objects: the rules of their own fields. */
  fields?: Readonly<Record<string, FieldRule>>;
}

const ACCOUNT: Readonly<Record<string, FieldRule>> = {
  id: { kind: 'id', required: true },
  name: { kind: 'text' },
  aadObjectId: { kind: 'text' },
  role: { kind: 'text' },
};

const OPTIONAL_ID_AND_NAME: Readonly<Record<string, FieldRule>> = {
  id: { kind: 'id' },
  name: { kind: 'text' },
};

const ACTIVITY: Readonly<Record<string, FieldRule>> = {
  type: { kind: 'id', required: true },
  serviceUrl: { kind: 'text', required: true },
  channelId: { kind: 'id', required: true },
  conversation: {
    kind: 'object',
    required: true,
    fields: {
      id: { kind: 'id', required: true },
      name: { kind: 'text' },
      conversationType: { kind: 'text' },
      tenantId: { kind: 'text' },
      isGroup: { kind: 'boolean' },
    },
  },
  from: { kind: 'object', required: true, fields: ACCOUNT },
  recipient: { kind: 'object', required: true, fields: ACCOUNT },
  id: { kind: 'id' },
  text: { kind: 'text' },
  textFormat: { kind: 'text' },
  locale: { kind: 'text' },
  replyToId: { kind: 'id' },
  deliveryMode: { kind: 'text' },
  name: { kind: 'text' },
  attachments: { kind: 'list of objects' },
  entities: { kind: 'list of objects' },
  membersAdded: { kind: 'list of accounts' },
  membersRemoved: { kind: 'list of accounts' },
  channelData: {
    kind: 'object',
    fields: {
      channel: { kind: 'object', fields: OPTIONAL_ID_AND_NAME },
      team: { kind: 'object', fields: { ...OPTIONAL_ID_AND_NAME, aadGroupId: { kind: 'text' } } },
      tenant: { kind: 'object', fields: { id: { kind: 'id' } } },
    },
  },
};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function own(map: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined;
}

const EXPECTED: Record<Kind, string> = {
  text: 'text',
  id: `non-empty text of at most ${MAX_ACTIVITY_ID_LENGTH} characters`,
  boolean: 'true or false',
  object: 'an object',
  'list of objects': 'a list of objects',
  'list of accounts': 'a list of accounts, each with an "id"',
};

function fits(rule: FieldRule, value: unknown): boolean {
  switch (rule.kind) {
    case 'text':
      return typeof value === 'string';
    case 'id':
      return typeof value === 'string' && value.trim() !== '' && value.length <= MAX_ACTIVITY_ID_LENGTH;
    case 'boolean':
      return typeof value === 'boolean';
    case 'object':
      return isObject(value);
    case 'list of objects':
      return Array.isArray(value) && value.every(isObject);
    case 'list of accounts':
      return (
        Array.isArray(value) && value.every((item) => isObject(item) && fits({ kind: 'id' }, own(item, 'id')))
      );
  }
}

function check(
  map: Record<string, unknown>,
  rules: Readonly<Record<string, FieldRule>>,
  at: string,
): string | undefined {
  for (const [field, rule] of Object.entries(rules)) {
    const value = own(map, field);
    const path = `${at}${field}`;
    // JSON null stands for "not given", as Bot Framework serialisers write it.
    if (value === undefined || value === null) {
      if (rule.required) return `the activity has no "${path}"; a Bot Framework activity needs one`;
      continue;
    }
    if (!fits(rule, value)) return `the activity's "${path}" must be ${EXPECTED[rule.kind]}`;
    if (rule.fields && isObject(value)) {
      const problem = check(value, rule.fields, `${path}.`);
      if (problem) return problem;
    }
  }
  return undefined;
}

/**
 * Checks that `body` has the fields every turn reads, with the types botbuilder assumes. Unknown fields
 * are left alone (Teams adds new ones); only the fields the bot reads are checked. Never throws.
 */
export function validateActivity(body: unknown): ActivityCheck {
  if (!isObject(body))
    return { ok: false, problem: 'the request body must be a Bot Framework activity (a JSON object)' };
  const problem = check(body, ACTIVITY, '');
  return problem === undefined ? { ok: true } : { ok: false, problem };
}
