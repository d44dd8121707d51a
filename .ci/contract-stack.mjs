// CI check: a failing contract test's stack names only files the package ships. Packs the package,
// unpacks it as node_modules/social-crm-connector of a temp project inside .ci/out (so its
// dependencies resolve from the repo's node_modules), runs a contract suite that must fail there, and
// checks every stack frame that points into the package at a file present in the unpacked tarball.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = path.join(root, '.ci', 'out', 'stack-check');
const pkgDir = path.join(work, 'node_modules', 'social-crm-connector');
fs.rmSync(work, { recursive: true, force: true });
fs.mkdirSync(pkgDir, { recursive: true });
const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: root, encoding: 'utf8' }).trim().split('\n').pop();
execFileSync('tar', ['-xzf', path.join(work, tarball), '-C', pkgDir, '--strip-components=1']);
fs.copyFileSync(path.join(root, '.ci', 'stack-check', 'failing.test.mjs'), path.join(work, 'failing.test.mjs'));
// Its own package.json, so `social-crm-connector` is not a self-reference to the repo but the unpacked copy.
fs.writeFileSync(path.join(work, 'package.json'), '{ "name": "stack-check", "private": true, "type": "module" }\n');

// Three ways a vendor may run it: the package external (vitest's default), inlined by vitest (which
// then applies source maps), and with Node's own source-map support.
const modes = [
  { name: 'external', config: "{ test: { include: ['failing.test.mjs'] } }" },
  { name: 'inlined', config: "{ test: { include: ['failing.test.mjs'], server: { deps: { inline: ['social-crm-connector'] } } } }" },
  { name: '--enable-source-maps', config: "{ test: { include: ['failing.test.mjs'] } }", env: { NODE_OPTIONS: '--enable-source-maps' } },
];
const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');

function failureMessages(mode) {
  fs.writeFileSync(path.join(work, 'vitest.config.mjs'), `export default ${mode.config};\n`);
  const reportPath = path.join(work, 'report.json');
  fs.rmSync(reportPath, { force: true });
  const args = [vitest, 'run', '--config', 'vitest.config.mjs', '--reporter=json', '--outputFile=report.json'];
  const run = spawnSync(process.execPath, args, { cwd: work, encoding: 'utf8', env: { ...process.env, ...mode.env } });
  if (!fs.existsSync(reportPath)) throw new Error(`${mode.name}: vitest wrote no report:\n${run.stderr}`);
  const report = JSON.parse(fs.readFileSync(reportPath, 'utf8'));
  return report.testResults.flatMap((file) => file.assertionResults.flatMap((a) => a.failureMessages ?? []));
}

const problems = [];
for (const mode of modes) {
  const messages = failureMessages(mode);
  if (messages.length === 0) {
    problems.push(`${mode.name}: the broken adapter passed the contract, so this check proves nothing`);
    continue;
  }
  const bad = new Set();
  let frames = 0;
  for (const message of messages) {
    for (const [, file] of message.matchAll(/\(?((?:file:\/\/)?\/[^\s():]+):\d+:\d+\)?/g)) {
      const absolute = file.startsWith('file://') ? fileURLToPath(file) : file;
      if (!absolute.startsWith(root)) continue;
      // Third-party frames (vitest, @vitest/expect, chai …) are theirs to ship; only our package's frames are judged.
      if (!absolute.startsWith(pkgDir + path.sep) && absolute.includes(`${path.sep}node_modules${path.sep}`)) continue;
      if (absolute === path.join(work, 'failing.test.mjs')) continue;
      frames += 1;
      if (!absolute.startsWith(pkgDir + path.sep) || !fs.existsSync(absolute)) bad.add(absolute);
    }
  }
  if (frames === 0) problems.push(`${mode.name}: no stack frame points into the package:\n${messages[0]}`);
  else if (bad.size > 0) problems.push(`${mode.name}: stack frames name files the package does not ship:\n  ${[...bad].join('\n  ')}`);
  else console.log(`contract stack check (${mode.name}): ${messages.length} failures, ${frames} frames, all in shipped files`);
}
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
