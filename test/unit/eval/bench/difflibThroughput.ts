// Throughput of sequenceRatio on typical short argument JSON (~100 chars), and of
// the whole compareCalls (parse + dumps + ratio). Not a test: run by hand with
//   node --import tsx test/unit/eval/bench/difflibThroughput.ts
import { sequenceRatio } from '../../../../core/eval/difflib.ts';
import { compareCalls } from '../../../../core/eval/metrics.ts';

const cities = ['Paris', 'London', 'San Francisco', 'Tokyo', 'New York', 'Berlin'];
let seed = 1;
const rnd = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const args = (): string =>
  JSON.stringify({
    city: cities[Math.floor(rnd() * cities.length)],
    unit: rnd() < 0.5 ? 'celsius' : 'fahrenheit',
    days: Math.floor(rnd() * 10),
    include_hourly: rnd() < 0.5,
    query: `weather forecast ${Math.floor(rnd() * 1000)}`,
  })
    .replace(/,"/g, ', "')
    .replace(/":/g, '": ');
const pairs = Array.from({ length: 2000 }, () => [args(), args()] as const);
const meanLength = pairs.reduce((n, [a, b]) => n + a.length + b.length, 0) / (2 * pairs.length);

function measure(label: string, n: number, run: (a: string, b: string) => unknown): void {
  for (const [a, b] of pairs) run(a, b); // warm up
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) run(pairs[i % pairs.length][0], pairs[i % pairs.length][1]);
  const wall = (performance.now() - t0) / 1000;
  const used = process.cpuUsage(cpu0);
  const cpu = (used.user + used.system) / 1e6;
  console.log(`${label}: ${Math.round(n / wall)} pairs/s wall, ${Math.round(n / cpu)} pairs/s cpu`);
}

console.log(`mean length ${meanLength.toFixed(0)} chars, all pairs distinct (equal strings take a fast path)`);
measure('sequenceRatio', 300_000, (a, b) => sequenceRatio(a, b));
measure('compareCalls', 100_000, (a, b) => compareCalls({ name: 'f', arguments: a }, { name: 'f', arguments: b }));
