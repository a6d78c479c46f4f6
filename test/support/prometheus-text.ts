/**
 * A strict reader of the Prometheus text exposition format (version 0.0.4), for specs: it throws
 * naming the first line that breaks a rule, rather than guessing as a lenient scraper would.
 *
 * Rules checked: every line is a `# HELP`, a `# TYPE`, another comment, or a sample
 * `name{label="value",…} value`; names and label names are valid; label values use only the
 * escapes `\\`, `\"` and `\n`; each family has one HELP and one TYPE, both before its samples, and
 * its samples are together; no series appears twice; a counter is named `…_total` (a gauge named so
 * is let through: prom-client's default `nodejs_active_resources_total` is one); a histogram's
 * buckets per series come in ascending `le` order ending at `+Inf`, with cumulative counts, and its
 * `_count` equals the `+Inf` bucket, next to a `_sum`.
 */

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Family {
  name: string;
  type: string;
  help: string;
  samples: Sample[];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

/** Parses and checks `text`; throws an Error naming the line at fault. */
export function parseExposition(text: string): Map<string, Family> {
  const families = new Map<string, Family>();
  const seen = new Set<string>();
  /** The family whose samples are being read; a family's samples may not resume after another's. */
  let current: Family | undefined;
  const closed = new Set<string>();
  if (!text.endsWith('\n')) throw new Error('the exposition does not end with a line feed');
  const lines = text.slice(0, -1).split('\n');
  for (const [index, line] of lines.entries()) {
    const fail = (why: string): Error => new Error(`line ${index + 1}: ${why}: ${JSON.stringify(line)}`);
    // The format ignores empty lines (prom-client puts one between families).
    if (line === '') continue;
    if (line.startsWith('#')) {
      const match = /^# (HELP|TYPE) ([^ ]+) ?(.*)$/.exec(line);
      if (match === null) continue;
      const [, keyword, name = '', rest = ''] = match;
      if (!NAME.test(name)) throw fail('bad metric name');
      let family = families.get(name);
      if (family === undefined) {
        if (current !== undefined) closed.add(current.name);
        if (closed.has(name)) throw fail('family resumed');
        family = { name, type: '', help: '', samples: [] };
        families.set(name, family);
        current = family;
      } else if (family !== current) throw fail('HELP/TYPE away from its family');
      if (family.samples.length > 0) throw fail(`${keyword} after the family's samples`);
      if (keyword === 'HELP') {
        if (family.help !== '') throw fail('second HELP');
        if (/\\[^\\n]|\\$/.test(rest)) throw fail('bad escape in HELP');
        family.help = rest;
      } else {
        if (family.type !== '') throw fail('second TYPE');
        if (!TYPES.has(rest)) throw fail('unknown TYPE');
        family.type = rest;
      }
      continue;
    }
    const sample = parseSample(line, (why) => {
      throw fail(why);
    });
    const family = current;
    if (family === undefined || !belongs(sample.name, family)) throw fail('sample outside its family');
    if (family.type === '' || family.help === '') throw fail('sample before its HELP and TYPE');
    const key = `${sample.name}{${Object.entries(sample.labels)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join(',')}}`;
    if (seen.has(key)) throw fail('duplicate series');
    seen.add(key);
    family.samples.push(sample);
  }
  for (const family of families.values()) checkFamily(family);
  return families;
}

/** The value of the one sample `name` with exactly `labels`, or undefined. */
export function sampleValue(
  families: Map<string, Family>,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  for (const family of families.values())
    for (const sample of family.samples)
      if (sample.name === name && sameLabels(sample.labels, labels)) return sample.value;
  return undefined;
}

/** Every sample named `name`. */
export function samplesOf(families: Map<string, Family>, name: string): Sample[] {
  return [...families.values()].flatMap((family) => family.samples.filter((sample) => sample.name === name));
}

function sameLabels(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

function belongs(name: string, family: Family): boolean {
  if (name === family.name) return family.type !== 'histogram';
  if (family.type === 'histogram') return [`_bucket`, `_sum`, `_count`].some((end) => name === family.name + end);
  if (family.type === 'summary') return [`_sum`, `_count`].some((end) => name === family.name + end);
  return false;
}

function parseSample(line: string, fail: (why: string) => never): Sample {
  const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{)?/.exec(line);
  if (match === null) return fail('bad sample name');
  const name = match[1] as string;
  let at = name.length;
  const labels: Record<string, string> = {};
  if (match[2] === '{') {
    at++;
    while (line[at] !== '}') {
      const labelMatch = /^([a-zA-Z_][a-zA-Z0-9_]*)="/.exec(line.slice(at));
      if (labelMatch === null) return fail('bad label');
      const label = labelMatch[1] as string;
      if (!LABEL_NAME.test(label) || label.startsWith('__')) fail('reserved or bad label name');
      if (label in labels) fail('label repeated');
      at += labelMatch[0].length;
      let value = '';
      for (;;) {
        const char = line[at];
        if (char === undefined) return fail('unterminated label value');
        if (char === '"') break;
        if (char === '\\') {
          const next = line[at + 1];
          if (next === '\\') value += '\\';
          else if (next === '"') value += '"';
          else if (next === 'n') value += '\n';
          else fail('bad escape in a label value');
          at += 2;
        } else {
          value += char;
          at++;
        }
      }
      labels[label] = value;
      at++;
      if (line[at] === ',') at++;
      else if (line[at] !== '}') fail('labels not separated by a comma');
    }
    at++;
  }
  const rest = /^ ([^ ]+)( -?\d+)?$/.exec(line.slice(at));
  if (rest === null) return fail('bad value part');
  const text = rest[1] as string;
  const value =
    // Prometheus reads values with Go's ParseFloat, which takes NaN in any case; prom-client writes `Nan`.
    /^nan$/i.test(text)
      ? Number.NaN
      : text === '+Inf'
        ? Number.POSITIVE_INFINITY
        : text === '-Inf'
          ? -Infinity
          : Number(text);
  if (Number.isNaN(value) && !/^nan$/i.test(text)) fail('value is no number');
  return { name, labels, value };
}

function checkFamily(family: Family): void {
  const fail = (why: string): never => {
    throw new Error(`family ${family.name}: ${why}`);
  };
  if (family.type === '') fail('no TYPE');
  if (family.help === '') fail('no HELP');
  if (family.type === 'counter' && !family.name.endsWith('_total')) fail('a counter not named _total');
  if (family.type !== 'histogram') return;
  const series = new Map<string, { buckets: Array<[number, number]>; sum?: number; count?: number }>();
  for (const sample of family.samples) {
    const { le, ...rest } = sample.labels;
    const key = JSON.stringify(Object.entries(rest).sort(([a], [b]) => (a < b ? -1 : 1)));
    const entry = series.get(key) ?? { buckets: [] };
    series.set(key, entry);
    if (sample.name.endsWith('_bucket')) {
      if (le === undefined) fail('a bucket without le');
      const bound = le === '+Inf' ? Number.POSITIVE_INFINITY : Number(le);
      if (Number.isNaN(bound)) fail(`bad le ${le}`);
      entry.buckets.push([bound, sample.value]);
    } else if (le !== undefined) fail('le outside a bucket');
    else if (sample.name.endsWith('_sum')) entry.sum = sample.value;
    else entry.count = sample.value;
  }
  for (const [key, { buckets, sum, count }] of series) {
    if (buckets.length === 0 || sum === undefined || count === undefined)
      fail(`${key}: buckets, _sum or _count missing`);
    for (let index = 1; index < buckets.length; index++) {
      const [bound, value] = buckets[index] as [number, number];
      const [lower, below] = buckets[index - 1] as [number, number];
      if (!(bound > lower)) fail(`${key}: le not ascending`);
      if (value < below) fail(`${key}: bucket counts not cumulative`);
    }
    const last = buckets[buckets.length - 1] as [number, number];
    if (last[0] !== Number.POSITIVE_INFINITY) fail(`${key}: no +Inf bucket last`);
    if (last[1] !== count) fail(`${key}: _count ${count} is not the +Inf bucket ${last[1]}`);
    if (count === 0 && sum !== 0) fail(`${key}: _sum without observations`);
  }
}
