// Preloaded into the server under test (releaseAfterPublish.test.ts): says on stderr, in order,
// each message the server writes (its method) and each forced collection (server/memory.ts asks
// V8's `gc` through vm.runInNewContext).
const vm = require('node:vm');
const say = (what) => process.stderr.write(`@@order ${what}\n`);
const runInNewContext = vm.runInNewContext;
vm.runInNewContext = function (code, ...rest) {
  const value = runInNewContext.call(this, code, ...rest);
  if (code !== 'gc' || typeof value !== 'function') return value;
  return (...args) => (say('gc'), value(...args));
};
const write = process.stdout.write;
process.stdout.write = function (chunk, ...rest) {
  const head = Buffer.isBuffer(chunk) ? chunk.toString('latin1', 0, 400) : String(chunk).slice(0, 400);
  const method = /"method":"([^"]+)"/.exec(head);
  if (method) say(method[1]);
  return write.call(this, chunk, ...rest);
};
