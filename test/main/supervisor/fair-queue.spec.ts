/**
 * The run queue is fair between scripts: round-robin across scripts, arrival order within one.
 */
import { expect } from 'chai';
import { FairQueue } from '../../../main/supervisor/fair-queue.js';

interface TestJob {
  message: { script: string };
  n: number;
}

function job(script: string, n: number): TestJob {
  return { message: { script }, n };
}

function order(queue: FairQueue<TestJob>): string[] {
  const taken: string[] = [];
  for (let next = queue.shift(); next !== undefined; next = queue.shift())
    taken.push(`${next.message.script}${next.n}`);
  return taken;
}

describe('FairQueue', () => {
  it('takes scripts in turn: a run arriving behind a backlog of another script goes second', () => {
    const queue = new FairQueue<TestJob>();
    for (let n = 1; n <= 5; n++) queue.push(job('slow', n));
    queue.push(job('fast', 1));
    queue.push(job('other', 1));
    queue.push(job('fast', 2));
    expect(queue.length).to.equal(8);
    expect(order(queue)).to.deep.equal(['slow1', 'fast1', 'other1', 'slow2', 'fast2', 'slow3', 'slow4', 'slow5']);
    expect(queue.length).to.equal(0);
  });

  it('puts runs handed back first in their script queue, in the order given', () => {
    const queue = new FairQueue<TestJob>();
    queue.push(job('a', 3));
    queue.unshift(job('a', 1), job('a', 2));
    expect(order(queue)).to.deep.equal(['a1', 'a2', 'a3']);
  });

  it('drains every waiting run', () => {
    const queue = new FairQueue<TestJob>();
    queue.push(job('a', 1));
    queue.push(job('b', 1));
    expect(queue.drain().map((taken) => taken.n)).to.have.length(2);
    expect(queue.length).to.equal(0);
    expect(queue.shift()).to.equal(undefined);
  });
});
