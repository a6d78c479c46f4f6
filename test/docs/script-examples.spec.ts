/**
 * The script examples of the script-API pages, run as a reader would write them: every ```js,
 * ```javascript, ```ts and ```typescript block of those pages is written to a file of its own,
 * served by the real runtime and requested over HTTP. Each must answer 2xx without a script error
 * and print what its page says (`it prints …`, `both print …`), or what `checks` below expects.
 * A block that cannot run alone has `<!-- example: not run (why) -->` right before it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { ClientResponse, CookieJarClient } from '../support/cookie-jar-client.js';
import { packageDir } from '../support/paths.js';
import { type Harness, startRuntime } from '../support/runtime-harness.js';
import { startTargetServer, type TargetServer } from '../support/target-server.js';

const PAGES = [
  'docs/http-v4-session.md',
  'docs/http-v4-request.md',
  'docs/http-v4-response.md',
  'docs/http-v3-session.md',
  'docs/http-v3-request.md',
  'docs/http-v3-response.md',
  'docs/net-http-session.md',
  'docs/net-http-request.md',
  'docs/net-http-response.md',
  'docs/sdk-http.md',
  'docs/sdk-http-session.md',
  'docs/sdk-http-request.md',
  'docs/sdk-http-response.md',
  'docs/sdk-http-decorators.md',
  'docs/sdk-http-utils.md',
  'docs/http-rs.md',
  'docs/http-upload.md',
  'docs/http-client.md',
  'docs/test-assert.md',
  'docs/security-user.md',
  'docs/log-logging.md',
  'docs/utils.md',
  'README.md',
];

interface Block {
  /** `page#n`, n counting the page's script blocks from 1. */
  id: string;
  file: string;
  code: string;
  /** Why the block is not run, from its `<!-- example: not run (why) -->`. */
  notRun: string | undefined;
  /** What the prose right after the block says it prints. */
  prints: string | undefined;
}

const FENCE = /^```(js|javascript|ts|typescript)\n([\s\S]*?)^```\n/gm;
const NOT_RUN = /<!-- example: not run \((.+)\) -->\s*$/;
/** In the paragraph right after the block. */
const PRINTS = /^(?:[^\n]|\n(?!\n))*?\b(?:it prints|both print) `([^`]+)`/;

function blocksOf(page: string): Block[] {
  const text = readFileSync(join(packageDir, page), 'utf8');
  const blocks: Block[] = [];
  for (const match of text.matchAll(FENCE)) {
    const [whole, lang = '', code = ''] = match;
    const n = blocks.length + 1;
    const before = text.slice(0, match.index);
    const after = text.slice((match.index ?? 0) + whole.length).trimStart();
    const slug = page.replace(/^docs\//, '').replace(/\.md$/, '');
    blocks.push({
      id: `${page}#${n}`,
      file: `${slug}-${n}.${lang.startsWith('t') ? 'ts' : 'js'}`,
      code,
      notRun: NOT_RUN.exec(before)?.[1],
      prints: PRINTS.exec(after)?.[1],
    });
  }
  return blocks;
}

interface Context {
  client: CookieJarClient;
  path: string;
  target: TargetServer;
  page: string;
}

/** Blocks whose page shows more than `it prints`, or that need a request of their own. */
const checks: Record<string, (c: Context) => Promise<void>> = {
  'docs/http-v4-response.md#2': async ({ client, path }) => {
    // "both send: theme=dark; Path=/; HttpOnly; SameSite=Strict"
    const response = ok(await client.get(path));
    const sent = 'theme=dark; Path=/; HttpOnly; SameSite=Strict';
    expect(response.headers.getSetCookie()).to.deep.equal([sent, sent]);
  },
  'docs/sdk-http-decorators.md#1': async ({ client, path }) => {
    const json = { 'content-type': 'application/json' };
    expect(ok(await client.get(`${path}/`)).json()).to.deep.equal([]);
    const added = await client.request(`${path}/`, { method: 'POST', headers: json, body: '{"text":"a"}' });
    expect([added.status, added.json()]).to.deep.equal([201, [{ text: 'a' }]]);
    await client.request(`${path}/`, { method: 'POST', headers: json, body: '{"text":"b"}' });
    expect(ok(await client.get(`${path}/1`)).json()).to.deep.equal({ text: 'b' });
    expect(ok(await client.get(`${path}/9`)).json()).to.equal(null);
    expect((await client.request(`${path}/`, { method: 'DELETE' })).status).to.equal(204);
    expect(ok(await client.get(`${path}/`)).json()).to.deep.equal([]);
  },
  'docs/sdk-http-utils.md#1': async ({ client, path }) => {
    // "With ?name=Ann it answers 200 with …; without it, 400 with …"
    expect(ok(await client.get(`${path}?name=Ann`)).json()).to.deep.equal({ greeting: 'Hello, Ann' });
    const refused = await client.get(path);
    expect([refused.status, refused.json()]).to.deep.equal([
      400,
      { code: 400, message: "The 'name' parameter is required" },
    ]);
  },
  'docs/http-rs.md#3': async ({ client, path, page }) => {
    expect((await client.get(`${path}/items/1`)).status).to.equal(200);
    // The page's JSON error body is this service's answer to PUT items/1.
    const shown = /^```json\n([\s\S]*?)^```$/m.exec(readFileSync(join(packageDir, page), 'utf8'))?.[1];
    const refused = await client.request(`${path}/items/1`, { method: 'PUT' });
    expect(refused.status).to.equal(405);
    expect(refused.headers.get('allow')).to.equal('GET, HEAD, DELETE, OPTIONS');
    expect(refused.json()).to.deep.equal(JSON.parse(shown ?? 'null'));
  },
  'docs/http-upload.md#1': async ({ client, path }) => {
    expect(ok(await client.get(path)).text).to.equal('Use POST request.\n');
    const posted = ok(await client.request(path, { method: 'POST', body: form() }));
    expect(posted.text).to.equal('Field Name: title\nField Text: hello\nFile Name: a.txt\nFile Bytes (as text): abc\n');
  },
  'docs/http-upload.md#2': async ({ client, path }) => {
    // "the files only"
    expect(ok(await client.request(path, { method: 'POST', body: form() })).text).to.equal('a.txt\n');
  },
  'docs/http-upload.md#3': async ({ client, path }) => {
    expect(ok(await client.get(path)).text).to.equal('Use POST request.\n');
    const posted = ok(await client.request(path, { method: 'POST', body: form() }));
    expect(posted.text).to.equal('[File Name] a.txt\n[File Data]\nabc\n');
  },
  'docs/http-client.md#1': async ({ client, path }) => {
    const echo = JSON.parse(ok(await client.get(path)).text) as { method: string };
    expect(echo.method).to.equal('GET');
  },
  'docs/http-client.md#2': async ({ client, path }) => {
    const text = ok(await client.get(path)).text;
    expect(text).to.match(/^200 /);
    const echo = JSON.parse(text.slice(4)) as { method: string; headers: Record<string, string>; body: string };
    expect(echo.method).to.equal('POST');
    expect(echo.headers.authorization).to.equal('Bearer my-token');
    expect(echo.headers['content-type']).to.equal('application/json; charset=UTF-8'); // characterEncoding's default
    expect(echo.body).to.equal('{"name":"pen"}');
  },
  'docs/test-assert.md#1': async ({ client, path }) => {
    expect(ok(await client.get(path)).text).to.equal('');
    const failed = await client.request(path, { method: 'POST' });
    expect([failed.status, failed.json<{ code: string }>().code]).to.deep.equal([500, 'ERR_ASSERTION_FAILED']);
  },
  'docs/test-assert.md#3': async ({ client, path }) => {
    expect(ok(await client.get(path)).text).to.equal('');
    const failed = await client.request(path, { method: 'POST' });
    expect(failed.json()).to.deep.equal({
      status: 500,
      error: 'AssertionError',
      code: 'ERR_ASSERTION_FAILED',
      message: 'only GET is served',
    });
  },
  'docs/security-user.md#2': async ({ client, path }) => {
    // "A request without a user … gets 403."
    expect((await client.get(path)).status).to.equal(403);
  },
  'README.md#1': async ({ client, path }) => {
    expect(ok(await client.get(path)).text).to.equal('visit 1\n');
    expect(ok(await client.get(path)).text).to.equal('visit 2\n');
  },
  'README.md#3': async ({ client, path }) => {
    const response = ok(await client.get(`${path}/items/7`));
    expect(response.headers.get('content-type')).to.equal('application/json');
    expect(response.json()).to.deep.equal({ id: '7' });
  },
};

/** The http-client examples call hosts on the internet; they are run against a local echo. */
function localTarget(block: Block, target: TargetServer): string {
  if (!block.id.startsWith('docs/http-client.md#')) return block.code;
  return block.code.replace(/https:\/\/[^'"]+/g, `${target.base}/echo`);
}

function form(): FormData {
  const body = new FormData();
  body.append('title', 'hello');
  body.append('file', new Blob(['abc'], { type: 'text/plain' }), 'a.txt');
  return body;
}

/** A 2xx answer that is not the runtime's JSON error body. */
function ok(response: ClientResponse): ClientResponse {
  expect(response.status, response.text).to.be.within(200, 299);
  expect(response.text).not.to.match(/^\{"status":\d+,"error"/);
  return response;
}

describe('script examples of the script-API pages', () => {
  const blocks = PAGES.flatMap(blocksOf);
  let root: string;
  let target: TargetServer;
  let harness: Harness;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'script-examples-'));
    target = await startTargetServer();
    for (const block of blocks)
      if (block.notRun === undefined) writeFileSync(join(root, block.file), localTarget(block, target));
    harness = await startRuntime({ root, allowedHosts: [`127.0.0.1:${target.port}`] });
  });

  after(async () => {
    await harness?.close();
    await target?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('finds the script blocks of every page, and each check names one of them', () => {
    for (const page of PAGES) expect(blocksOf(page), page).not.to.be.empty;
    const ids = new Set(blocks.map((block) => block.id));
    for (const id of Object.keys(checks)) expect(ids.has(id), id).to.equal(true);
  });

  it('runs every block but the host-side ones', () => {
    const skipped = blocks.filter((block) => block.notRun !== undefined).map((block) => block.id);
    expect(skipped).to.deep.equal(['docs/http-client.md#3', 'README.md#4']);
  });

  for (const block of blocks) {
    if (block.notRun !== undefined) continue;
    const shows = block.prints === undefined ? '' : `, prints ${block.prints}`;
    it(`${block.id} answers 2xx${shows}`, async () => {
      const client = harness.client();
      const path = `/services/js/${block.file}`;
      const check = checks[block.id];
      if (check !== undefined) await check({ client, path, target, page: block.id.replace(/#\d+$/, '') });
      else {
        const response = ok(await client.get(path));
        if (block.prints !== undefined) expect(response.text).to.equal(`${block.prints}\n`);
      }
    });
  }
});
