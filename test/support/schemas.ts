/**
 * Validators for the public JSON schemas in schemas/ (copied unchanged from upstream; see its README).
 */
import Ajv, { type AnySchemaObject, type ValidateFunction } from 'ajv';
import draft6 from 'ajv/dist/refs/json-schema-draft-06.json';

import cardSchema from '../../schemas/adaptive-card-1.5.schema.json';

/** Validates an Adaptive Card against the 1.5 schema, the version Teams renders. */
export function adaptiveCardValidator(): ValidateFunction {
  // The card schema's "uri" and "uri-reference" formats need ajv-formats, which is not installed: say
  // they are not checked, rather than have Ajv warn about them on every compile.
  const ajv = new Ajv({ strict: false, allErrors: true, formats: { uri: true, 'uri-reference': true } });
  ajv.addMetaSchema(draft6);
  // The upstream file names itself with draft-04's "id"; Ajv 8 wants "$id". Nothing else changes.
  const { id, $schema: _schema, ...rest } = cardSchema as Record<string, unknown>;
  return ajv.compile({ ...rest, $id: id } as AnySchemaObject);
}
