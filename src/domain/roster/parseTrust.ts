/** Reads trust.yaml: the trust's name, its board's Teams channel and the optional keys (docs/roster-format.md). */
import { isMap, isScalar, LineCounter, parseDocument, Scalar } from 'yaml';

import { closestName } from './closestName';
import type { Trust } from './roster';
import type { RosterError } from './rosterError';

/** The keys trust.yaml may hold. */
export const TRUST_KEYS = ['name', 'companyNumber', 'boardChannel', 'fictional'] as const;

const COMPANY_NUMBER = /^(\d{8}|[A-Z]{2}\d{6})$/;

type YamlText = { kind: 'empty' } | { kind: 'text'; value: string } | { kind: 'notText' };

function yamlText(node: unknown, source: string): YamlText {
  if (node === null || node === undefined) return { kind: 'empty' };
  if (!isScalar(node)) return { kind: 'notText' };
  if (node.value === null) return { kind: 'empty' };
  let text: string;
  if (typeof node.value === 'string') {
    text = node.value;
  } else if (node.type === Scalar.PLAIN && node.range) {
    // Plain `07803969` is read as the number 7803969; the text as written keeps the leading zero.
    text = source.slice(node.range[0], node.range[1]);
  } else if (typeof node.value === 'number' || typeof node.value === 'boolean') {
    text = String(node.value);
  } else {
    return { kind: 'notText' };
  }
  text = text.trim();
  return text === '' ? { kind: 'empty' } : { kind: 'text', value: text };
}

/** The trust, or undefined when trust.yaml has errors that leave no trust to use (all reported). */
export function parseTrust(source: string, errors: RosterError[]): Trust | undefined {
  const file = 'trust.yaml';
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false });
  const lineOf = (offset: number) => lineCounter.linePos(offset).line;

  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      errors.push({ file, line: lineOf(error.pos[0]), message: `is not valid YAML: ${error.message}` });
    }
    return undefined;
  }
  const contents = doc.contents;
  if (contents === null || (isScalar(contents) && contents.value === null)) {
    errors.push({
      file,
      message:
        'the file is empty; it needs at least "name:" (the trust\'s name) and "boardChannel:" (the Teams channel)',
    });
    return undefined;
  }
  if (!isMap(contents)) {
    errors.push({
      file,
      line: contents.range ? lineOf(contents.range[0]) : undefined,
      message: `must be a list of "key: value" lines with the keys ${TRUST_KEYS.join(', ')}`,
    });
    return undefined;
  }

  const values = new Map<string, { node: unknown; line: number | undefined }>();
  for (const pair of contents.items) {
    const keyNode = pair.key;
    const keyLine = isScalar(keyNode) && keyNode.range ? lineOf(keyNode.range[0]) : undefined;
    const key = isScalar(keyNode) ? String(keyNode.value) : undefined;
    if (key === undefined || !(TRUST_KEYS as readonly string[]).includes(key)) {
      const suggestion = key === undefined ? undefined : closestName(key, TRUST_KEYS);
      errors.push({
        file,
        line: keyLine,
        field: key,
        message:
          `${key === undefined ? 'this' : `"${key}"`} is not a trust.yaml key;` +
          `${suggestion ? ` did you mean ${suggestion}?` : ''} the keys are ${TRUST_KEYS.join(', ')}`,
      });
      continue;
    }
    const valueNode: unknown = pair.value;
    const valueLine = isScalar(valueNode) && valueNode.range ? lineOf(valueNode.range[0]) : keyLine;
    values.set(key, { node: valueNode, line: valueLine });
  }

  const requiredText = (key: 'name' | 'boardChannel', what: string, example: string): string | undefined => {
    const entry = values.get(key);
    if (!entry) {
      errors.push({ file, field: key, message: `is missing; add ${what}, e.g. "${key}: ${example}"` });
      return undefined;
    }
    const text = yamlText(entry.node, source);
    if (text.kind === 'text') return text.value;
    errors.push({
      file,
      line: entry.line,
      field: key,
      message: `${text.kind === 'empty' ? 'is empty' : 'must be text'}; give ${what}, e.g. "${key}: ${example}"`,
    });
    return undefined;
  };

  const name = requiredText('name', "the trust's name", 'The Thrive Partnership Academy Trust');
  const boardChannel = requiredText('boardChannel', "the name of the board's Teams channel", 'Board');

  let companyNumber: string | undefined;
  const companyEntry = values.get('companyNumber');
  if (companyEntry) {
    const text = yamlText(companyEntry.node, source);
    if (text.kind === 'text' && COMPANY_NUMBER.test(text.value)) {
      companyNumber = text.value;
    } else if (text.kind !== 'empty') {
      errors.push({
        file,
        line: companyEntry.line,
        field: 'companyNumber',
        message:
          `${text.kind === 'text' ? `"${text.value}"` : 'this'} is not a Companies House number; ` +
          'it is 8 characters, e.g. 07803969 or SC123456 (or leave the key out)',
      });
    }
  }

  let fictional = false;
  const fictionalEntry = values.get('fictional');
  if (fictionalEntry) {
    const node = fictionalEntry.node;
    if (isScalar(node) && typeof node.value === 'boolean') {
      fictional = node.value;
    } else {
      const text = yamlText(node, source);
      const quoted = text.kind === 'text' && (text.value === 'true' || text.value === 'false');
      errors.push({
        file,
        line: fictionalEntry.line,
        field: 'fictional',
        message: quoted
          ? `"${text.value}" in quotes is text, not true or false; write it without the quotes`
          : `${text.kind === 'text' ? `"${text.value}"` : 'this'} is not true or false; ` +
            'write "fictional: true" for made-up demo data, or leave the key out',
      });
    }
  }

  if (name === undefined || boardChannel === undefined) return undefined;
  return { name, boardChannel, fictional, ...(companyNumber === undefined ? {} : { companyNumber }) };
}
