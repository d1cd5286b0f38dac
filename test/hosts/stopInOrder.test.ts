import { stopInOrder, type Stoppable } from '../../src/hosts/local/stopInOrder';

/** A part that takes `ms` to stop and records when it has. */
function part(name: string, stopped: string[], ms = 10, fails = false): Stoppable {
  return {
    name,
    stop: () =>
      new Promise((resolve, reject) =>
        setTimeout(() => {
          stopped.push(name);
          if (fails) reject(new Error(`${name} would not stop`));
          else resolve();
        }, ms),
      ),
  };
}

describe('stopInOrder', () => {
  it('stops the newest part first, each once, however often it is called', async () => {
    const stopped: string[] = [];
    const stop = stopInOrder(
      [part('Azurite', stopped), part('bot', stopped), part('playground', stopped)],
      () => {
        throw new Error('nothing should fail');
      },
    );
    await Promise.all([stop(), stop()]);
    await stop();
    expect(stopped).toEqual(['playground', 'bot', 'Azurite']);
  });

  it('makes a second call wait until every part has stopped (a second Ctrl-C)', async () => {
    const stopped: string[] = [];
    const stop = stopInOrder([part('Azurite', stopped, 30), part('bot', stopped, 30)], () => undefined);
    void stop();
    await stop();
    expect(stopped).toEqual(['bot', 'Azurite']);
  });

  it('reports a part that fails to stop and still stops the others', async () => {
    const stopped: string[] = [];
    const reported: string[] = [];
    const stop = stopInOrder([part('Azurite', stopped), part('bot', stopped, 10, true)], (message) =>
      reported.push(message),
    );
    await stop();
    expect(stopped).toEqual(['bot', 'Azurite']);
    expect(reported).toEqual(['Stopping bot failed:']);
  });
});
