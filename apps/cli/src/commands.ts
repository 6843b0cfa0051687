import type { Command } from 'commander';
import * as parse from './commands/parse.command';
import * as feeds from './commands/feeds.command';
import * as apiKey from './commands/api-key.command';
import * as subscribers from './commands/subscribers.command';
import * as digest from './commands/digest.command';
import * as classify from './commands/classify.command';
import * as reclassify from './commands/reclassify.command';

/**
 * Each command file exports `register(program)`. Add yours here, one line, in the order
 * `pnpm pulse --help` should list them.
 */
export const COMMANDS: { register(program: Command): void }[] = [parse, feeds, apiKey, subscribers, digest, classify, reclassify];
