// Public types of the schema compiler. Kept apart so every file can import them without cycles.

/** A location inside a JSON value: object keys and array indexes, outermost first. */
export type JsonPath = (string | number)[];

/** A problem with a tool's parameters schema itself (not with a call's arguments). path: location inside the schema. */
export interface SchemaProblem {
  code: 'invalid-schema' | 'budget' | 'unsupported-pattern' | 'external-ref' | 'strict-keyword' | 'unknown-format';
  /** One sentence: what is wrong and what is expected. */
  message: string;
  /** Location inside the schema, e.g. ['properties', 'unit', 'pattern']. */
  path: JsonPath;
  /** True when the schema cannot be used to validate arguments. */
  fatal: boolean;
}

/** One way a call's arguments break the schema. */
export interface ArgumentError {
  /** ajv keyword (required, type, enum, ...), or 'internal' when validation itself failed. */
  keyword: string;
  /** Path inside the arguments value; numbers for array indexes. */
  instancePath: JsonPath;
  /** ajv params (missingProperty, additionalProperty, allowedValues, type, ...). */
  params: Record<string, unknown>;
  /** ajv's message. */
  message: string;
}

/** The result of compiling one parameters schema. */
export interface CompiledParameters {
  problems: SchemaProblem[];
  /** null when a fatal problem prevents validation. Returns [] when valid. Never throws. */
  validate: ((args: unknown) => ArgumentError[]) | null;
}

/** A `type` name that is not JSON Schema, found by normalizeTypes. standard null means "any": the type was dropped. */
export interface NonStandardType {
  path: JsonPath;
  found: string;
  standard: string | null;
}
