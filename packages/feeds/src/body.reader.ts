import type { IncomingMessage } from 'node:http';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { FeedError } from './feed.error';

/** Deflate on the web is zlib-wrapped per the spec, but some servers send raw deflate. */
class InflateAuto extends Transform {
  private inner: zlib.Inflate | zlib.InflateRaw | null = null;

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    if (!this.inner) {
      const b0 = chunk[0] ?? 0;
      const b1 = chunk[1] ?? 0;
      const wrapped = chunk.length >= 2 && (b0 & 0x0f) === 8 && ((b0 << 8) | b1) % 31 === 0;
      const opts = { finishFlush: zlib.constants.Z_SYNC_FLUSH };
      this.inner = wrapped ? zlib.createInflate(opts) : zlib.createInflateRaw(opts);
      this.inner.on('data', (d: Buffer) => this.push(d));
      this.inner.on('error', (e) => this.destroy(e));
    }
    this.inner.write(chunk, () => cb());
  }

  override _flush(cb: TransformCallback): void {
    if (!this.inner) return cb();
    this.inner.once('end', () => cb());
    this.inner.end();
  }

  override _destroy(err: Error | null, cb: (error: Error | null) => void): void {
    this.inner?.destroy();
    cb(err);
  }
}

function decoderFor(encoding: string): Transform | null {
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
      // Sync flush tolerates a stream cut short at the end, as browsers do.
      return zlib.createGunzip({ finishFlush: zlib.constants.Z_SYNC_FLUSH });
    case 'deflate':
      return new InflateAuto();
    case 'br':
      return zlib.createBrotliDecompress({ finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH });
    case 'identity':
    case '':
      return null;
    default:
      throw new FeedError('malformed', `unsupported Content-Encoding: ${encoding}`);
  }
}

const mib = (n: number): string => `${(n / 1024 / 1024).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MiB`;

const encodingsOf = (res: IncomingMessage): string[] =>
  String(res.headers['content-encoding'] ?? '')
    .toLowerCase()
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e && e !== 'identity')
    .reverse();

function readError(err: unknown, encodings: string[]): FeedError {
  const code = (err as NodeJS.ErrnoException).code ?? '';
  if (code.startsWith('Z_') || code.startsWith('ERR_BROTLI') || code.startsWith('ERR__')) {
    return new FeedError('malformed', `cannot decode ${encodings.join(', ')} body: ${(err as Error).message}`, { cause: err });
  }
  return new FeedError('network', `connection failed while reading the body: ${(err as Error).message}`, { cause: err });
}

/**
 * Reads the response body, undoing Content-Encoding, and stops as soon as either the bytes
 * on the wire or the decoded bytes pass `maxBytes` (a gzip bomb is caught on the decoded side).
 */
export async function readLimitedBody(res: IncomingMessage, maxBytes: number, signal: AbortSignal): Promise<Buffer> {
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    res.destroy();
    throw new FeedError('too-large', `body is ${declared} bytes, over the ${mib(maxBytes)} limit (Content-Length)`);
  }
  const encodings = encodingsOf(res);
  const decoders = encodings.map(decoderFor).filter((d): d is Transform => d !== null);
  // Kept aside: tearing the pipeline down reports an AbortError instead of the reason.
  let overLimit: FeedError | null = null;
  let wire = 0;
  const countWire = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      wire += chunk.length;
      if (wire > maxBytes) return cb((overLimit = new FeedError('too-large', `body is over the ${mib(maxBytes)} limit`)));
      cb(null, chunk);
    },
  });
  const chunks: Buffer[] = [];
  let decoded = 0;
  const collect = async (source: AsyncIterable<Buffer>): Promise<void> => {
    for await (const chunk of source) {
      decoded += chunk.length;
      if (decoded > maxBytes) throw (overLimit = new FeedError('too-large', `decoded body is over the ${mib(maxBytes)} limit`));
      chunks.push(chunk);
    }
  };
  try {
    // pipeline's typings have no overload for a spread of transforms; at run time any number is fine.
    await pipeline(res, countWire, ...(decoders as []), collect, { signal });
  } catch (err) {
    res.destroy();
    if (overLimit) throw overLimit;
    if (err instanceof FeedError) throw err;
    if (signal.aborted) throw signal.reason;
    // An encoded body that turned out empty (HEAD-like answers) is simply empty.
    if (wire === 0) return Buffer.alloc(0);
    throw readError(err, encodings);
  }
  return Buffer.concat(chunks);
}
