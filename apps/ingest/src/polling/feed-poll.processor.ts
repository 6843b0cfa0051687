import { Processor } from '@nestjs/bullmq';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { QUEUES, type FeedPollJob } from '@pulse/contracts';
import { ContractProcessor } from '@pulse/queue';
import { INGEST_ENV, type IngestEnv } from '../config/env';
import { FeedPollService } from './feed-poll.service';

/**
 * Scheduler ticks and "poll now" requests. A feed's own failure is an outcome, not a job
 * failure; only an unreachable database or Redis throws (and is retried).
 */
@Injectable()
@Processor(QUEUES.feedPoll)
export class FeedPollProcessor extends ContractProcessor<typeof QUEUES.feedPoll> implements OnApplicationBootstrap {
  protected readonly queueName = QUEUES.feedPoll;

  constructor(
    @Inject(INGEST_ENV) private readonly env: IngestEnv,
    private readonly service: FeedPollService,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.env.PULSE_POLL_CONCURRENCY;
  }

  protected handle(data: FeedPollJob) {
    return this.service.poll(data.feedId, { manual: data.manual });
  }
}
