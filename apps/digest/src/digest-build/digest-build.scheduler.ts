import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { JOBS, QUEUES } from '@pulse/contracts';
import { JobProducer } from '@pulse/queue';
import { DIGEST_ENV, type DigestAppEnv } from '../config/env';

export const DIGEST_TICK_SCHEDULER = 'digest-build-tick';

/**
 * One BullMQ Job Scheduler ticks the planner every `PULSE_DIGEST_TICK_MS`. However many digest
 * workers run, Redis holds one scheduler, so there is one tick per interval; a tick that finds
 * nothing due costs two small queries.
 */
@Injectable()
export class DigestBuildScheduler implements OnApplicationBootstrap {
  constructor(
    @Inject(DIGEST_ENV) private readonly env: DigestAppEnv,
    private readonly producer: JobProducer,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.producer.queue(QUEUES.digestBuild).upsertJobScheduler(
      DIGEST_TICK_SCHEDULER,
      { every: this.env.PULSE_DIGEST_TICK_MS },
      { name: JOBS.digestBuild, data: {}, opts: { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 500 } } },
    );
    new Logger('digest').log(`planner ticks every ${this.env.PULSE_DIGEST_TICK_MS} ms`);
  }
}
