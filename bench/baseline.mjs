// The baseline validate is compared with: stream the file, split lines, JSON.parse each line.
// `node bench/baseline.mjs FILE`; prints the number of lines and of lines JSON.parse rejected.
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

const decoder = new StringDecoder('utf8');
let carry = '';
let lines = 0;
let rejected = 0;
const parse = (line) => {
  lines++;
  try {
    JSON.parse(line);
  } catch {
    rejected++;
  }
};
for await (const chunk of createReadStream(process.argv[2], { highWaterMark: 1 << 20 })) {
  const text = carry + decoder.write(chunk);
  let start = 0;
  for (let lf = text.indexOf('\n'); lf !== -1; lf = text.indexOf('\n', start)) {
    parse(text.slice(start, lf));
    start = lf + 1;
  }
  carry = text.slice(start);
}
carry += decoder.end();
if (carry.length > 0) parse(carry);
console.log(`${lines} lines, ${rejected} rejected by JSON.parse`);
