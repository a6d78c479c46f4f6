/**
 * flagError (main/cli/flag-error.ts) words whatever a command's parser threw as one
 * ERR_INVALID_OPTION line: parseArgs's errors, and anything else without failing itself.
 */
import { expect } from 'chai';
import { InvalidOptionError } from '../../../common/errors.js';
import { flagError } from '../../../main/cli/flag-error.js';

describe('flagError: a refused command line as one line', () => {
  it('words a thrown value that is not an Error (null, a string) instead of failing on it', () => {
    const options = { port: { type: 'string' } } as const;
    for (const thrown of [null, undefined, "Unknown option '--prot'"]) {
      const error = flagError(thrown, options);
      expect(error).to.be.instanceOf(InvalidOptionError);
      expect(error.message).to.not.include('did you mean');
    }
    expect(flagError(null, options).message).to.equal(
      'option "command line" is not understood here: null (see --help)',
    );
  });
});
