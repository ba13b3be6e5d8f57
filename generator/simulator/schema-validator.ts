import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { encodePointer } from "../load/json-pointer.js";
import { mapSchemas, nullableAsUnion } from "../model/normalize-schema.js";

// ajv-formats is CommonJS: under ESM its plugin function may arrive wrapped in `default`.
type FormatsPlugin = (ajv: Ajv) => Ajv;
const addFormats: FormatsPlugin =
  (addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? (addFormatsModule as unknown as FormatsPlugin);

const DOCUMENT_ID = "falgen-simulator-spec";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Validates values against any schema of one spec document, named by its JSON pointer. The whole
 * document is registered once, so local `#/components/...` refs resolve as they are written; fal's
 * JSON Schema habits (`anyOf [..., {type: "null"}]`, numeric `exclusiveMinimum`, `examples`
 * arrays, `x-` keywords) are what ajv's default draft expects, with strict mode off.
 */
export interface SchemaValidator {
  /** The document the pointers point into (typeless `nullable` spelled as a union). */
  readonly document: object;
  /** Errors of `value` against the schema at `pointer` (e.g. `/components/schemas/FluxDevInput`), or [] when valid. */
  errors(pointer: string, value: unknown): ErrorObject[];
  isValid(pointer: string, value: unknown): boolean;
}

export function createSchemaValidator(document: object): SchemaValidator {
  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    validateSchema: false,
    inlineRefs: false,
    logger: false,
    formats: { binary: true, uuid4: UUID },
  });
  addFormats(ajv);
  const validated = withNullableUnions(document);
  ajv.addSchema(validated, DOCUMENT_ID);
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
    document: validated,
    errors(pointer, value) {
      const validate = validator(pointer);
      return validate(value) ? [] : [...(validate.errors ?? [])];
    },
    isValid(pointer, value) {
      return validator(pointer)(value) === true;
    },
  };
}

/** The document with each of its schemas' typeless `nullable` spelled as a union (see nullableAsUnion); pointers into it stay valid. */
function withNullableUnions(document: object): Record<string, unknown> {
  const { components } = document as { components?: { schemas?: Record<string, unknown> } };
  if (!components?.schemas) return document as Record<string, unknown>;
  const schemas = Object.fromEntries(Object.entries(components.schemas).map(([name, schema]) => [name, mapSchemas(schema, nullableAsUnion)]));
  return { ...document, components: { ...components, schemas } };
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
