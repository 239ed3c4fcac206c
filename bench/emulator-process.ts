import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDepartment } from '../src/config/load-config.js';
import type { Department } from '../src/domain/department/department.js';

export interface EmulatorProcess {
  webhookUrl: string;
  url: string;
  department: Department;
  loadMs: number;
  stop(): void;
}

/** The emulator in its own process, so the bench measures this process's memory alone. */
export async function spawnEmulator(options: {
  managers: number;
  seed?: number;
  limit: boolean;
  filler?: number;
}): Promise<EmulatorProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-'));
  const file = join(dir, 'department.yaml');
  const args = [
    'bin/standup-bot.js',
    'emulator',
    '--managers',
    String(options.managers),
    '--seed',
    String(options.seed ?? 1),
    '--write-config',
    file,
  ];
  if (!options.limit) {
    args.push('--no-limit');
  }
  if (options.filler !== undefined) {
    args.push('--filler', String(options.filler));
  }
  const started = performance.now();
  const child: ChildProcess = spawn('node', args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const output = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('BITRIX_WEBHOOK_URL=')) {
        resolve(text);
      }
    });
    child.once('exit', (code) => reject(new Error(`the emulator exited with ${String(code)}`)));
  });
  const webhookUrl = /BITRIX_WEBHOOK_URL=(\S+)/.exec(output)?.[1] ?? '';
  return {
    webhookUrl,
    url: new URL(webhookUrl).origin,
    department: loadDepartment(file),
    loadMs: performance.now() - started,
    stop() {
      child.kill('SIGINT');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
