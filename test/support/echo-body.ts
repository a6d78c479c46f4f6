/**
 * The embedding specs' look at a request body from inside a script: test/fixtures/embedding/
 * echo-body.js answers with the body as the request module shows it, and an upload form to post.
 */
import { expect } from 'chai';

/** What echo-body.js answers. */
export interface EchoedBody {
  text: string;
  json: unknown;
  parameters: Record<string, string[]>;
  contentLength: number;
}

/** Posts `body` (with `type` as its Content-Type, if given) to echo-body.js under `base`; it must answer 200. */
export async function postToEchoBody(
  base: string,
  type: string | undefined,
  body: string | Uint8Array,
): Promise<EchoedBody> {
  const response = await fetch(`${base}/services/js/echo-body.js`, {
    method: 'POST',
    headers: type === undefined ? {} : { 'content-type': type },
    body,
  });
  expect(response.status).to.equal(200);
  return (await response.json()) as EchoedBody;
}

/** A multipart form with a field `title` ("hello") and a file `file` (a.txt, "file body"). */
export function uploadForm(): FormData {
  const body = new FormData();
  body.append('title', 'hello');
  body.append('file', new Blob(['file body']), 'a.txt');
  return body;
}
