import 'reflect-metadata';
import { Command, CommanderError } from 'commander';
import { CliError } from './cli-error';
import { COMMANDS } from './commands';


async function main(argv: string[]): Promise<void> {
  const program = new Command('pulse').description('EMN Pulse operator CLI').exitOverride();
  // Only the command asked for is loaded; `--help` or an unknown word loads them all.
  const wanted = COMMANDS.filter((c) => c.name === argv[2]);
  for (const c of wanted.length ? wanted : COMMANDS) (await c.load()).register(program);
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) process.exit(err.exitCode);
    const msg = err instanceof Error ? err.message : String(err);
    process.stderr.write(`pulse: ${msg.split('\n')[0]}\n`);
    process.exit(err instanceof CliError ? err.exitCode : 1);
  }
}

void main(process.argv);
