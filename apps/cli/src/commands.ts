import type { Command } from 'commander';

type CommandModule = { register(program: Command): void };

/**
 * Top-level commands, in `pnpm pulse --help` order. Each file exports `register(program)`.
 * Loaded lazily: `pulse parse` must not pay for NestJS, BullMQ and the database drivers that
 * other commands need (the parse command runs once per file in scripted checks).
 */
export const COMMANDS: { name: string; load(): Promise<CommandModule> }[] = [
  { name: 'parse', load: () => import('./commands/parse.command') },
  { name: 'feeds', load: () => import('./commands/feeds.command') },
  { name: 'api-key', load: () => import('./commands/api-key.command') },
  { name: 'subscribers', load: () => import('./commands/subscribers.command') },
  { name: 'digest', load: () => import('./commands/digest.command') },
  { name: 'classify', load: () => import('./commands/classify.command') },
  { name: 'reclassify', load: () => import('./commands/reclassify.command') },
];
