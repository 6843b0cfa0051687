import { ApiResponse } from '@nestjs/swagger';
import type { ZodType } from 'zod';

/** Documents a success answer with the zod schema the handler's return type is built from. */
export const ApiAnswer = (status: number, schema: ZodType, description = 'OK') =>
  ApiResponse({ status, description, standardSchema: schema as never });

/** A problem answer particular to one route (the common ones are added to every route by the document builder). */
export const ApiProblem = (status: number, description: string) =>
  ApiResponse({ status, description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });

/** A non-JSON answer (OPML, CSV): its media type and a string schema. */
export const ApiText = (mediaType: string, description: string) =>
  ApiResponse({ status: 200, description, content: { [mediaType]: { schema: { type: 'string' } } } });
