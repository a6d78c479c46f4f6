/**
 * The workload every target serves: the docs' Basic Usage script (examples/basic-usage.js), which
 * sets attr1 = "value1", reads it back and prints it.
 */
import { fileURLToPath } from 'node:url';

/** The examples directory the runtime serves (this file runs from build/bench/). */
export const examplesDir = fileURLToPath(new URL('../../examples/', import.meta.url));

/** The URL path of the script, used by every target so the requests are identical. */
export const basicUsagePath = '/services/js/basic-usage.js';

/** What the script answers (`response.println` ends the line). */
export const basicUsageBody = '[Attribute]: value1\n';
