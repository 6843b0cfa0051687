import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ThemeResultSchema } from '@pulse/contracts';

/** `pulse classify` as an operator runs it: the built CLI in its own process, fed on stdin. */
const CLI = join(__dirname, '..', 'dist', 'main.js');

function classify(args: string[], stdin: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'classify', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

const line = (o: unknown) => JSON.stringify(o);

describe('pulse classify --json', () => {
  it('answers every input line with one line, in order, in the contract shape', async () => {
    const inputs = [
      { title: 'EU and Bangladesh step up cooperation on readmission', summary: 'Return decisions will be enforced faster.' },
      { title: 'Commission approves German capacity mechanism to secure electricity supply', summary: 'State aid rules.' },
      { title: 'Démantèlement d’un réseau de passeurs', summary: 'Trafic de migrants vers le Royaume-Uni.', language: 'fr' },
    ];
    const { code, stdout, stderr } = await classify(['--json'], inputs.map(line).join('\n') + '\n');
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const out = stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { themes: unknown[] });
    expect(out).toHaveLength(3);
    for (const o of out) {
      expect(Object.keys(o)).toEqual(['themes']);
      for (const t of o.themes) ThemeResultSchema.parse(t);
    }
    expect(out.map((o) => (o.themes as { id: string }[]).map((t) => t.id))).toEqual([
      ['return-readmission'],
      [],
      ['irregular-migration-smuggling'],
    ]);
  }, 60_000);

  it('answers a malformed line with {"error"} on its own line, still answers the rest, and exits non-zero', async () => {
    const stdin = [line({ title: 'Trafficking in human beings: new EU strategy', summary: '' }), '{not json', line({ title: 'no summary' }), line({ title: 'Schengen', summary: 'Schengen area' })].join('\n');
    const { code, stdout, stderr } = await classify(['--json'], stdin);
    expect(code).not.toBe(0);
    expect(stderr).toBe('pulse: 2 of 4 input lines could not be classified\n');
    const out = stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out).toHaveLength(4);
    expect(out[0]).toEqual({ themes: [expect.objectContaining({ id: 'trafficking' })] });
    expect(out[1]).toEqual({ error: expect.stringMatching(/^not JSON/) });
    expect(out[2]).toEqual({ error: expect.stringContaining('summary') });
    expect(out[3]).toEqual({ themes: [expect.objectContaining({ id: 'borders-visa-schengen' })] });
  }, 60_000);
});
