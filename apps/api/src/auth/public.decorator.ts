import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

export const IS_PUBLIC = 'pulse.public';
/**
 * Marks an `/api` route as public (no API key): subscribe, unsubscribe. Pages outside `/api` are
 * public anyway. The OpenAPI document shows such routes without a security requirement.
 */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension('x-public', true));
