/** RFC 9457 problem details, and the domain errors the filter maps to them. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  /** Field-level validation errors: `{ field, message }`. */
  errors?: { field: string; message: string }[];
  [ext: string]: unknown;
}

export class ProblemError extends Error {
  /** Response headers that belong with the problem (`WWW-Authenticate`, `Retry-After`). */
  headers: Record<string, string> = {};

  constructor(
    readonly status: number,
    readonly title: string,
    detail?: string,
    readonly extra: Partial<Problem> = {},
  ) {
    super(detail ?? title);
  }

  withHeaders(headers: Record<string, string>): this {
    Object.assign(this.headers, headers);
    return this;
  }
}

export const PROBLEM_BASE = 'https://emn-pulse.eu/problems';

export class ValidationProblem extends ProblemError {
  constructor(errors: { field: string; message: string }[]) {
    super(422, 'Validation failed', errors.map((e) => `${e.field}: ${e.message}`).join('; '), {
      type: `${PROBLEM_BASE}/validation`,
      errors,
    });
  }
}

export class NotFoundProblem extends ProblemError {
  constructor(what: string) {
    super(404, 'Not found', `${what} not found`);
  }
}

export class ConflictProblem extends ProblemError {
  constructor(detail: string) {
    super(409, 'Conflict', detail, { type: `${PROBLEM_BASE}/conflict` });
  }
}

/** 401: no key, a malformed, unknown or revoked one. The header is required by RFC 9110 §15.5.2. */
export class UnauthorizedProblem extends ProblemError {
  constructor(detail: string) {
    super(401, 'Unauthorized', detail, { type: `${PROBLEM_BASE}/unauthorized` });
    this.withHeaders({ 'WWW-Authenticate': 'Bearer realm="emn-pulse"' });
  }
}

export class ForbiddenProblem extends ProblemError {
  constructor(detail: string) {
    super(403, 'Forbidden', detail, { type: `${PROBLEM_BASE}/forbidden` });
  }
}

export class TooManyRequestsProblem extends ProblemError {
  constructor(detail: string, retryAfterSeconds: number) {
    super(429, 'Too many requests', detail, { type: `${PROBLEM_BASE}/rate-limited`, retryAfter: retryAfterSeconds });
    this.withHeaders({ 'Retry-After': String(retryAfterSeconds) });
  }
}
