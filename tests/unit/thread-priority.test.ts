import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

const moduleUrl = new URL('../../src/build/thread-priority.ts', import.meta.url).href;

/** The nice value of the calling thread, from /proc (Linux). */
const niceOfThisThread = `(await import('node:fs')).readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1].split(' ')[16]`;

function inWorker(): Promise<{ lowered: boolean; nice: string }> {
  const code = `
    const { parentPort } = await import('node:worker_threads');
    const { lowerThisThreadPriority } = await import(${JSON.stringify(moduleUrl)});
    const lowered = lowerThisThreadPriority();
    const nice = process.platform === 'linux' ? ${niceOfThisThread} : 'n/a';
    parentPort.postMessage({ lowered, nice });
  `;
  return new Promise((resolve, reject) => {
    const worker = new Worker(`(async () => { ${code} })().catch((error) => { throw error; })`, { eval: true });
    worker.once('message', (message: { lowered: boolean; nice: string }) => {
      void worker.terminate();
      resolve(message);
    });
    worker.once('error', reject);
  });
}

describe('lowerThisThreadPriority', () => {
  it('lowers the calling thread to nice 19 on Linux and leaves the rest of the process as it was', async () => {
    const before = process.platform === 'linux' ? readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1]!.split(' ')[16] : 'n/a';
    const { lowered, nice } = await inWorker();
    if (process.platform === 'linux') {
      expect(lowered).toBe(true);
      expect(nice).toBe('19');
      expect(readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1]!.split(' ')[16]).toBe(before);
    } else {
      // Elsewhere a thread cannot be lowered apart from its process: nothing is changed.
      expect(lowered).toBe(false);
    }
  });
});
