import { SetMetadata } from '@nestjs/common';

export type ApiScope = 'read' | 'write';
export const REQUIRED_SCOPE = 'pulse.scope';
/**
 * Overrides the scope an admin route needs. Without it the API-key guard asks for `read` on
 * GET/HEAD and `write` on everything else.
 */
export const RequireScope = (scope: ApiScope) => SetMetadata(REQUIRED_SCOPE, scope);
