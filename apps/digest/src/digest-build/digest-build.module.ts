import { Module } from '@nestjs/common';
import { QUEUES } from '@pulse/contracts';
import { QueueModule } from '@pulse/queue';
import { DigestBuildProcessor } from './digest-build.processor';
import { DigestBuildScheduler } from './digest-build.scheduler';
import { DigestPlanService } from './digest-plan.service';

@Module({
  imports: [QueueModule.register(QUEUES.digestBuild, QUEUES.digestSend)],
  providers: [DigestPlanService, DigestBuildProcessor, DigestBuildScheduler],
  exports: [DigestPlanService],
})
export class DigestBuildModule {}
