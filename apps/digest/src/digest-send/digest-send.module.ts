import { Module, type DynamicModule } from '@nestjs/common';
import { QUEUES } from '@pulse/contracts';
import { digestBatching } from '@pulse/digest-core';
import { QueueModule } from '@pulse/queue';
import type { DigestAppEnv } from '../config/env';
import { configuredSendProcessor } from './digest-send.processor';
import { DigestSendService } from './digest-send.service';

@Module({})
export class DigestSendModule {
  static register(env: DigestAppEnv): DynamicModule {
    const lock = env.PULSE_DIGEST_LOCK_MS;
    return {
      module: DigestSendModule,
      imports: [QueueModule.register(QUEUES.digestSend)],
      providers: [
        DigestSendService,
        configuredSendProcessor({
          // jobs, not digests: each holds a batch (digestBatching)
          concurrency: digestBatching(env).jobs,
          lockDuration: lock,
          stalledInterval: Math.max(250, Math.floor(lock / 2)),
          // A job whose worker died is taken up again, several times if need be: the digest
          // row, not the job, decides whether anything is still to send.
          maxStalledCount: 5,
        }),
      ],
      exports: [DigestSendService],
    };
  }
}
