// Checks a fine-tuning job create request the way the real API does, before any
// job exists: known model, existing fine-tune files, suffix, hyperparameters, metadata.
import type { FineTuningJob } from 'openai/resources/fine-tuning/jobs/jobs';
import { badRequest, missingParam } from './apiError.ts';
import type { ServerEnv } from './router.ts';
import { checkInteger, checkMetadata, checkPositiveNumber, checkStringLength, isObject, optionalString, requireString, typeName, type JsonObject } from './validate.ts';

/** Models that can be fine-tuned by default; an alias maps to the snapshot the job reports. */
export const DEFAULT_FINE_TUNABLE_MODELS: Readonly<Record<string, string>> = {
  'gpt-4.1-2025-04-14': 'gpt-4.1-2025-04-14',
  'gpt-4.1-mini-2025-04-14': 'gpt-4.1-mini-2025-04-14',
  'gpt-4.1-nano-2025-04-14': 'gpt-4.1-nano-2025-04-14',
  'gpt-4o-2024-08-06': 'gpt-4o-2024-08-06',
  'gpt-4o-mini-2024-07-18': 'gpt-4o-mini-2024-07-18',
  'gpt-4o-mini': 'gpt-4o-mini-2024-07-18',
  'gpt-3.5-turbo-0125': 'gpt-3.5-turbo-0125',
  'gpt-3.5-turbo-1106': 'gpt-3.5-turbo-1106',
  'gpt-3.5-turbo': 'gpt-3.5-turbo-0125',
  'babbage-002': 'babbage-002',
  'davinci-002': 'davinci-002',
};

/** A job's hyperparameters as requested ('auto' until the files are validated). */
export interface RequestedHyperparameters {
  n_epochs: number | 'auto';
  batch_size: number | 'auto';
  learning_rate_multiplier: number | 'auto';
}

/** A validated create request. */
export interface JobRequest {
  model: string;
  trainingFile: string;
  validationFile: string | null;
  suffix: string | null;
  seed: number;
  metadata: Record<string, string> | null;
  hyperparameters: RequestedHyperparameters;
}

export function parseJobCreate(
  env: ServerEnv,
  body: JsonObject,
  models: Readonly<Record<string, string>>,
  defaultSeed: () => number,
): JobRequest {
  const requestedModel = requireString(body, 'model');
  const trainingFile = requireString(body, 'training_file');
  const model = resolveModel(env, requestedModel, models);
  checkFile(env, trainingFile, 'training_file');
  const validationFile = optionalString(body, 'validation_file') ?? null;
  if (validationFile !== null) checkFile(env, validationFile, 'validation_file');

  const suffix = optionalString(body, 'suffix') ?? null;
  if (suffix !== null) checkStringLength(suffix, 'suffix', 1, 64);

  let seed = defaultSeed();
  if (body['seed'] !== undefined && body['seed'] !== null) seed = checkInteger(body['seed'], 'seed', 0, 2147483647, false) as number;

  return {
    model,
    trainingFile,
    validationFile,
    suffix,
    seed,
    metadata: checkMetadata(body['metadata']),
    hyperparameters: parseHyperparameters(body),
  };
}

function resolveModel(env: ServerEnv, requested: string, models: Readonly<Record<string, string>>): string {
  const snapshot = models[requested];
  if (snapshot) return snapshot;
  // A model this server fine-tuned may be fine-tuned again, as with the real API.
  for (const job of env.state.jobs.values()) {
    if (job.object.fine_tuned_model === requested) return requested;
  }
  throw badRequest(`Model ${requested} is not available for fine-tuning or does not exist.`, 'model', 'model_not_available');
}

function checkFile(env: ServerEnv, id: string, param: 'training_file' | 'validation_file'): void {
  const file = env.state.files.get(id);
  if (!file) throw badRequest(`invalid ${param}: ${id}`, param, 'file_not_found');
  if (file.object.purpose !== 'fine-tune') {
    throw badRequest(`File ${id} has purpose '${file.object.purpose}'; fine-tuning needs a file with purpose 'fine-tune'.`, param, 'invalid_file_purpose');
  }
}

/** From `method.supervised.hyperparameters`, or the deprecated top-level `hyperparameters`. */
function parseHyperparameters(body: JsonObject): RequestedHyperparameters {
  const method = body['method'];
  const legacy = body['hyperparameters'];
  let source: unknown;
  let prefix: string;
  if (method !== undefined && method !== null) {
    if (!isObject(method)) throw badRequest(`Invalid type for 'method': expected an object, but got ${typeName(method)} instead.`, 'method', 'invalid_type');
    if (method['type'] === undefined) throw missingParam('method.type');
    if (method['type'] !== 'supervised') {
      throw badRequest(`Method '${String(method['type'])}' is not simulated by this test server; use 'supervised'.`, 'method.type', 'unsupported_value');
    }
    if (legacy !== undefined && legacy !== null) {
      throw badRequest(`Specify hyperparameters in 'method' only; the top-level 'hyperparameters' is deprecated.`, 'hyperparameters', 'invalid_value');
    }
    const supervised = method['supervised'];
    source = isObject(supervised) ? supervised['hyperparameters'] : undefined;
    prefix = 'method.supervised.hyperparameters';
  } else {
    source = legacy;
    prefix = 'hyperparameters';
  }
  const hp = isObject(source) ? source : {};
  if (source !== undefined && source !== null && !isObject(source)) {
    throw badRequest(`Invalid type for '${prefix}': expected an object, but got ${typeName(source)} instead.`, prefix, 'invalid_type');
  }
  return {
    n_epochs: hp['n_epochs'] === undefined ? 'auto' : checkInteger(hp['n_epochs'], `${prefix}.n_epochs`, 1, 50, true),
    batch_size: hp['batch_size'] === undefined ? 'auto' : checkInteger(hp['batch_size'], `${prefix}.batch_size`, 1, 256, true),
    learning_rate_multiplier:
      hp['learning_rate_multiplier'] === undefined ? 'auto' : checkPositiveNumber(hp['learning_rate_multiplier'], `${prefix}.learning_rate_multiplier`),
  };
}

/** Resolve 'auto' once the example count is known: the cookbook's epoch rule, ~0.2% batch, 1.8 multiplier. */
export function resolveHyperparameters(requested: RequestedHyperparameters, examples: number): { n_epochs: number; batch_size: number; learning_rate_multiplier: number } {
  let epochs = 3;
  if (examples * 3 < 100) epochs = Math.min(25, Math.floor(100 / examples));
  else if (examples * 3 > 25000) epochs = Math.max(1, Math.floor(25000 / examples));
  return {
    n_epochs: requested.n_epochs === 'auto' ? epochs : requested.n_epochs,
    batch_size: requested.batch_size === 'auto' ? Math.max(1, Math.min(256, Math.round(examples * 0.002))) : requested.batch_size,
    learning_rate_multiplier: requested.learning_rate_multiplier === 'auto' ? 1.8 : requested.learning_rate_multiplier,
  };
}

/** The job object the API returns right after create. */
export function newJobObject(env: ServerEnv, id: string, request: JobRequest, createdAt: number): FineTuningJob & { user_provided_suffix: string | null } {
  return {
    object: 'fine_tuning.job',
    id,
    model: request.model,
    created_at: createdAt,
    finished_at: null,
    fine_tuned_model: null,
    organization_id: env.organizationId,
    result_files: [],
    status: 'validating_files',
    validation_file: request.validationFile,
    training_file: request.trainingFile,
    hyperparameters: { ...request.hyperparameters },
    trained_tokens: null,
    error: null,
    user_provided_suffix: request.suffix,
    seed: request.seed,
    estimated_finish: null,
    integrations: [],
    metadata: request.metadata,
    method: { type: 'supervised', supervised: { hyperparameters: { ...request.hyperparameters } } },
  };
}
