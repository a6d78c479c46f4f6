/**
 * Run by `second-stop-signal.spec.ts` in a process of its own: installs `serve`'s stop-signal handlers
 * with a stop that never finishes (a shutdown still waiting for its requests), and no grace for a
 * repeat, so the second signal is the "asked twice" one. Prints `ready <pid>` once they are in,
 * and `stopping` when the first signal starts the stop.
 */
import { handleStopSignals } from '../../main/cli/stop-signals.js';

handleStopSignals(() => process.stdout.write('stopping\n'), 0);
// The shutdown in progress: it keeps the process alive until something ends it.
setInterval(() => undefined, 60_000);
process.stdout.write(`ready ${process.pid}\n`);
