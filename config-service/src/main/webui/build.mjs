// Copies the dashboard into the jar: pages to <out>/segfold-ui/ (served by UiRoutes only), the
// pages' scripts and the pinned libraries (from node_modules, installed by `npm ci` from
// package-lock.json) to <out>/META-INF/resources/ui/assets/, and the licence of every package the
// libraries contain to assets/licenses/. Nothing is fetched at run time: the pages work offline.
// Usage: node build.mjs <output folder>   (Maven passes target/classes)
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const out = process.argv[2];
if (!out) {
  console.error('usage: node build.mjs <output folder>');
  process.exit(2);
}
const pages = join(out, 'segfold-ui');
const assets = join(out, 'META-INF', 'resources', 'ui', 'assets');
rmSync(pages, { recursive: true, force: true });
rmSync(assets, { recursive: true, force: true });
mkdirSync(pages, { recursive: true });
mkdirSync(join(assets, 'vendor'), { recursive: true });
mkdirSync(join(assets, 'licenses'), { recursive: true });

for (const f of readdirSync('pages')) cpSync(join('pages', f), join(pages, f));
for (const f of readdirSync('src')) cpSync(join('src', f), join(assets, f));

// The browser builds of the two libraries: uPlot's IIFE (global uPlot), NiiVue's UMD (global
// niivue, its dependencies inlined).
const vendor = {
  'node_modules/uplot/dist/uPlot.iife.min.js': 'uPlot.iife.min.js',
  'node_modules/uplot/dist/uPlot.min.css': 'uPlot.min.css',
  'node_modules/@niivue/niivue/dist/niivue.umd.js': 'niivue.umd.js',
};
for (const [from, to] of Object.entries(vendor)) {
  if (!existsSync(from)) {
    console.error(`${from} is missing: run npm ci first`);
    process.exit(1);
  }
  cpSync(from, join(assets, 'vendor', to));
}

// Licences: every runtime package of the lock file (what the two builds contain), not the
// optional build-tool binaries npm may add for this platform.
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const notice = ['Third-party software in the Segfold dashboard (config-service /ui/assets/vendor)', ''];
for (const [path, meta] of Object.entries(lock.packages)) {
  if (!path || meta.dev || meta.optional) continue;
  const name = path.replace(/^.*node_modules\//, '');
  const file = name.replace('/', '__') + '.txt';
  const dir = path;
  const shipped = existsSync(dir) ? readdirSync(dir).find(f => /^(licen[cs]e|copying)/i.test(f)) : undefined;
  let text;
  if (shipped) {
    text = readFileSync(join(dir, shipped), 'utf8');
  } else if (existsSync(join('licenses', file))) {
    text = readFileSync(join('licenses', file), 'utf8');
  } else {
    console.error(`${name} ${meta.version} (${meta.license}) ships no licence file and licenses/${file} is missing`);
    process.exit(1);
  }
  writeFileSync(join(assets, 'licenses', file), text);
  notice.push(`${name} ${meta.version}  ${meta.license}  licenses/${file}`);
}
writeFileSync(join(assets, 'licenses', 'THIRD-PARTY.txt'), notice.join('\n') + '\n');
console.log(`webui: ${readdirSync(pages).length} pages, ${notice.length - 2} licences -> ${out}`);
