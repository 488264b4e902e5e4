import { ValidationError } from "@/lib/errors";

/**
 * Anything wrong with a query the user typed. It is a ValidationError so the
 * action and API wrappers show its message as is; `column` (1-based) lets the
 * search box underline the culprit and `suggestion` offer a one-click fix.
 */
export class QueryError extends ValidationError {
  constructor(
    message: string,
    readonly column: number,
    readonly suggestion?: string,
  ) {
    super(message, { query: [message] });
  }
}

export function isQueryError(error: unknown): error is QueryError {
  return error instanceof QueryError;
}
