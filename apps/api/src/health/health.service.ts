import { Injectable } from '@nestjs/common';
import { InjectDatabase, type Database } from '@pulse/db';

@Injectable()
export class HealthService {
  constructor(@InjectDatabase() private readonly database: Database) {}

  async check(): Promise<{ status: 'ok' | 'degraded'; database: string }> {
    try {
      await this.database.sql.query('SELECT 1');
      return { status: 'ok', database: this.database.kind };
    } catch {
      return { status: 'degraded', database: this.database.kind };
    }
  }
}
