import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'pulse.public';
/** Marks an `/api` route as public (no API key): subscribe, unsubscribe. Pages outside `/api` are public anyway. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
