import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { encodePointer } from "../../shared/json-pointer.js";
import { toJsonSchemaDocument } from "../../model/json-schema.js";
import type { SchemaCheck } from "../../model/schema-check.js";

// ajv-formats is CommonJS: under ESM its plugin function may arrive wrapped in `default`.
type FormatsPlugin = (ajv: Ajv2020) => Ajv2020;
const addFormats: FormatsPlugin =
  (addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? (addFormatsModule as unknown as FormatsPlugin);

const DOCUMENT_ID = "falgen-simulator-spec";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Validates values against any schema of one spec document, named by its JSON pointer. The whole
 * document is registered once, so local `#/components/...` refs resolve as they are written. Its
 * schemas are read as JSON Schema 2020-12 (fal's habits: `anyOf [..., {type: "null"}]`, numeric
 * `exclusiveMinimum`, `prefixItems`), OpenAPI's `nullable` rewritten (model/json-schema.ts); `x-`
 * keywords are ignored, with strict mode off.
 */
export interface SchemaValidator extends SchemaCheck {
  /** Errors of `value` against the schema at `pointer` (e.g. `/components/schemas/FluxDevInput`), or [] when valid. */
  errors(pointer: string, value: unknown): ErrorObject[];
}

export function createSchemaValidator(openApiDocument: object): SchemaValidator {
  const document = toJsonSchemaDocument(openApiDocument);
  const ajv = new Ajv2020({
    strict: false,
    allErrors: true,
    validateSchema: false,
    inlineRefs: false,
    // A property named like an Object.prototype member (`constructor`) is absent unless the value has it.
    ownProperties: true,
    logger: false,
    formats: { binary: true, uuid4: UUID },
  });
  addFormats(ajv);
  ajv.addSchema(document as Record<string, unknown>, DOCUMENT_ID);
  const compiled = new Map<string, ValidateFunction>();
  const validator = (pointer: string): ValidateFunction => {
    let validate = compiled.get(pointer);
    if (!validate) {
      validate = ajv.compile({ $ref: `${DOCUMENT_ID}#${uriFragment(pointer)}` });
      compiled.set(pointer, validate);
    }
    return validate;
  };
  return {
    document,
    errors(pointer, value) {
      const validate = validator(pointer);
      return validate(value) ? [] : [...(validate.errors ?? [])];
    },
    isValid(pointer, value) {
      return validator(pointer)(value) === true;
    },
  };
}

export function schemaPointer(name: string): string {
  return encodePointer(["components", "schemas", name]);
}

function uriFragment(pointer: string): string {
  return pointer
    .split("/")
    .map((segment) => encodeURIComponent(segment))
    .join("/");
}
