/**
 * Prints rows as a plain-text table: requests per second, p99 latency, and the ratio of each row
 * to the baseline row of its group (e.g. dirigible-session / express-session).
 */
import type { Row } from './row.js';

/** `rps / baseline rps` of the row's group, or undefined when the group has no baseline. */
export function ratioToBaseline(row: Row, rows: readonly Row[]): number | undefined {
  const baseline = rows.find((candidate) => candidate.group === row.group && candidate.baseline);
  if (baseline === undefined || baseline.requestsPerSecond === 0) return undefined;
  return row.requestsPerSecond / baseline.requestsPerSecond;
}

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** The table as text, one line per row under a header, groups in the order they first appear. */
export function formatTable(rows: readonly Row[]): string {
  const header = ['scenario', 'target', 'req/s', 'p99 ms', 'ratio', 'failures'];
  const groups = [...new Set(rows.map((row) => row.group))];
  const ordered = groups.flatMap((group) => rows.filter((row) => row.group === group));
  const lines = ordered.map((row) => {
    const ratio = ratioToBaseline(row, rows);
    return [
      row.group,
      row.target + (row.baseline ? ' (baseline)' : ''),
      integer.format(row.requestsPerSecond),
      row.latencyP99.toFixed(1),
      ratio === undefined ? '-' : `${ratio.toFixed(2)}x`,
      String(row.failures),
    ];
  });
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((line) => (line[column] ?? '').length)),
  );
  const numeric = new Set([2, 3, 4, 5]);
  const render = (cells: string[]) =>
    cells
      .map((cell, column) =>
        numeric.has(column) ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0),
      )
      .join('  ');
  return [render(header), widths.map((width) => '-'.repeat(width)).join('  '), ...lines.map(render)].join('\n');
}
