import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { z } from 'zod';
import { defaultScope } from '../auth/require-scope.decorator';
import { ProblemSchema, ValidationProblemSchema } from './problem.schema';

type Operation = Record<string, unknown> & {
  parameters?: { in: string; name: string }[];
  requestBody?: unknown;
  responses?: Record<string, unknown>;
  security?: unknown[];
};

const DESCRIPTION = `Admin API of EMN Pulse, and the public subscription endpoint.

**Authentication.** Every route under \`/api\` needs \`Authorization: Bearer <key>\` unless it is marked
public (no security requirement below). Keys are created with \`pnpm pulse api-key create --name … --scope read|write\`.
A \`read\` key may call GET and HEAD routes; every other method needs a \`write\` key
(the \`x-required-scope\` of each operation says which). Too many failed authentications from one address
are answered 429 for a while, whatever key is sent.

**Errors** are RFC 9457 problem details (\`application/problem+json\`). Validation failures are 422 with one
\`errors[]\` entry per field; a body that is not valid JSON is 400.

**Unknown fields are rejected**: a request body or query string with a field this document does not list
is answered 422, naming the field, so a typo never goes unnoticed.

**Lists** are cursor-paginated: \`?limit=&cursor=\` → \`{ "data": [...], "nextCursor": "…" | null }\`. The cursor is
opaque; pass it back unchanged for the next page. Pages neither repeat nor skip rows while rows are added.

**Dates** are UTC ISO 8601.`;

const problemContent = (schema: string) => ({ 'application/problem+json': { schema: { $ref: `#/components/schemas/${schema}` } } });

const RESPONSES = {
  MalformedBody: { description: 'The body is not valid JSON (or not of the declared media type).', content: problemContent('Problem') },
  ValidationFailed: { description: 'A field is missing, invalid or unknown; `errors` names each.', content: problemContent('ValidationProblem') },
  Unauthorized: {
    description: 'No API key, or a malformed, unknown or revoked one.',
    headers: { 'WWW-Authenticate': { schema: { type: 'string' }, description: '`Bearer realm="emn-pulse"`' } },
    content: problemContent('Problem'),
  },
  Forbidden: { description: 'The key has the read scope; this route needs write.', content: problemContent('Problem') },
  NotFound: { description: 'No such resource.', content: problemContent('Problem') },
  TooManyRequests: {
    description: 'Rate limited (failed authentications, or a public route). Retry after the given delay.',
    headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds to wait.' } },
    content: problemContent('Problem'),
  },
};

const ref = (name: keyof typeof RESPONSES) => ({ $ref: `#/components/responses/${name}` });

/**
 * Security requirements and problem answers are derived from the same metadata the guards
 * read (`@Public`, `@RequireScope`, `@RateLimit`, the HTTP method), for every controller of the
 * app, including ones this module knows nothing about.
 */
export function completeOperation(path: string, method: string, op: Operation): void {
  const responses = (op.responses ??= {});
  const add = (status: string, name: keyof typeof RESPONSES) => (responses[status] ??= ref(name));
  if (op.requestBody) add('400', 'MalformedBody');
  if (op.requestBody || op.parameters?.some((p) => p.in === 'query')) add('422', 'ValidationFailed');
  if (op.parameters?.some((p) => p.in === 'path')) add('404', 'NotFound');
  if (op['x-rate-limit']) add('429', 'TooManyRequests');
  if (!/^\/api(\/|$)/i.test(path)) return;
  if (op['x-public']) {
    op.security = [];
    delete op['x-public'];
    return;
  }
  op.security = [{ apiKey: [] }];
  const scope = (op['x-required-scope'] ??= defaultScope(method.toUpperCase()));
  add('401', 'Unauthorized');
  if (scope === 'write') add('403', 'Forbidden');
  add('429', 'TooManyRequests');
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('EMN Pulse API')
    .setDescription(DESCRIPTION)
    .setVersion('1.0.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key: `pulse_<prefix>_<secret>`.' }, 'apiKey')
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}`,
  });
  const components = (document.components ??= {});
  components.schemas = {
    ...components.schemas,
    Problem: z.toJSONSchema(ProblemSchema, { target: 'openapi-3.0', io: 'output' }) as never,
    ValidationProblem: z.toJSONSchema(ValidationProblemSchema, { target: 'openapi-3.0', io: 'output' }) as never,
  };
  components.responses = { ...components.responses, ...RESPONSES };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of HTTP_METHODS) {
      const op = (item as Record<string, Operation | undefined>)[method];
      if (op) completeOperation(path, method, op);
    }
  }
  stripSchemaDialects(document);
  return document;
}

/**
 * A JSON Schema converted with its own dialect marker (`$schema`, zod's default target) is not
 * an OpenAPI 3.0 schema object; the marker says nothing OpenAPI needs, so it goes.
 */
function stripSchemaDialects(node: unknown): void {
  if (Array.isArray(node)) node.forEach(stripSchemaDialects);
  else if (node && typeof node === 'object') {
    delete (node as Record<string, unknown>).$schema;
    Object.values(node).forEach(stripSchemaDialects);
  }
}

/** `/docs` (Swagger UI, assets from swagger-ui-dist in node_modules) and `/docs-json`. Built on first request. */
export function setupOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'docs-json',
    raw: ['json'],
    customSiteTitle: 'EMN Pulse API',
  });
}
