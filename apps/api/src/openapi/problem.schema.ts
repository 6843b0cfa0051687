import { z } from 'zod';

/** The shape `ProblemFilter` writes (RFC 9457), for the OpenAPI document. */
export const ProblemSchema = z
  .object({
    type: z.string().describe('A URI naming the kind of problem; `about:blank` when the status says it all.'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional().describe('What went wrong, for a person.'),
    instance: z.string().optional().describe('The request path.'),
    retryAfter: z.number().int().optional().describe('On 429: seconds to wait, as in `Retry-After`.'),
  })
  .describe('RFC 9457 problem details.');

export const ValidationProblemSchema = ProblemSchema.extend({
  errors: z.array(z.object({ field: z.string().describe('Dotted path, e.g. `url` or `themes.2`.'), message: z.string() })),
}).describe('RFC 9457 problem details with one entry per invalid field.');
