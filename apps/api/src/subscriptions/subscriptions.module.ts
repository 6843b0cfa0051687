import { Module } from '@nestjs/common';
import { QUEUES } from '@pulse/contracts';
import { DATABASE, resolveLinkSecret, type Database } from '@pulse/db';
import { QueueModule } from '@pulse/queue';
import { API_ENV, type ApiEnv } from '../config/env';
import { LINK_SECRET, LinkService } from './link.service';
import { PreferencesService } from './preferences.service';
import { SubscriptionMailService } from './subscription-mail.service';
import { SubscriptionPagesController } from './subscription-pages.controller';
import { SubscriptionPagesService } from './subscription-pages.service';
import { SubscriptionsController } from './subscriptions.controller';
import { SubscriptionsService } from './subscriptions.service';

/** Public subscribing: `POST /api/subscriptions`, the form, confirm, preferences, unsubscribe. */
@Module({
  // digest-send only to remove an erased subscriber's jobs
  imports: [QueueModule.register(QUEUES.mailSend, QUEUES.digestSend)],
  controllers: [SubscriptionsController, SubscriptionPagesController],
  providers: [
    {
      provide: LINK_SECRET,
      inject: [DATABASE, API_ENV],
      useFactory: (database: Database, env: ApiEnv) => resolveLinkSecret(database, env.PULSE_SECRET),
    },
    LinkService,
    SubscriptionMailService,
    SubscriptionsService,
    PreferencesService,
    SubscriptionPagesService,
  ],
})
export class SubscriptionsModule {}
