/**
 * Where a build's or a preview's time goes, from the CPU profiles Node writes with `--cpu-prof`:
 * one file per thread (the main thread and each worker), named
 * `CPU.<date>.<time>.<pid>.<thread>.<sequence>.cpuprofile`.
 *
 *   node --cpu-prof --cpu-prof-dir=.tmp/profile node_modules/astro/bin/astro.mjs build
 *   node bench/cpu-profile.ts .tmp/profile [--top 25] [--every 5]
 *
 * For each thread: its sampled time by place (a package, a folder of `src/`, a chunk of the
 * site's bundle, Node's own code, the garbage collector) and its costliest functions by their
 * own time; then, for every `--every` seconds, how busy each thread was and with what. The
 * profiler samples wall-clock time: a thread waiting for a core still counts as busy in the
 * function it was in, so the CPU seconds of `npm run bench` say how much work there was, and a
 * profile says what it was and when.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/** The parts of V8's `.cpuprofile` format read here. */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  startTime: number;
  endTime: number;
  samples: number[];
  /** Microseconds from the previous sample (the first, from `startTime`). */
  timeDeltas: number[];
}

/** Names V8 gives the samples of a thread doing no JavaScript of its own. */
const WAITING = new Set(['(idle)', '(program)']);

/**
 * The place a function belongs to: its npm package; the folder of `src/`, `bench/` or `scripts/`
 * it is in, two levels deep (`src/build/cards`); the chunk of Astro's bundle of the site
 * (`site chunk: citations`: Vite names a chunk after a module it holds, with a hash); Node's
 * module (`node:zlib`, `node:internal/fs`); `native` for C++ functions (file system calls,
 * buffers); or V8's name for what is no function (`(garbage collector)`).
 */
export function placeOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : 'native';
  const packageName = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (packageName) return packageName;
  if (url.startsWith('node:')) {
    const [first, second] = url.slice('node:'.length).split('/');
    return `node:${first === 'internal' && second ? `internal/${second}` : first}`;
  }
  if (url.startsWith('wasm://')) return 'WebAssembly';
  const chunk = /\.astro\/\.prerender\/(?:chunks\/)?([^/]+?)(?:[_.][\w-]{8})?\.mjs$/.exec(url)?.[1];
  if (chunk) return `site chunk: ${chunk}`;
  const source = /\/(src|bench|scripts)\/(.+)$/.exec(url);
  if (source?.[1] && source[2] !== undefined) return [source[1], ...source[2].split('/').slice(0, -1).slice(0, 2)].join('/');
  return url;
}

type CallFrame = CpuProfile['nodes'][number]['callFrame'];

/**
 * Each sample's call frame, with its place (`placeOf`) and the time it stands for: until the
 * next sample, as Chrome's profiler counts it.
 */
function* timedSamples(profile: CpuProfile): Generator<{ frame: CallFrame; place: string; at: number; micros: number }> {
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  let at = profile.startTime;
  for (let index = 0; index < profile.samples.length; index++) {
    at += profile.timeDeltas[index] ?? 0;
    const frame = frames.get(profile.samples[index] ?? -1);
    if (!frame) continue;
    const micros = profile.timeDeltas[index + 1] ?? Math.max(0, profile.endTime - at);
    yield { frame, place: placeOf(frame.url, frame.functionName), at, micros };
  }
}

export interface ThreadSummary {
  /** Seconds the profile spans. */
  seconds: number;
  /** Seconds doing no JavaScript of its own (`(idle)`, `(program)`). */
  waitingSeconds: number;
  /** Seconds by place (`placeOf`), costliest first, waiting left out. */
  places: [string, number][];
  /** Seconds by function, its own time only, costliest first: "name place:line". */
  functions: [string, number][];
}

const costliestFirst = (totals: Map<string, number>): [string, number][] => [...totals].sort((a, b) => b[1] - a[1]);

export function summarise(profile: CpuProfile): ThreadSummary {
  const places = new Map<string, number>();
  const functions = new Map<string, number>();
  let waiting = 0;
  for (const { frame, place, micros } of timedSamples(profile)) {
    const seconds = micros / 1e6;
    if (WAITING.has(frame.functionName)) {
      waiting += seconds;
      continue;
    }
    places.set(place, (places.get(place) ?? 0) + seconds);
    const name = `${frame.functionName || '(anonymous)'} ${frame.url === '' ? place : `${place}:${frame.lineNumber + 1}`}`;
    functions.set(name, (functions.get(name) ?? 0) + seconds);
  }
  return {
    seconds: (profile.endTime - profile.startTime) / 1e6,
    waitingSeconds: waiting,
    places: costliestFirst(places),
    functions: costliestFirst(functions),
  };
}

export interface TimelineStep {
  /** Seconds from the earliest profile's start. */
  from: number;
  /** Per profile, in the order given: the share of the step it was busy (0–1) and its costliest place then. */
  threads: { busy: number; place: string | undefined }[];
}

/** How busy each thread was in each `stepSeconds` of the run, on the clock the profiles share (a sample counts in the step it starts in). */
export function timeline(profiles: readonly CpuProfile[], stepSeconds: number): TimelineStep[] {
  if (!(stepSeconds > 0)) throw new Error('a timeline step is a positive number of seconds');
  const start = Math.min(...profiles.map((profile) => profile.startTime));
  const end = Math.max(...profiles.map((profile) => profile.endTime));
  const stepMicros = stepSeconds * 1e6;
  const stepCount = Math.max(1, Math.ceil((end - start) / stepMicros));
  const busy = profiles.map(() => Array.from({ length: stepCount }, () => new Map<string, number>()));
  profiles.forEach((profile, thread) => {
    for (const { frame, place, at, micros } of timedSamples(profile)) {
      if (WAITING.has(frame.functionName)) continue;
      const step = busy[thread]?.[Math.min(stepCount - 1, Math.floor((at - start) / stepMicros))];
      step?.set(place, (step.get(place) ?? 0) + micros);
    }
  });
  return Array.from({ length: stepCount }, (_, index) => ({
    from: index * stepSeconds,
    threads: busy.map((steps) => {
      const places = costliestFirst(steps[index] ?? new Map());
      const micros = places.reduce((total, [, value]) => total + value, 0);
      return { busy: Math.min(1, micros / stepMicros), place: places[0]?.[0] };
    }),
  }));
}

/** The `.cpuprofile` files of a folder, the main thread's (thread 0) first, then by thread and sequence. */
export function profileFiles(folder: string): string[] {
  const threadAndSequence = (name: string): [number, number] => {
    const parts = name.split('.');
    return [Number(parts.at(-3)), Number(parts.at(-2))];
  };
  return readdirSync(folder)
    .filter((name) => name.endsWith('.cpuprofile'))
    .sort((a, b) => {
      const [threadA, sequenceA] = threadAndSequence(a);
      const [threadB, sequenceB] = threadAndSequence(b);
      return threadA - threadB || sequenceA - sequenceB;
    })
    .map((name) => join(folder, name));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { top: { type: 'string', default: '25' }, every: { type: 'string', default: '5' } },
  });
  const [top, every] = [Number(values.top), Number(values.every)];
  const folder = positionals[0];
  if (!folder || !Number.isInteger(top) || top < 1 || !(every > 0)) {
    console.error('node bench/cpu-profile.ts <folder of .cpuprofile files> [--top N] [--every seconds]');
    process.exit(1);
  }
  const files = profileFiles(folder);
  if (files.length === 0) {
    console.error(`no .cpuprofile in ${folder}: run Node with --cpu-prof --cpu-prof-dir=${folder}`);
    process.exit(1);
  }
  const profiles = files.map((file) => JSON.parse(readFileSync(file, 'utf8')) as CpuProfile);
  const seconds = (value: number) => value.toFixed(2).padStart(7);
  profiles.forEach((profile, index) => {
    const summary = summarise(profile);
    console.log(`\n## thread ${index} (${files[index]}): ${summary.seconds.toFixed(1)} s, ${summary.waitingSeconds.toFixed(1)} s waiting`);
    console.log('\nby place:');
    for (const [place, value] of summary.places.slice(0, top)) console.log(`${seconds(value)}  ${place}`);
    console.log('\nby function (own time):');
    for (const [name, value] of summary.functions.slice(0, top)) console.log(`${seconds(value)}  ${name}`);
  });
  console.log(`\n## busy, every ${every} s (thread: share of the step, costliest place)`);
  for (const step of timeline(profiles, every)) {
    const threads = step.threads.map(
      ({ busy, place }, index) => `${index}: ${String(Math.round(busy * 100)).padStart(3)} % ${(place ?? '').slice(0, 28).padEnd(28)}`,
    );
    console.log(`${step.from.toFixed(0).padStart(5)} s  ${threads.join('  ')}`);
  }
}
