import type { Command } from 'commander';

/**
 * Each command file exports `register(program)`. Add yours here, one line, in the order
 * `pnpm pulse --help` should list them.
 */
export const COMMANDS: { register(program: Command): void }[] = [];
