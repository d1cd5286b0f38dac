import { answerWithin } from '../../src/app/answerWithin';

const later = <T>(ms: number, value: T): Promise<T> =>
  new Promise((resolve) => setTimeout(() => resolve(value), ms));

describe('answerWithin', () => {
  it('gives the answer that comes in time', async () => {
    await expect(answerWithin(later(5, 'yes'), 1000)).resolves.toBe('yes');
  });

  it('gives undefined, never a rejection, when the work fails', async () => {
    await expect(answerWithin(Promise.reject(new Error('down')), 1000)).resolves.toBeUndefined();
  });

  it('stops waiting after the time given, while the work carries on', async () => {
    const work = later(300, 'late');
    let workDone = false;
    void work.then(() => (workDone = true));
    await expect(answerWithin(work, 20)).resolves.toBeUndefined();
    expect(workDone).toBe(false);
    await expect(work).resolves.toBe('late');
  });
});
