// The error body every OpenAI endpoint answers with, so the SDK's APIError
// subclasses (status, type, code, param) come out exactly as against the real API.

/** An error response: `{"error": {"message", "type", "param", "code"}}` with an HTTP status. */
export class ApiError extends Error {
  readonly status: number;
  readonly type: string;
  readonly param: string | null;
  readonly code: string | null;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    message: string,
    options: { type?: string; param?: string | null; code?: string | null; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.status = status;
    this.type = options.type ?? defaultType(status);
    this.param = options.param ?? null;
    this.code = options.code ?? null;
    this.headers = options.headers ?? {};
  }

  body(): { error: { message: string; type: string; param: string | null; code: string | null } } {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}

function defaultType(status: number): string {
  if (status === 429) return 'requests';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

/** 400 invalid_request_error, the most common shape. */
export function badRequest(message: string, param: string | null = null, code: string | null = null): ApiError {
  return new ApiError(400, message, { param, code });
}

/** 400 for a missing body field, worded like the real API. */
export function missingParam(param: string): ApiError {
  return badRequest(`Missing required parameter: '${param}'.`, param, 'missing_required_parameter');
}

/** 404 for an object id that does not exist. */
export function notFound(message: string, param: string | null = null): ApiError {
  return new ApiError(404, message, { param });
}

/** The default body of an injected or unexpected server error, as the real API words it. */
export function serverError(status = 500): ApiError {
  if (status === 429) {
    return new ApiError(429, 'Rate limit reached for requests. Please try again later.', {
      type: 'requests',
      code: 'rate_limit_exceeded',
    });
  }
  return new ApiError(status, 'The server had an error while processing your request. Sorry about that!', {
    type: 'server_error',
  });
}
