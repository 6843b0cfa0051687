import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

export type ApiScope = 'read' | 'write';
export const REQUIRED_SCOPE = 'pulse.scope';
/**
 * Overrides the scope an admin route needs. Without it the API-key guard asks for `read` on
 * GET/HEAD and `write` on everything else.
 */
export const RequireScope = (scope: ApiScope) =>
  applyDecorators(SetMetadata(REQUIRED_SCOPE, scope), ApiExtension('x-required-scope', scope));

/** The scope a request needs when no `@RequireScope` says otherwise. */
export const defaultScope = (method: string): ApiScope => (method === 'GET' || method === 'HEAD' ? 'read' : 'write');
