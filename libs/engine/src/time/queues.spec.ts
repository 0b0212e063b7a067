import { timerJobDueAt, timerJobId } from './queues.js';

describe('timer job ids', () => {
  it('give back the due time they were made with', () => {
    const due = new Date('2026-03-02T08:15:30.125Z');
    expect(timerJobDueAt(timerJobId('0b6c2b0e-5b1a-4c1e-9d7e-4a2f1c3b5d6e', due))).toEqual(due);
  });

  it('give no time for ids they did not make', () => {
    for (const id of [
      'copy-1-0b6c2b0e-5b1a-4c1e-9d7e-4a2f1c3b5d6e',
      'timer-0b6c2b0e-5b1a-4c1e-9d7e-4a2f1c3b5d6e',
      'timer-x-1',
      'email-0b6c2b0e-5b1a-4c1e-9d7e-4a2f1c3b5d6e',
    ]) {
      expect(timerJobDueAt(id)).toBeNull();
    }
  });
});
