import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { FeedKind } from '@pulse/contracts';
import { FeedRepository, type DemoFeed, type FeedRecord } from '@pulse/db';
import { INGEST_ENV, type IngestEnv } from '../config/env';
import { DEFAULT_DEMO_FEEDS_DIR, DemoFeedsServer, listDemoFiles, type DemoFile } from './demo-feeds.server';
import { REAL_FEEDS } from './feeds.seed';

/** Demo feeds change only when someone edits a fixture; a short interval shows that quickly. */
const DEMO_POLL_INTERVAL_SECONDS = 120;

/**
 * Which feeds this process polls: the seeded real sources, the captured demo feeds served on
 * loopback, or both (the fallback). Also the one place that decides which feed may reach a
 * private address: every feed when PULSE_ALLOW_PRIVATE_NETWORKS=1, otherwise only the demo
 * feeds of the server this process runs.
 */
@Injectable()
export class FeedSourcesService implements OnApplicationShutdown {
  private readonly log = new Logger('ingest.sources');
  private demo: DemoFeedsServer | null = null;

  constructor(
    @Inject(INGEST_ENV) private readonly env: IngestEnv,
    private readonly feeds: FeedRepository,
  ) {}

  get mode(): IngestEnv['PULSE_FEEDS'] {
    return this.env.PULSE_FEEDS;
  }

  get demoRunning(): boolean {
    return this.demo !== null;
  }

  /** At start: seed the real sources, or serve the demo feeds when asked for them. */
  async init(): Promise<void> {
    if (this.mode === 'real') {
      const inserted = await this.feeds.seed([...REAL_FEEDS]);
      if (inserted > 0) this.log.log(`seeded ${inserted} real EU sources`);
    }
    if (this.mode === 'demo') {
      this.log.log('PULSE_FEEDS=demo: polling the captured feeds served on loopback instead of the real sources');
      await this.startDemo();
    }
  }

  /** Starts the loopback server (once) and points the demo feed rows at it. */
  async startDemo(): Promise<void> {
    if (this.demo) return;
    const dir = this.env.PULSE_DEMO_FEEDS_DIR ?? DEFAULT_DEMO_FEEDS_DIR;
    const files = listDemoFiles(dir);
    const server = new DemoFeedsServer(files);
    await server.start();
    await this.feeds.upsertDemo(files.map((f) => demoFeed(f, server.urlOf(f))));
    this.demo = server;
    this.log.log(`demo feeds: ${files.length} captured feeds from ${dir} served on ${server.origin}`);
  }

  /** Scheduled in this process: enabled, and a demo feed only while its server runs here. */
  isActive(feed: FeedRecord): boolean {
    if (!feed.enabled) return false;
    if (feed.demo) return this.servesDemo(feed);
    return this.mode !== 'demo';
  }

  allowPrivateNetworks(feed: FeedRecord): boolean {
    return this.env.PULSE_ALLOW_PRIVATE_NETWORKS || (feed.demo && this.servesDemo(feed));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.demo?.close();
    this.demo = null;
  }

  // A demo row left by an earlier run points at a port that may now be anyone's.
  private servesDemo(feed: FeedRecord): boolean {
    return this.demo !== null && feed.url.startsWith(`${this.demo.origin}/`);
  }
}

function demoFeed(file: DemoFile, url: string): DemoFeed {
  const slug = file.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
  return { id: `demo-${slug}`, url, title: `Demo: ${file.name}`, kind: demoKind(file.name), pollIntervalSeconds: DEMO_POLL_INTERVAL_SECONDS };
}

function demoKind(name: string): FeedKind {
  if (/\.ics$/i.test(name) || /event|meeting|calendar/i.test(name)) return 'event';
  if (/press/i.test(name)) return 'press-release';
  return 'news';
}
