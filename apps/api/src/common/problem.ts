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
  constructor(
    readonly status: number,
    readonly title: string,
    detail?: string,
    readonly extra: Partial<Problem> = {},
  ) {
    super(detail ?? title);
  }
}

export class ValidationProblem extends ProblemError {
  constructor(errors: { field: string; message: string }[]) {
    super(422, 'Validation failed', errors.map((e) => `${e.field}: ${e.message}`).join('; '), {
      type: 'https://emn-pulse.eu/problems/validation',
      errors,
    });
  }
}

export class NotFoundProblem extends ProblemError {
  constructor(what: string) {
    super(404, 'Not found', `${what} not found`);
  }
}
