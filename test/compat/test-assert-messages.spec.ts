/**
 * test/assert's messages as Dirigible's module (components/api/api-test, test/assert.js) words
 * them: the script's message alone when it gave one (`message || "Assertion '<name>' failed"`),
 * nothing after the name for assertNull, and values written as `'' + value` writes them.
 */
import { expect } from 'chai';
import { startRuntime, type Harness } from '../support/runtime-harness.js';

interface Thrown {
  name: string;
  code: string;
  message: string;
}

describe('test/assert: the messages of Dirigible', () => {
  let harness: Harness;
  let report: Record<string, Thrown | 'passed'>;
  before(async () => {
    harness = await startRuntime();
    const response = await harness.client().get('/services/js/assert/messages.js');
    expect(response.status).to.equal(200);
    report = response.json<Record<string, Thrown | 'passed'>>();
  });
  after(() => harness.close());

  const message = (name: string) => (report[name] as Thrown).message;

  it("a script's message is the whole message, as Dirigible throws it", () => {
    expect(report['trueWithMessage']).to.deep.equal({
      name: 'AssertionError',
      code: 'ERR_ASSERTION_FAILED',
      message: 'cart is empty',
    });
    expect(message('falseWithMessage')).to.equal('cart is full');
    expect(message('equalsWithMessage')).to.equal('wrong letter');
    expect(message('numberMessage')).to.equal('42');
  });

  it("an empty message counts as none (Dirigible's `message || ...`)", () => {
    expect(message('emptyMessage')).to.equal("Assertion 'assertTrue' failed");
  });

  it('assertNull and assertNotNull say only their name; assertEquals the two values', () => {
    expect(message('nullWithoutMessage')).to.equal("Assertion 'assertNull' failed");
    expect(message('notNullWithoutMessage')).to.equal("Assertion 'assertNotNull' failed");
    expect(message('equalsWithoutMessage')).to.equal("Assertion 'assertEquals' failed - expected: '2', but found: '2'");
  });

  it("values are written as Dirigible's string concatenation writes them (valueOf first)", () => {
    expect(message('equalsValueOf')).to.equal("Assertion 'assertEquals' failed - expected: '8', but found: '7'");
  });
});
