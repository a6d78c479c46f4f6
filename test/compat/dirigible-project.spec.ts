/**
 * A multi-file Dirigible 10 project, in the shapes of Dirigible's application templates
 * (template-application-rest/api/*.ts, template-application-dao/dao/*.ts): a decorated
 * controller importing its DAO by project-root path and its utilities relatively, with and
 * without extensions, an `export default` class with static methods, `import * as`, re-exports
 * (`export *`, `export { a as b }`, a folder's `index.ts`), two modules importing each other, a
 * config module, top-level await, a CommonJS helper, and module state shared by every importer
 * for one request. Also: `import "./x.js"` of a TypeScript file, what `import.meta` and dynamic
 * `import()` give, and an edit three imports deep served on the next request.
 */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { startRuntime, type Harness } from '../support/runtime-harness.js';

const files: Record<string, string> = {
  'shop/lib/state.js': 'let n = 0;\nexport const counter = { bump() { n++; }, get value() { return n; } };\n',
  'shop/lib/version.ts': 'export const VERSION: string = "v1";\n',
  'shop/lib/utils.ts': 'export function upper(s: string): string { return s.toUpperCase(); }\n',
  'shop/lib/index.ts':
    'export * from "./utils";\nexport { VERSION as version } from "./version.js";\nexport { counter as shared } from "./state.js";\nexport { default as DaoClass } from "shop/dao/Dao";\n',
  'shop/dao/Dao.ts': [
    'import { counter } from "../lib/state";',
    'export interface Item { id: number; name: string }',
    'export default class Dao {',
    '  private readonly items: Item[] = [{ id: 1, name: "apple" }];',
    '  public static create(): Dao { counter.bump(); return new Dao(); }',
    '  public find(id: number): Item | undefined { return this.items.find((i) => i.id === id); }',
    '}',
  ].join('\n'),
  'shop/cfg/config.js': 'export default { name: "shop", limits: { max: 10 } };\nexport const env = "dev";\n',
  'shop/cyc/a.js': 'import { b } from "./b.js";\nexport const A = "A";\nexport function a() { return "a" + b(); }\n',
  'shop/cyc/b.js': 'import { A } from "./a.js";\nexport function b() { return "b" + A; }\n',
  'shop/legacy/helper.js': 'module.exports = { greet: (n) => "hi " + n };\n',
  'shop/legacy/text.ts': 'exports.upper = (s: string): string => s.toUpperCase();\n',
  'shop/legacy/uses-ts.js': 'require("http/v4/response").print(require("./text.js").upper("cjs"));\n',
  'shop/api/ItemService.ts': [
    'import { Controller, Get, response } from "sdk/http";',
    'import Dao from "shop/dao/Dao";',
    'import * as utils from "../lib/utils.js";',
    'import { version, shared, DaoClass } from "shop/lib";',
    'import config, { env } from "shop/cfg/config.js";',
    'import { a } from "../cyc/a";',
    'import legacy, { greet } from "../legacy/helper";',
    'const boot = await Promise.resolve("booted");',
    '@Controller',
    'class ItemService {',
    '  private readonly dao = Dao.create();',
    '  @Get("/info")',
    '  info() {',
    '    return { upper: utils.upper("x"), version, count: shared.value, same: DaoClass === Dao,',
    '      config, env, cycle: a(), greet: greet("esm"), legacy: typeof legacy, boot };',
    '  }',
    '  @Get("/:id")',
    '  one(_: unknown, ctx: { pathParameters: { id: string } }) {',
    '    const item = this.dao.find(Number(ctx.pathParameters.id));',
    '    if (item === undefined) response.setStatus(404);',
    '    return item ?? { message: "not found" };',
    '  }',
    '}',
  ].join('\n'),
  'shop/api/meta.js':
    'import { response } from "sdk/http";\nresponse.print(JSON.stringify({ keys: Object.keys(import.meta), url: import.meta.url ?? null }));\n',
  'shop/api/dynamic.js':
    'import { response } from "sdk/http";\nawait import("shop/lib/utils");\nresponse.print("loaded");\n',
};

let edits = 0;
/** Writes `file` under `root` and moves its modification time forward by a minute per edit. */
function write(root: string, file: string, source: string): void {
  const target = path.join(root, file);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, source);
  const time = new Date(Date.now() + ++edits * 60_000);
  utimesSync(target, time, time);
}

describe('a multi-file Dirigible 10 project (ES modules and TypeScript importing each other)', () => {
  let root: string;
  let harness: Harness;
  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'dirigible-project-'));
    for (const [file, source] of Object.entries(files)) write(root, file, source);
    harness = await startRuntime({ root });
  });
  after(async () => {
    await harness.close();
    rmSync(root, { recursive: true, force: true });
  });

  const get = (script: string) => harness.client().get(`/services/ts/shop/${script}`);

  it('the controller reaches every module shape; shared state is one instance per request', async () => {
    for (let request = 0; request < 2; request++) {
      const response = await get('api/ItemService.ts/info');
      expect(response.status, response.text).to.equal(200);
      expect(response.json()).to.deep.equal({
        upper: 'X',
        version: 'v1',
        count: 1,
        same: true,
        config: { name: 'shop', limits: { max: 10 } },
        env: 'dev',
        cycle: 'abA',
        greet: 'hi esm',
        legacy: 'object',
        boot: 'booted',
      });
    }
    expect((await get('api/ItemService.ts/1')).json()).to.deep.equal({ id: 1, name: 'apple' });
    expect((await get('api/ItemService.ts/9')).status).to.equal(404);
  });

  it('"./x.js" names the TypeScript file x.ts when there is no x.js, for import and require()', async () => {
    expect((await get('legacy/uses-ts.js')).text).to.equal('CJS');
  });

  it('import.meta is an empty object; dynamic import() is refused with "Not supported"', async () => {
    expect((await get('api/meta.js')).json()).to.deep.equal({ keys: [], url: null });
    const refused = await get('api/dynamic.js');
    expect(refused.status).to.equal(500);
    expect(refused.json()).to.deep.include({ error: 'Error', message: 'Not supported' });
  });

  it('an edit three imports deep (controller → index.ts → version.ts) is served on the next request', async () => {
    write(root, 'shop/lib/version.ts', 'export const VERSION: string = "v2";\n');
    expect((await get('api/ItemService.ts/info')).json()).to.deep.include({ version: 'v2' });
    write(root, 'shop/dao/Dao.ts', files['shop/dao/Dao.ts']?.replace('"apple"', '"quince"') ?? '');
    expect((await get('api/ItemService.ts/1')).json()).to.deep.equal({ id: 1, name: 'quince' });
  });
});
