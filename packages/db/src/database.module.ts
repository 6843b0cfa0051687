import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { createDatabase, type Database, type DatabaseOptions } from './client';
import { migrate } from './migrate';

export const DATABASE = Symbol('pulse.database');
/** Inject the shared `Database` (drizzle `db`, raw `sql`, `kind`). */
export const InjectDatabase = () => Inject(DATABASE);

class DatabaseCloser implements OnApplicationShutdown {
  constructor(@Inject(DATABASE) private readonly database: Database) {}
  async onApplicationShutdown(): Promise<void> {
    await this.database.close();
  }
}

@Global()
@Module({})
export class DatabaseModule {
  /**
   * Opens the database and applies pending migrations before any provider uses it.
   * Pass `database` to share an already open one (the single-process embedded mode, tests).
   */
  static forRoot(opts: DatabaseOptions & { database?: Database; migrate?: boolean }): DynamicModule {
    const shared = Boolean(opts.database);
    return {
      module: DatabaseModule,
      providers: [
        {
          provide: DATABASE,
          useFactory: async () => {
            const database = opts.database ?? (await createDatabase(opts));
            if (opts.migrate !== false && !shared) await migrate(database);
            return database;
          },
        },
        ...(shared ? [] : [DatabaseCloser]),
      ],
      exports: [DATABASE],
    };
  }
}
