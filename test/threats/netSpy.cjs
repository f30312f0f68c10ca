// Preloaded into the server (`node --require test/threats/netSpy.cjs dist/server.js --stdio`):
// reports on stderr every attempt to open a socket or resolve a name, so a test can assert that
// nothing in a dataset made the server reach the network.
const net = require('node:net');
const dns = require('node:dns');

const report = (what) => process.stderr.write(`NETSPY ${what}\n`);

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const first = args[0];
  // stdio pipes are not sockets opened by connect(); anything reaching here is a real connection.
  report(`connect ${JSON.stringify(typeof first === 'object' && first !== null ? { host: first.host, port: first.port, path: first.path } : args.slice(0, 2))}`);
  return connect.apply(this, args);
};
for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6']) {
  const original = dns[name];
  dns[name] = function (...args) {
    report(`dns.${name} ${String(args[0])}`);
    return original.apply(this, args);
  };
}
if (typeof globalThis.fetch === 'function') {
  const fetch = globalThis.fetch;
  globalThis.fetch = function (...args) {
    report(`fetch ${String(args[0])}`);
    return fetch.apply(this, args);
  };
}
