// Preloaded into benchmarked children (`node --require bench/rss.cjs ...`): at exit, the main
// thread prints the process's peak RSS (worker threads included: they share the process) and
// CPU time on stderr, for bench/run.mjs to read. Portable: process.resourceUsage() everywhere.
const { isMainThread } = require('node:worker_threads');
if (isMainThread) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    process.stderr.write(`\n@@bench ${JSON.stringify({ maxRssBytes: usage.maxRSS * 1024, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 })}\n`);
  });
}
