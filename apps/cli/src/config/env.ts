import { z } from 'zod';
import { networkEnv, parseEnv } from '@pulse/config';

/**
 * The CLI's own environment: a zod object composed from `@pulse/config` fragments. A command
 * that needs more composes `CliEnvSchema.extend(fragment.shape)` rather than reading process.env.
 */
export const CliEnvSchema = z.object({}).extend(networkEnv.shape);
export type CliEnv = z.infer<typeof CliEnvSchema>;

export const loadCliEnv = (source: NodeJS.ProcessEnv = process.env): CliEnv => parseEnv(CliEnvSchema, source);
