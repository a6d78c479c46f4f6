/**
 * Support for the escape-resistance specs: a real runtime serving `test/fixtures/hostile` in
 * development mode (stack traces in error bodies), with a canary environment variable the workers
 * inherit and a marker path hostile scripts would write to on the host if they got out.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import type { ClientResponse } from './cookie-jar-client.js';
import { fixturesDir, packageDir } from './paths.js';
import { type Harness, startRuntime } from './runtime-harness.js';
import type { RuntimeOptions } from '../../main/server/options.js';

export const hostileDir = path.join(fixturesDir, 'hostile');
/** A value only the host knows: it must never appear in a response. */
export const canary = `canary-${process.pid}-${Date.now().toString(36)}`;

export interface HostileHarness extends Harness {
  /** Where an escaped script would write. */
  marker: string;
  /** Requests a hostile script with the marker header. */
  attack(pathAndQuery: string, init?: RequestInit): Promise<ClientResponse>;
  /** Everything a passing attack must satisfy (see the issue): nothing leaked, nothing written, still serving. */
  expectContained(response: ClientResponse): Promise<void>;
}

/** Starts a runtime on the hostile scripts; the canary is in the environment the workers inherit. */
export async function startHostileRuntime(options: Partial<RuntimeOptions> = {}): Promise<HostileHarness> {
  process.env['DIRIGIBLE_ESCAPE_CANARY'] = canary;
  const scratch = mkdtempSync(path.join(tmpdir(), 'hostile-'));
  const marker = path.join(scratch, 'escaped');
  let harness: Harness;
  try {
    harness = await startRuntime({
      root: hostileDir,
      development: true,
      timeout: 1000,
      deadline: 2000,
      memoryLimit: 32,
      ...options,
    });
  } finally {
    delete process.env['DIRIGIBLE_ESCAPE_CANARY'];
  }
  const attack = (pathAndQuery: string, init: RequestInit = {}) =>
    harness.client().request(`/services/js/${pathAndQuery}`, {
      ...init,
      headers: { 'x-escape-marker': marker, ...(init.headers as Record<string, string> | undefined) },
    });
  return {
    ...harness,
    marker,
    attack,
    async expectContained(response) {
      expect(response.text, 'an attempt reached the host').not.to.include('ESCAPED');
      for (const hostPath of new Set([process.cwd(), packageDir.replace(/\/$/, ''), hostileDir, tmpdir(), scratch])) {
        expect(response.text, `host path ${hostPath} leaked`).not.to.include(hostPath);
      }
      expect(response.text, 'an environment value leaked').not.to.include(canary);
      expect(existsSync(marker), 'a script wrote on the host').to.equal(false);
      const next = await harness.client().get('/services/js/hello.js');
      expect(next.status).to.equal(200);
      expect(next.text).to.equal('hello');
    },
    async close() {
      await harness.close();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

/** The JSON report a probe script printed (see `test/fixtures/hostile/lib/probe.js`). */
export function probeReport(response: ClientResponse): Record<string, string> {
  expect(response.status, response.text).to.equal(200);
  return response.json<Record<string, string>>();
}

/** Runs `body` once per isolation mode, each with its own runtime. */
export function forEachIsolation(
  title: string,
  body: (harness: () => HostileHarness) => void,
  options: Partial<RuntimeOptions> = {},
): void {
  for (const isolation of ['script', 'request'] as const) {
    describe(`${title} (isolation ${isolation})`, () => {
      let harness: HostileHarness;
      before(async () => {
        harness = await startHostileRuntime({ isolation, ...options });
      });
      after(() => harness.close());
      body(() => harness);
    });
  }
}
