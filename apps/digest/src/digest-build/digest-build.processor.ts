import { Processor } from '@nestjs/bullmq';
import { QUEUES, type DigestBuildJob } from '@pulse/contracts';
import { ContractProcessor } from '@pulse/queue';
import { DigestPlanService, type TickResult } from './digest-plan.service';

/** `digest-build` ticks (Job Scheduler, or `{at}` to pin the clock): one planner pass each. */
@Processor(QUEUES.digestBuild, { concurrency: 1 })
export class DigestBuildProcessor extends ContractProcessor<typeof QUEUES.digestBuild> {
  protected readonly queueName = QUEUES.digestBuild;

  constructor(private readonly plans: DigestPlanService) {
    super();
  }

  protected handle(data: DigestBuildJob): Promise<TickResult> {
    return this.plans.tick(data.at ? new Date(data.at) : new Date());
  }
}
