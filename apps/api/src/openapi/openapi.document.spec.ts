import { completeOperation } from './openapi.document';

const refs = (op: { responses?: Record<string, unknown> }) => Object.keys(op.responses ?? {}).sort();

describe('completeOperation', () => {
  it('gives an admin write route its key, scope and problem answers', () => {
    const op: Record<string, unknown> = { requestBody: {}, parameters: [{ in: 'path', name: 'id' }], responses: { 200: {} } };
    completeOperation('/api/feeds/{id}', 'patch', op);
    expect(op.security).toEqual([{ apiKey: [] }]);
    expect(op['x-required-scope']).toBe('write');
    expect(refs(op)).toEqual(['200', '400', '401', '403', '404', '422', '429']);
  });

  it('keeps an explicit scope and answers 403 only where a read key can be refused', () => {
    const read: Record<string, unknown> = { parameters: [{ in: 'query', name: 'limit' }] };
    completeOperation('/api/items', 'get', read);
    expect([read['x-required-scope'], refs(read)]).toEqual(['read', ['401', '422', '429']]);
    const exported: Record<string, unknown> = { 'x-required-scope': 'write' };
    completeOperation('/API/subscribers/{id}/export', 'get', exported);
    expect(refs(exported)).toContain('403');
  });

  it('leaves public routes without a security requirement, listing their rate limit', () => {
    const op: Record<string, unknown> = { 'x-public': true, 'x-rate-limit': 'public', requestBody: {} };
    completeOperation('/api/subscriptions', 'post', op);
    expect(op.security).toEqual([]);
    expect(op['x-public']).toBeUndefined();
    expect(refs(op)).toEqual(['400', '422', '429']);
    const page: Record<string, unknown> = {};
    completeOperation('/health', 'get', page);
    expect(page.security).toBeUndefined();
  });
});
