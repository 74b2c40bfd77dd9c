// Times one peer library on FILE the way `whosaid bench` times whosaid: two
// warm-up runs, then runs until SECONDS have passed (at least 3), median.
// Prints one JSON line like whosaid's.
//
//   node bench/peers.mjs compromise|wink FILE [SECONDS]
import { readFileSync } from 'node:fs';

const [lib, file, secondsArg] = process.argv.slice(2);
const text = readFileSync(file, 'utf8');
const seconds = Number(secondsArg || 3);

let annotate;
if (lib === 'compromise') {
  const nlp = (await import('compromise')).default;
  // what whosaid marks: people, places, organizations and quotations
  annotate = (t) => {
    const doc = nlp(t);
    return doc.people().out('array').length + doc.places().out('array').length +
           doc.organizations().out('array').length + doc.quotations().out('array').length;
  };
} else if (lib === 'wink') {
  const winkNLP = (await import('wink-nlp')).default;
  const model = (await import('wink-eng-lite-web-model')).default;
  const nlp = winkNLP(model);
  const its = nlp.its;
  // tokens, entities and part-of-speech (the lite model has no person/org/place)
  annotate = (t) => {
    const doc = nlp.readDoc(t);
    return doc.tokens().out().length + doc.entities().out().length + doc.tokens().out(its.pos).length;
  };
} else {
  console.error('usage: node bench/peers.mjs compromise|wink FILE [SECONDS]');
  process.exit(1);
}

let checksum = 0;
for (let i = 0; i < 2; ++i) checksum += annotate(text);  // warm-up (JIT)
const runs = [];
const start = performance.now();
while ((performance.now() - start) / 1000 < seconds || runs.length < 3) {
  const t0 = performance.now();
  checksum += annotate(text);
  runs.push((performance.now() - t0) / 1000);
}
runs.sort((a, b) => a - b);
const median = runs[runs.length >> 1];
const bytes = Buffer.byteLength(text);
console.log(JSON.stringify({ bytes, runs: runs.length, median_s: +median.toFixed(6), best_s: +runs[0].toFixed(6),
                             mb_per_s: +(bytes / 1e6 / median).toFixed(2), checksum }));
