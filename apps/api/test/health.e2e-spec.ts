import type { NestExpressApplication } from '@nestjs/platform-express';
import { createTestDatabase, testQueuePrefix, type TestDatabase } from '@pulse/testing';
import { loadApiEnv } from '../src/config/env';
import { createApiApp } from '../src/main';

describe('api health', () => {
  let db: TestDatabase;
  let app: NestExpressApplication;
  const q = testQueuePrefix('api-health');

  beforeAll(async () => {
    db = await createTestDatabase('apihealth');
    app = await createApiApp(loadApiEnv({ DATABASE_URL: db.url, PULSE_QUEUE_PREFIX: q.prefix }));
    await app.listen(0, '127.0.0.1');
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
    await q.cleanup();
  });

  it('answers /health with the database kind', async () => {
    const res = await fetch(`${await app.getUrl()}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: 'postgres' });
  });
});
