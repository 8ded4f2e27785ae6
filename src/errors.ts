// The router's typed errors. Thrown anywhere, formatted once (app.onError) into
// the OpenAI error envelope. Messages never include secrets or upstream bodies verbatim.

export type OpenAIErrorType =
  | "invalid_request_error"
  | "authentication_error"
  | "permission_error"
  | "not_found_error"
  | "rate_limit_error"
  | "api_error"
  | "upstream_error"
  | "timeout_error";

export interface ErrorEnvelope {
  error: {
    message: string;
    type: OpenAIErrorType;
    param: string | null;
    code: string | null;
    /** Router detail beyond OpenAI's four fields (e.g. each upstream attempt of a failed request). */
    metadata?: Record<string, unknown>;
  };
}

export interface RouterErrorOptions {
  status: number;
  type: OpenAIErrorType;
  code?: string | null;
  param?: string | null;
  /** Whether dispatch may try the same request on another candidate. */
  retryable?: boolean;
  headers?: Record<string, string>;
  metadata?: Record<string, unknown>;
}

export class RouterError extends Error {
  readonly status: number;
  readonly type: OpenAIErrorType;
  readonly code: string | null;
  readonly param: string | null;
  readonly retryable: boolean;
  readonly headers: Record<string, string>;
  readonly metadata: Record<string, unknown> | undefined;

  constructor(message: string, options: RouterErrorOptions) {
    super(message);
    this.name = "RouterError";
    this.status = options.status;
    this.type = options.type;
    this.code = options.code ?? null;
    this.param = options.param ?? null;
    this.retryable = options.retryable ?? false;
    this.headers = options.headers ?? {};
    this.metadata = options.metadata;
  }

  /** The same error with more headers and metadata (e.g. what dispatch tried before it gave up). */
  with(extra: { headers?: Record<string, string>; metadata?: Record<string, unknown> }): RouterError {
    return new RouterError(this.message, {
      status: this.status,
      type: this.type,
      code: this.code,
      param: this.param,
      retryable: this.retryable,
      headers: { ...this.headers, ...extra.headers },
      ...(this.metadata || extra.metadata ? { metadata: { ...this.metadata, ...extra.metadata } } : {}),
    });
  }

  toEnvelope(): ErrorEnvelope {
    const error: ErrorEnvelope["error"] = {
      message: this.message,
      type: this.type,
      param: this.param,
      code: this.code,
    };
    if (this.metadata) error.metadata = this.metadata;
    return { error };
  }
}

export const invalidRequest = (message: string, param: string | null = null, code: string | null = null) =>
  new RouterError(message, { status: 400, type: "invalid_request_error", param, code });

export const notFound = (message: string, code = "not_found") =>
  new RouterError(message, { status: 404, type: "not_found_error", code });

export const internalError = () =>
  new RouterError("The router hit an internal error. The request id identifies it in the logs.", {
    status: 500,
    type: "api_error",
    code: "internal_error",
  });

export function toRouterError(err: unknown): RouterError {
  return err instanceof RouterError ? err : internalError();
}
