/**
 * `serve --require-user`, as an operator protects scripts from the command line: an explicit empty
 * prefix (`--require-user ''`) is the prefix of every script, alone or beside others, and `/` says
 * the same in the environment variable. A real server, real requests: the protected ones get 401.
 */
import path from 'node:path';
import { expect } from 'chai';
import { fixturesDir, scriptsDir } from '../../support/paths.js';
import { startServeProcess } from '../../support/serve-process.js';

/** No user at all: every request is anonymous, so a protected script always answers 401. */
const usersFile = path.join(fixturesDir, 'embedding', 'users-empty.json');

/** The status of `hello.js` (under no `admin/` prefix) from a server started with `args` and `env`. */
async function helloStatus(args: string[], env: NodeJS.ProcessEnv = {}): Promise<number> {
  const serve = await startServeProcess(scriptsDir, ['--workers', '1', '--users-file', usersFile, ...args], env);
  try {
    return (await fetch(`${serve.url}/services/js/hello.js`)).status;
  } finally {
    expect(await serve.stop()).to.equal(0);
  }
}

describe('serve --require-user (the command, real requests)', function () {
  this.timeout(60_000);

  it("--require-user '' protects every script: 401", async () => {
    expect(await helloStatus(['--require-user', ''])).to.equal(401);
  });

  it("--require-user admin/ --require-user '' protects every script, not only admin/", async () => {
    expect(await helloStatus(['--require-user', 'admin/', '--require-user', ''])).to.equal(401);
    // The control: admin/ alone leaves hello.js open.
    expect(await helloStatus(['--require-user', 'admin/'])).to.equal(200);
  });

  it('DIRIGIBLE_SESSION_REQUIRE_USER=admin/,/ protects every script as well', async () => {
    expect(await helloStatus([], { DIRIGIBLE_SESSION_REQUIRE_USER: 'admin/,/' })).to.equal(401);
  });
});
