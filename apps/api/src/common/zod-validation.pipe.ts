import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import type { ZodType } from 'zod';
import { ValidationProblem } from './problem';

type Issue = { message: string; path?: ReadonlyArray<PropertyKey | { key: PropertyKey }>; code?: string; keys?: string[] };
type StandardSchema = { '~standard': { validate(value: unknown): unknown } };

/**
 * Validates a body, query or param with a zod schema; failures become 422 with one entry per
 * field. Used two ways: `new ZodValidationPipe(schema)` on a parameter, or once globally, where
 * it validates every parameter declared with `@Body({ schema })` / `@Query({ schema })`. The
 * second form is the one to prefer: @nestjs/swagger reads the same `schema` for the OpenAPI
 * document, so what is documented is what is enforced.
 */
@Injectable()
export class ZodValidationPipe<T = unknown> implements PipeTransform<unknown, T> {
  constructor(private readonly schema?: ZodType<T>) {}

  transform(value: unknown, metadata?: ArgumentMetadata): T {
    const schema = (this.schema ?? metadata?.schema) as StandardSchema | undefined;
    if (!schema) return value as T;
    const result = schema['~standard'].validate(value ?? {}) as { value?: T; issues?: readonly Issue[] };
    if (result instanceof Promise) throw new Error('async schemas are not supported here');
    if (!result.issues) return result.value as T;
    throw new ValidationProblem(result.issues.flatMap((i) => toFieldErrors(i, metadata)));
  }
}

function toFieldErrors(issue: Issue, metadata?: ArgumentMetadata): { field: string; message: string }[] {
  const path = (issue.path ?? []).map((s) => String(typeof s === 'object' ? s.key : s));
  // unknown fields are rejected: name each one, as its own field
  if (issue.code === 'unrecognized_keys' && issue.keys?.length) {
    return issue.keys.map((key) => ({ field: [...path, key].join('.'), message: 'unknown field' }));
  }
  return [{ field: path.join('.') || fallbackField(metadata), message: issue.message }];
}

/** An issue about the whole value: name it by the parameter, or by where it came from. */
const fallbackField = (metadata?: ArgumentMetadata): string =>
  metadata?.data ? String(metadata.data) : metadata?.type === 'query' ? '(query)' : '(body)';
