import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeyGuard } from './api-key.guard';
import { ApiKeyService } from './api-key.service';

/** The global API-key guard (needs the global RateLimitModule for failed-auth limits). */
@Module({ providers: [ApiKeyService, { provide: APP_GUARD, useClass: ApiKeyGuard }], exports: [ApiKeyService] })
export class AuthModule {}
