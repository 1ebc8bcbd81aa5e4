import { EventEmitter } from 'node:events';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { runEmulatorFromCli } from '../../emulator/index.js';
import { testWorld } from './world-fixture.js';

describe('runEmulatorFromCli', () => {
  it('prints the URL and the access key ids (never a secret), serves, and stops on SIGTERM', async () => {
    const world = testWorld();
    const lines: string[] = [];
    const signals = new EventEmitter();
    const running = runEmulatorFromCli({ world, port: 0, print: (line) => lines.push(line), signals });
    await expect.poll(() => lines.length).toBeGreaterThan(0);
    const url = /listening on (\S+)/.exec(lines[0] ?? '')?.[1] ?? '';
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await request(`${url}/?Action=Nope`);
    expect(res.statusCode).toBe(404);
    await res.body.text();
    signals.emit('SIGTERM');
    await running;
    const output = lines.join('\n');
    for (const account of world.accounts) {
      expect(output).toContain(account.accessKeyId);
      expect(output).not.toContain(account.accessKeySecret);
    }
    expect(output).toContain('stopped (SIGTERM)');
    expect(signals.listenerCount('SIGINT') + signals.listenerCount('SIGTERM')).toBe(0);
  });
});
