import { Injectable, type PipeTransform } from '@nestjs/common';
import type { ZodType } from 'zod';
import { ValidationProblem } from '../common/problem';
import { toFieldErrors } from './dto/subscription.dto';

/**
 * Like the shared ZodValidationPipe, but with one plain message per field (the same ones the
 * HTML form shows) instead of zod's wording.
 */
@Injectable()
export class SubscriptionValidationPipe<T> implements PipeTransform<unknown, T> {
  constructor(private readonly schema: ZodType<T>) {}

  transform(value: unknown): T {
    const result = this.schema.safeParse(value ?? {});
    if (result.success) return result.data;
    throw new ValidationProblem(toFieldErrors(result.error.issues));
  }
}
