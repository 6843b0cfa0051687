import { Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Processor } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { JOBS, QUEUES, jobIds, type ItemClassifyJob } from '@pulse/contracts';
import { ContractProcessor, JobProducer, QueueModule } from '@pulse/queue';
import { testQueuePrefix, TEST_REDIS_URL } from '@pulse/testing';

const seen: { name: string; data: unknown }[] = [];

@Injectable()
@Processor(QUEUES.itemClassify)
class RecordingProcessor extends ContractProcessor<typeof QUEUES.itemClassify> {
  protected readonly queueName = QUEUES.itemClassify;
  protected async handle(data: ItemClassifyJob, job: Job) {
    seen.push({ name: job.name, data });
  }
}

describe('queue glue on real Redis', () => {
  const q = testQueuePrefix('queue');
  afterAll(() => q.cleanup());

  it('validates payloads, names the job from the contract and dedupes by job id', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [QueueModule.forRoot({ redisUrl: TEST_REDIS_URL, prefix: q.prefix }), QueueModule.register(QUEUES.itemClassify)],
      providers: [RecordingProcessor],
    }).compile();
    const app = moduleRef.createNestApplication();
    await app.init();
    try {
      const producer = app.get(JobProducer);
      const data = { itemId: 'itm_1', version: 1 };
      await producer.add(QUEUES.itemClassify, data, { jobId: jobIds.itemClassify(data) });
      await producer.add(QUEUES.itemClassify, data, { jobId: jobIds.itemClassify(data) });
      await expect(
        producer.add(QUEUES.itemClassify, { itemId: '', version: 1 }, { jobId: 'bad' }),
      ).rejects.toThrow();
      for (let i = 0; i < 100 && seen.length < 1; i++) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, 200));
      expect(seen).toEqual([{ name: JOBS.itemClassify, data }]);
    } finally {
      await app.close();
    }
  });
});
