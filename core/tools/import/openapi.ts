// One tool per OpenAPI operation (Swagger 2.0, OpenAPI 3.0 and 3.1): path, query and header
// parameters and the JSON request body merged into one parameters object. The spec is read,
// validated and its `$ref`s resolved by @apidevtools/swagger-parser, never over the network;
// an operation whose schema refers to itself is refused with the path of the cycle.
import { promises as fs } from 'node:fs';
import SwaggerParser from '@apidevtools/swagger-parser';
import { declarationsFrom, type ImportResult, type SourceTool } from './declarations.ts';
import { openApiSchema, CycleError } from './openapiSchema.ts';

export interface OpenApiImportOptions {
  /** Keep only operations with one of these tags. */
  tags?: string[];
  /** Keep only these operationIds (each must exist). */
  operations?: string[];
}

/** A spec that cannot be used, or an option that names nothing in it. */
export class OpenApiImportError extends Error {}

const MAX_SPEC_BYTES = 50 * 2 ** 20;
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const PARAMETER_PLACES = new Set(['path', 'query', 'header']);
type Json = Record<string, any>;

/** Reads and validates the spec at `file` (JSON or YAML; local `$ref`s only) and imports its operations. */
export async function importOpenApi(file: string, options: OpenApiImportOptions = {}): Promise<ImportResult> {
  // The path may come from workspace settings: a FIFO or a device would block the read forever.
  const stat = await fs.stat(file).catch((error: NodeJS.ErrnoException) => {
    throw new OpenApiImportError(`Cannot read the OpenAPI spec ${file} (${error.code ?? error.message}).`);
  });
  if (!stat.isFile()) throw new OpenApiImportError(`The OpenAPI spec ${file} is not a regular file.`);
  if (stat.size > MAX_SPEC_BYTES) throw new OpenApiImportError(`The OpenAPI spec ${file} is larger than ${MAX_SPEC_BYTES / 2 ** 20} MB.`);
  let api: Json;
  try {
    api = (await SwaggerParser.validate(file, {
      resolve: { http: false },
      // Cycles stay as `$ref`s in the resolved document; openApiSchema refuses the operations that reach one.
      dereference: { circular: 'ignore' },
    })) as Json;
  } catch (error) {
    throw new OpenApiImportError(`Cannot use the OpenAPI spec ${file}: ${(error as Error).message.split('\n')[0]}`);
  }
  return operationsToTools(api, options);
}

/** The import of an already resolved spec (exported for tests of specs built in code). */
export function operationsToTools(api: Json, options: OpenApiImportOptions = {}): ImportResult {
  const swagger2 = typeof api.swagger === 'string';
  const wanted = options.operations && options.operations.length > 0 ? new Set(options.operations) : undefined;
  const found = new Set<string>();
  const tools: SourceTool[] = [];
  const refused: ImportResult['refused'] = [];
  for (const [route, item] of Object.entries<Json>(api.paths ?? {})) {
    for (const method of METHODS) {
      const operation: Json | undefined = item[method];
      if (!operation) continue;
      const id = typeof operation.operationId === 'string' ? operation.operationId : `${method}${route}`;
      found.add(id);
      if (wanted && !wanted.has(id)) continue;
      if (options.tags && options.tags.length > 0 && !(operation.tags ?? []).some((t: string) => options.tags!.includes(t))) continue;
      try {
        tools.push(operationTool(api, id, method, route, item, operation, swagger2));
      } catch (error) {
        if (!(error instanceof CycleError)) throw error;
        refused.push({ tool: id, reason: error.message });
      }
    }
  }
  const missing = [...(wanted ?? [])].filter((id) => !found.has(id));
  if (missing.length > 0) throw new OpenApiImportError(`No operation ${missing.map((m) => JSON.stringify(m)).join(', ')} in the spec; it has ${[...found].join(', ')}.`);
  return declarationsFrom(tools, refused);
}

function operationTool(api: Json, id: string, method: string, route: string, item: Json, operation: Json, swagger2: boolean): SourceTool {
  const dropped: string[] = [];
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  const where = `${method.toUpperCase()} ${route}`;
  // Operation parameters override path-level ones with the same name and place.
  const parameters = new Map<string, Json>();
  for (const p of [...(item.parameters ?? []), ...(operation.parameters ?? [])] as Json[]) parameters.set(`${p.in}:${p.name}`, p);
  const formData: Json[] = [];
  let body: { schema: Json; required: boolean } | undefined;
  for (const p of parameters.values()) {
    if (swagger2 && p.in === 'body') {
      body = { schema: p.schema ?? {}, required: p.required === true };
      continue;
    }
    if (swagger2 && p.in === 'formData') {
      formData.push(p);
      continue;
    }
    if (!PARAMETER_PLACES.has(p.in)) {
      dropped.push(`${p.in} parameter "${p.name}"`);
      continue;
    }
    const raw = swagger2 ? swagger2ParameterSchema(p) : (p.schema ?? firstContentSchema(p.content) ?? {});
    const schema = openApiSchema(raw, `${where} parameter ${p.name}`, dropped, api);
    if (typeof p.description === 'string' && schema.description === undefined) schema.description = p.description;
    if (Object.hasOwn(properties, p.name)) dropped.push(`${p.in} parameter "${p.name}" (a parameter of that name is already merged)`);
    else properties[p.name] = schema;
    if (p.required === true || p.in === 'path') required.push(p.name);
  }
  if (!swagger2 && operation.requestBody) {
    const content: Json = operation.requestBody.content ?? {};
    const type = Object.keys(content).find(isJsonType);
    if (type) body = { schema: content[type].schema ?? {}, required: operation.requestBody.required === true };
    else dropped.push(`request body of type ${Object.keys(content).join(', ') || '(none)'} (only JSON bodies are imported)`);
  }
  if (formData.length > 0) {
    body = { schema: { type: 'object', properties: Object.fromEntries(formData.map((p) => [p.name, swagger2ParameterSchema(p)])), required: formData.filter((p) => p.required).map((p) => p.name) }, required: formData.some((p) => p.required) };
  }
  if (body) mergeBody(openApiSchema(body.schema, `${where} request body`, dropped, api), body.required, properties, required, dropped);
  const description = [operation.summary, operation.description].filter((s): s is string => typeof s === 'string' && s.trim() !== '').map((s) => s.trim());
  if (operation.deprecated === true) dropped.push('deprecated: true');
  const parametersSchema: Record<string, unknown> = { type: 'object', properties };
  if (required.length > 0) parametersSchema.required = required;
  return { name: id, description: [...new Set(description)].join('\n\n') || undefined, parameters: parametersSchema, dropped };
}

/** A JSON object body's properties join the parameters; any other body, or one whose names clash, goes under `body`. */
function mergeBody(schema: Json, bodyRequired: boolean, properties: Record<string, unknown>, required: string[], dropped: string[]): void {
  const bodyProperties: Json | undefined = schema.type === 'object' && schema.properties && typeof schema.properties === 'object' ? schema.properties : undefined;
  const clash = bodyProperties ? Object.keys(bodyProperties).filter((k) => Object.hasOwn(properties, k)) : [];
  if (!bodyProperties || clash.length > 0 || Object.hasOwn(properties, 'body') && !bodyProperties) {
    if (clash.length > 0) dropped.push(`request body kept whole under "body" (its ${clash.map((c) => JSON.stringify(c)).join(', ')} clash with parameters)`);
    properties.body = schema;
    if (bodyRequired) required.push('body');
    return;
  }
  Object.assign(properties, bodyProperties);
  // A body's own required keys count only when the body itself must be sent.
  if (bodyRequired && Array.isArray(schema.required)) required.push(...schema.required);
  for (const key of Object.keys(schema)) {
    if (!['type', 'properties', 'required', 'description', 'title'].includes(key)) dropped.push(`request body keyword "${key}"`);
  }
}

function isJsonType(type: string): boolean {
  const base = type.split(';')[0].trim().toLowerCase();
  return base === 'application/json' || base.endsWith('+json');
}

function firstContentSchema(content: Json | undefined): Json | undefined {
  const type = content ? Object.keys(content).find(isJsonType) : undefined;
  return type ? content![type].schema : undefined;
}

/** A Swagger 2.0 non-body parameter carries its schema keywords itself. */
function swagger2ParameterSchema(p: Json): Json {
  const schema: Json = {};
  for (const key of ['type', 'format', 'items', 'enum', 'default', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'pattern', 'minItems', 'maxItems', 'uniqueItems', 'multipleOf']) {
    if (p[key] !== undefined) schema[key] = p[key];
  }
  if (schema.type === 'file') schema.type = 'string';
  return schema;
}
