/**
 * What a stopped worker's stderr says about why it stopped, for the log. Node ends its report of an
 * uncaught error with its own version (`Node.js v20.20.2`), which says nothing; the cause is the
 * error's message: its first line (`Error: Cannot find module './out/isolated_vm'` when isolated-vm
 * was installed without its native build, `TypeError [ERR_…]: …`) and the lines of the message that
 * follow it (the one about a native module built for another Node runs over five), up to the stack.
 */

/** The first line of an error as Node prints it: `Error: …`, `RangeError [ERR_…]: …`, `Uncaught …Exception: …`. */
const ERROR_LINE = /^(?:Uncaught )?(?:[A-Z][\w$]*)?(?:Error|Exception)(?: \[[\w.]+\])?: /;
/** Where an error's message ends: its stack, the next block, or Node's `Require stack:` list. */
const MESSAGE_END = /^(?:\s+at |\s*$|Require stack:|\s*\{$)/;
/** Lines Node adds that never name a cause. */
const NOISE = /^(?:Node\.js v\d|\(Use `node --trace-)/;

/**
 * The cause `stderr` (a worker's last few kilobytes of it) gives, on one line: the message of the
 * last error printed there, else its last line that says something; `''` when there is none.
 */
export function stderrCause(stderr: string): string {
  const lines = stderr.split('\n').map((line) => line.trimEnd());
  let start = -1;
  for (let i = lines.length - 1; i >= 0 && start < 0; i--) if (ERROR_LINE.test(lines[i] ?? '')) start = i;
  if (start < 0)
    return (
      [...lines]
        .reverse()
        .find((line) => line.trim() !== '' && !NOISE.test(line))
        ?.trim() ?? ''
    );
  const message = [lines[start] ?? ''];
  for (const line of lines.slice(start + 1)) {
    if (MESSAGE_END.test(line)) break;
    message.push(line.trim());
  }
  return message.join(' ');
}
