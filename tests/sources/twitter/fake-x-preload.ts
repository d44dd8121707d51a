/**
 * Preload (`node --import tsx --import ./tests/sources/twitter/fake-x-preload.ts …`) that puts the
 * nock fake of X in front of a child process, so the real job runs against it: `SCC_FAKE_X` names a
 * JSON file of {@link FakeXOptions}; the requests the job sent are written to `SCC_FAKE_X_LOG` at exit.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import nock from 'nock';
import { fakeX, type FakeXOptions } from './fake-x.js';

const file = process.env['SCC_FAKE_X'];
if (file !== undefined) {
  const options = JSON.parse(readFileSync(file, 'utf8')) as FakeXOptions;
  const x = fakeX(options);
  nock.disableNetConnect(); // nothing leaves the machine, whatever the job asks
  const log = process.env['SCC_FAKE_X_LOG'];
  if (log !== undefined) process.on('exit', () => writeFileSync(log, JSON.stringify(x.requests)));
}
