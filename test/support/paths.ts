/** Paths of test fixtures (tests run from `build/test`, fixtures stay in `test/fixtures`). */
import { fileURLToPath } from 'node:url';

export const fixturesDir = fileURLToPath(new URL('../../../test/fixtures/', import.meta.url));
export const scriptsDir = fileURLToPath(new URL('../../../test/fixtures/scripts/', import.meta.url));
export const examplesDir = fileURLToPath(new URL('../../../examples/', import.meta.url));
export const packageDir = fileURLToPath(new URL('../../../', import.meta.url));
