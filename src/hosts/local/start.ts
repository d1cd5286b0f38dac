/**
 * `npm start`: brings up the whole product locally — Azurite, the bot, its scheduler and queue
 * worker, the demo roster, and one Agents Playground per role to talk to it — and stops all of it on
 * Ctrl-C. `npm start -- --in-memory` keeps nothing on disk.
 */
import { existsSync } from 'node:fs';

import { loadLocalSettings } from '../../config';
import { startLocalProduct } from './localProduct';
import { stopInOrder, type Stoppable } from './stopInOrder';

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const running: Stoppable[] = [];
  const stopParts = stopInOrder(running, (message, error) => console.error(message, error));
  const stopAll = async (code: number): Promise<never> => {
    await stopParts();
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  try {
    const product = await startLocalProduct({
      settings: loadLocalSettings(process.env, process.argv),
      env: process.env,
      clock: () => new Date(),
      running,
    });
    console.log(product.readyLines().join('\n'));
  } catch (error) {
    console.error(error instanceof Error ? `\nCould not start: ${error.message}` : error);
    await stopAll(1);
  }
}

void main();
