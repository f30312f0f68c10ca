// Eval scoring throughput: compareCalls (parse both argument strings, json.dumps-style text,
// difflib ratio) over N generated expected/predicted pairs, seeded. `--pairs 100000`.
// Prints one JSON line: {"pairs", "seconds", "pairsPerSecond", "ratioPairsPerSecond", the same
// per CPU second, and "ratioMemoHits" (ratios answered by core/eval/pairMemo.ts)}. The pairs
// are nearly all distinct texts (2,645 of 100,000 repeat a pair still in the memo), so the figure
// is of scoring work, not of looking repeats up.
// bench/run.mjs runs it bundled by esbuild, as the CLI's code runs.
import { parseArgs } from 'node:util';
import { compareCalls, ratioMemoHits } from '../core/eval/metrics.ts';
import { mulberry32 } from '../core/random.ts';
import { sequenceRatio } from '../core/eval/difflib.ts';

const { values } = parseArgs({ options: { pairs: { type: 'string', default: '100000' } } });
const count = Number(values.pairs);
// (An LCG computed in doubles lost its low bits here and gave only ~2,600 distinct texts.)
const random = mulberry32(7);
const pick = <T,>(list: T[]) => list[Math.floor(random() * list.length)];
const CITIES = ['Paris', 'London', 'San Francisco', 'Tokyo', 'New York', 'Berlin', 'Zürich', 'São Paulo'];
const args = () => JSON.stringify({
  city: pick(CITIES),
  unit: random() < 0.5 ? 'celsius' : 'fahrenheit',
  days: Math.floor(random() * 10),
  include_hourly: random() < 0.5,
  query: `weather forecast ${Math.floor(random() * 1000)}`,
});
const cases = Array.from({ length: count }, () => {
  const expected = args();
  // A third identical (the common case for a good model), the rest different.
  return [expected, random() < 0.33 ? expected : args()] as const;
});

for (let i = 0; i < Math.min(count, 5000); i++) compareCalls({ name: 'f', arguments: cases[i][0] }, { name: 'f', arguments: cases[i][1] }); // warm-up
// Wall and CPU time of this thread: on a shared machine the CPU figure is the steadier one.
const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
};
let t0 = performance.now();
let c0 = process.cpuUsage();
for (const [a, b] of cases) compareCalls({ name: 'get_weather', arguments: a }, { name: 'get_weather', arguments: b });
const seconds = (performance.now() - t0) / 1000;
const cpu = cpuSeconds(c0);
const hits = ratioMemoHits();
t0 = performance.now();
c0 = process.cpuUsage();
for (const [a, b] of cases) sequenceRatio(a, b);
const ratioSeconds = (performance.now() - t0) / 1000;
const ratioCpu = cpuSeconds(c0);
console.log(JSON.stringify({ pairs: count, seconds, pairsPerSecond: count / seconds, ratioPairsPerSecond: count / ratioSeconds, pairsPerCpuSecond: count / cpu, ratioPairsPerCpuSecond: count / ratioCpu, ratioMemoHits: hits }));
