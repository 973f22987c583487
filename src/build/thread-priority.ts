/**
 * Lowers the CPU priority of the calling thread alone. Work that may wait (share cards
 * drawn beside Astro's page rendering) then takes a core only when the threads that
 * decide how long the build takes (Astro's main thread, its garbage collector and file
 * system threads) leave it free.
 */
import { readlinkSync } from 'node:fs';
import { constants, setPriority } from 'node:os';

/**
 * Gives the calling thread the lowest priority (nice 19) and returns true, where a
 * thread can be lowered apart from its process: on Linux, `setpriority` takes a thread
 * id, which `/proc/thread-self` names. Elsewhere (macOS, Windows) it would lower the
 * whole process, so it does nothing and returns false.
 */
export function lowerThisThreadPriority(): boolean {
  if (process.platform !== 'linux') return false;
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(threadId) || threadId <= 0) return false;
    setPriority(threadId, constants.priority.PRIORITY_LOW);
    return true;
  } catch {
    // A system that refuses (a sandbox without /proc) loses only the priority.
    return false;
  }
}
