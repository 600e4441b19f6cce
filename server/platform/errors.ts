export type ErrorCode =
  | 'VALIDATION'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'INVALID_TRANSITION'
  | 'LOCKED'
  | 'RATE_LIMITED'
  | 'CSRF';

export const statusForCode: Record<ErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_TRANSITION: 409,
  LOCKED: 423,
  RATE_LIMITED: 429,
  CSRF: 403,
};

/** Field-level problems: the field's path (e.g. "email") → what is wrong and what to do. */
export type FieldErrors = Record<string, string>;

/** An expected failure with a code the error handler maps to an HTTP status. */
export class AppError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message: string,
    public readonly details?: { fields?: FieldErrors; [k: string]: unknown },
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what = 'This page') => new AppError('NOT_FOUND', `${what} could not be found`);
export const forbidden = () => new AppError('FORBIDDEN', 'You do not have permission to do that');
export const invalid = (fields: FieldErrors, message = 'There is a problem with what you entered') =>
  new AppError('VALIDATION', message, { fields });
export const conflict = (message: string, details?: Record<string, unknown>) =>
  new AppError('CONFLICT', message, details);
