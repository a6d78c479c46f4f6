/**
 * Request parameters by name, each name's values in the order given: the query string's, then a
 * form body's or a multipart form's fields (request.ts).
 */

/**
 * Appends `pairs` to `parameters`, each value to its name's list in place. A name's list is made
 * once, at its first value: copying it for each further value was quadratic, so a 200 KB form body
 * repeating one name held its worker for seconds of CPU outside the script's time limit.
 *
 * @example appendParameters(new Map(), [['a', '1'], ['a', '2']]) // Map { 'a' => ['1', '2'] }
 */
export function appendParameters(
  parameters: Map<string, string[]>,
  pairs: Iterable<readonly [string, string]>,
): Map<string, string[]> {
  for (const [name, value] of pairs) {
    const values = parameters.get(name);
    if (values === undefined) parameters.set(name, [value]);
    else values.push(value);
  }
  return parameters;
}
