/**
 * `astro dev` for the tests that run the preview: started on a free port beside any other
 * dev server of the project, with the test's environment, and stopped after.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { astroProcessEnv, projectRoot } from './sites.ts';

const astroBin = join(projectRoot, 'node_modules/.bin/astro');

export interface DevServer {
  origin: string;
  output: () => string;
  stop: () => Promise<void>;
}

/** A port the system says is free now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Starts `astro dev` on a free port (beside any other dev server of the project) and waits until it answers at `base`. */
export async function startDevServer(env: Record<string, string>, base: string, cacheDir: string): Promise<DevServer> {
  const port = await freePort();
  // Astro's dev server does not serve its pages when it believes Vitest runs it (VITEST is set).
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST')));
  const child: ChildProcess = spawn(astroBin, ['dev', '--port', String(port), '--ignore-lock'], {
    cwd: projectRoot,
    env: astroProcessEnv(inherited, 'development', cacheDir, { TZ: 'UTC', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const origin = `http://localhost:${port}`;
  const server: DevServer = {
    origin,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`astro dev exited with ${child.exitCode}:\n${output.slice(-3000)}`);
    try {
      if ((await fetch(`${origin}${base}`)).status === 200) return server;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`astro dev did not answer at ${origin}${base}:\n${output.slice(-3000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
