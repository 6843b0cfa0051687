import { Module } from '@nestjs/common';
import { QUEUES } from '@pulse/contracts';
import { QueueModule } from '@pulse/queue';
import { PreferencesService } from '../subscriptions/preferences.service';
import { SubscribersController } from './subscribers.controller';
import { SubscribersService } from './subscribers.service';

@Module({
  // PreferencesService (the subscriptions feature's export and erase) removes an erased subscriber's jobs
  imports: [QueueModule.register(QUEUES.mailSend, QUEUES.digestSend)],
  controllers: [SubscribersController],
  providers: [SubscribersService, PreferencesService],
})
export class SubscribersModule {}
