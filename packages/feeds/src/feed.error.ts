export type FeedErrorCode =
  | 'timeout'
  | 'too-large'
  | 'http-error'
  | 'not-a-feed'
  | 'malformed'
  | 'refused-address'
  | 'too-many-redirects'
  | 'network'
  | 'empty';

export interface FeedErrorDetails {
  httpStatus?: number;
  retryAfterSeconds?: number;
  cause?: unknown;
}

/**
 * Every way reading a feed can fail, as one error with a stable `code` that ingest records
 * and the CLI prints. The message is one line meant for an operator.
 */
export class FeedError extends Error {
  readonly code: FeedErrorCode;
  readonly httpStatus?: number;
  readonly retryAfterSeconds?: number;

  constructor(code: FeedErrorCode, message: string, details: FeedErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'FeedError';
    this.code = code;
    if (details.httpStatus !== undefined) this.httpStatus = details.httpStatus;
    if (details.retryAfterSeconds !== undefined) this.retryAfterSeconds = details.retryAfterSeconds;
  }
}

export const isFeedError = (err: unknown): err is FeedError => err instanceof FeedError;
