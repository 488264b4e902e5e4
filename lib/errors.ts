// Typed errors thrown by services. Their messages are written for the person
// using Sluice and are safe to show; any other error is logged and answered
// with a generic message (lib/action.ts, lib/api/handler.ts).
export class AppError extends Error {
  readonly safe = true;
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly fields?: Record<string, string[]>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  constructor(message: string, fields?: Record<string, string[]>) {
    super("validation_failed", 400, message, fields);
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = "Sign in first, or send a valid bearer token.") {
    super("unauthorized", 401, message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = "Your role does not allow this.") {
    super("forbidden", 403, message);
  }
}

export class NotFoundError extends AppError {
  constructor(message = "Not found.") {
    super("not_found", 404, message);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, fields?: Record<string, string[]>) {
    super("conflict", 409, message, fields);
  }
}

export class RateLimitedError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super("rate_limited", 429, message);
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
