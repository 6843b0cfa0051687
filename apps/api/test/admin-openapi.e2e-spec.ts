import SwaggerParser from '@apidevtools/swagger-parser';
import { startAdminApi, type AdminHarness } from './admin-harness';

type Operation = {
  operationId?: string;
  security?: Record<string, string[]>[];
  responses: Record<string, { $ref?: string }>;
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  parameters?: { name: string; in: string }[];
  'x-required-scope'?: string;
};

/** Every admin route this part of the API serves: the document must list each, with its method. */
const ADMIN_ROUTES = [
  'get /api/feeds',
  'post /api/feeds',
  'get /api/feeds/opml',
  'post /api/feeds/opml',
  'get /api/feeds/{id}',
  'patch /api/feeds/{id}',
  'delete /api/feeds/{id}',
  'post /api/feeds/{id}/enable',
  'post /api/feeds/{id}/disable',
  'post /api/feeds/{id}/poll',
  'get /api/feeds/{id}/health',
  'get /api/items',
  'get /api/items/{id}',
  'post /api/items/{id}/reclassify',
  'get /api/subscribers',
  'get /api/subscribers/stats',
  'get /api/subscribers/{id}',
  'get /api/subscribers/{id}/export',
  'delete /api/subscribers/{id}',
  'post /api/subscribers/{id}/suspend',
  'post /api/subscribers/{id}/unsuspend',
];

describe('OpenAPI document', () => {
  let h: AdminHarness;
  let doc: { openapi: string; paths: Record<string, Record<string, Operation>>; components: Record<string, Record<string, unknown>> };

  beforeAll(async () => {
    h = await startAdminApi('adminopenapi');
    const res = await h.call('GET', '/docs-json', { key: null });
    expect(res.status).toBe(200);
    doc = res.body;
  });
  afterAll(() => h.close());

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method, op })));

  it('is a valid OpenAPI 3 document (swagger-parser: schema and every $ref)', async () => {
    expect(doc.openapi).toMatch(/^3\./);
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeDefined();
  });

  it('lists every admin route', () => {
    const listed = new Set(operations().map((o) => `${o.method} ${o.path}`));
    for (const route of ADMIN_ROUTES) expect(listed).toContain(route);
  });

  it('gives every /api route its security requirement, scope and problem answers', () => {
    const api = operations().filter((o) => o.path.startsWith('/api/'));
    expect(api.length).toBeGreaterThanOrEqual(ADMIN_ROUTES.length);
    for (const { path, method, op } of api) {
      const where = `${method} ${path}`;
      expect([where, op.operationId]).toEqual([where, expect.any(String)]);
      if (op.security?.length === 0) continue; // public
      expect([where, op.security]).toEqual([where, [{ apiKey: [] }]]);
      expect([where, op.responses['401']?.$ref]).toEqual([where, '#/components/responses/Unauthorized']);
      expect([where, op.responses['429']]).toEqual([where, expect.anything()]);
      const scope = method === 'get' || method === 'head' ? (path.endsWith('/export') ? 'write' : 'read') : 'write';
      expect([where, op['x-required-scope']]).toEqual([where, scope]);
      if (scope === 'write') expect([where, op.responses['403']]).toEqual([where, expect.anything()]);
      if (op.requestBody) expect([where, op.responses['422'], op.responses['400']]).toEqual([where, expect.anything(), expect.anything()]);
      if (op.parameters?.some((p) => p.in === 'path')) expect([where, op.responses['404']]).toEqual([where, expect.anything()]);
    }
    expect(doc.components.securitySchemes).toEqual({ apiKey: expect.objectContaining({ type: 'http', scheme: 'bearer' }) });
  });

  it('documents request bodies and queries from the zod schemas that validate them', async () => {
    const create = doc.components.schemas!.CreateFeed as { required: string[]; additionalProperties: boolean; properties: Record<string, unknown> };
    expect(create.required).toEqual(['url']);
    expect(create.additionalProperties).toBe(false);
    expect(Object.keys(create.properties).sort()).toEqual(['enabled', 'kind', 'language', 'pollIntervalSeconds', 'title', 'url']);
    // what the document calls required and closed, the API enforces
    const res = await h.call('POST', '/api/feeds', { json: { title: 'x', extra: 1 } });
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['extra', 'url']);

    const list = doc.paths['/api/items']!.get!;
    expect(list.parameters!.map((p) => p.name).sort()).toEqual(
      ['classified', 'cursor', 'from', 'language', 'limit', 'q', 'source', 'theme', 'to', 'type'].sort(),
    );
    const page = doc.components.schemas!.ItemPage as { properties: Record<string, unknown>; required: string[] };
    expect(page.required.sort()).toEqual(['data', 'nextCursor']);
  });

  it('serves the Swagger UI from local assets, no CDN', async () => {
    const html = await h.call('GET', '/docs', { key: null });
    expect(html.status).toBe(200);
    const scripts = [...html.text.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of [...scripts, ...[...html.text.matchAll(/<link[^>]*href="([^"]+)"/g)].map((m) => m[1]!)]) {
      expect(src).not.toMatch(/^(https?:)?\/\//);
      const asset = await fetch(new URL(src, `${h.url}/docs`));
      expect([src, asset.status]).toEqual([src, 200]);
    }
  });
});
