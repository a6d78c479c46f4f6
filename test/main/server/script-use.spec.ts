import { expect } from 'chai';
import { ScriptUse } from '../../../main/server/script-use.js';

describe('which scripts used their session or request on their last run (ScriptUse)', () => {
  it('tells unknown scripts from those that used it and those that did not', () => {
    const use = new ScriptUse();
    expect(use.unknown('a.js')).to.equal(true);
    expect(use.uses('a.js')).to.equal(false);
    use.learn('a.js', true);
    use.learn('b.js', false);
    expect([use.unknown('a.js'), use.uses('a.js'), use.unknown('b.js'), use.uses('b.js')]).to.deep.equal([
      false,
      true,
      false,
      false,
    ]);
  });

  it('remembers at most MAX_SCRIPTS_KNOWN names: a symlink loop names one file endlessly (self/a.js, self/self/a.js …)', () => {
    const use = new ScriptUse();
    for (let index = 0; index < 3 * ScriptUse.MAX_SCRIPTS_KNOWN; index++) {
      use.learn(`${'self/'.repeat(index % 5)}${index}/a.js`, true);
      expect(use.size).to.be.at.most(ScriptUse.MAX_SCRIPTS_KNOWN);
    }
  });

  it('keeps what it knows when a known script runs again at the bound', () => {
    const use = new ScriptUse();
    for (let index = 0; index < ScriptUse.MAX_SCRIPTS_KNOWN; index++) use.learn(`s${index}.js`, true);
    use.learn('s0.js', false);
    expect(use.size).to.equal(ScriptUse.MAX_SCRIPTS_KNOWN);
    expect(use.uses('s1.js')).to.equal(true);
  });
});
