/**
 * One product start for a whole e2e file: `productRun` starts the product (`npm start`, or the demo)
 * before the file's tests, opens the playgrounds they use in Chromium, and closes every playground it
 * opened and stops the product after them, whatever happened.
 */
import path from 'node:path';

import { openPlayground, type PlaygroundSession, RESULTS_DIR } from './browser';
import { type PlaygroundRole, type ProductOptions, type RunningProduct, startProduct } from './product';

export interface ProductRunOptions extends Omit<ProductOptions, 'runDir'> {
  /** Names the folder its output, data and logs are kept in: test-results/e2e-<name>-product. */
  name: string;
  /**
   * The playgrounds opened before the tests, one after another in this order unless `together`: the
   * head's first where a test needs its install event to have stored the chat the prompt is sent to.
   */
  playgrounds?: PlaygroundRole[];
  /** Opens the playgrounds all at once. */
  together?: boolean;
  /** How long each playground may take to open (openPlayground's own 30 s when not given). */
  playgroundTimeoutMs?: number;
  /** Started while the playgrounds open, once the product is ready (e.g. a playground of its own). */
  alongside?: (product: RunningProduct) => Promise<unknown>;
  /** How long the product and its playgrounds may take to start. */
  startTimeoutMs?: number;
}

export interface ProductRun {
  /** test-results/e2e-<name>-product. */
  readonly dir: string;
  product(): RunningProduct;
  /** The playgrounds opened before the tests (or by `open`), by role; reading one not open throws. */
  readonly executive: PlaygroundSession;
  readonly head: PlaygroundSession;
  readonly trustee: PlaygroundSession;
  /** Opens the role's playground now; it is closed after the file's tests with the others. */
  open(role: PlaygroundRole, timeoutMs?: number): Promise<PlaygroundSession>;
}

/** Registers the file's beforeAll and afterAll that start and stop the product and its playgrounds. */
export function productRun(options: ProductRunOptions): ProductRun {
  const {
    name,
    playgrounds = [],
    together,
    playgroundTimeoutMs,
    alongside,
    startTimeoutMs,
    ...start
  } = options;
  const dir = path.join(RESULTS_DIR, `e2e-${name}-product`);
  let product: RunningProduct | undefined;
  const sessions = new Map<PlaygroundRole, PlaygroundSession>();
  const opened: PlaygroundSession[] = [];

  const running = (): RunningProduct => {
    if (!product) throw new Error(`The product of the ${name} e2e did not start.`);
    return product;
  };
  const open = async (role: PlaygroundRole, timeoutMs = playgroundTimeoutMs): Promise<PlaygroundSession> => {
    const session = await openPlayground(
      running().playgroundUrl(role),
      timeoutMs === undefined ? {} : { timeoutMs },
    );
    // Kept as soon as it is open, so that it is closed even when another fails to open.
    opened.push(session);
    sessions.set(role, session);
    return session;
  };
  const session = (role: PlaygroundRole): PlaygroundSession => {
    const found = sessions.get(role);
    if (!found) throw new Error(`The ${role}'s playground is not open.`);
    return found;
  };

  beforeAll(async () => {
    product = await startProduct({ ...start, runDir: dir });
    const ready = product;
    const opening = together
      ? settled(playgrounds.map((role) => open(role)))
      : (async () => {
          for (const role of playgrounds) await open(role);
        })();
    await settled([opening, alongside?.(ready) ?? Promise.resolve()]);
  }, startTimeoutMs ?? 240_000);

  afterAll(async () => {
    for (const each of opened) await each.close();
    await product?.stop();
  }, 60_000);

  return {
    dir,
    product: running,
    get executive() {
      return session('executive');
    },
    get head() {
      return session('head');
    },
    get trustee() {
      return session('trustee');
    },
    open,
  };
}

/** Waits for every one of them, so none is still starting when afterAll stops the rest; throws the first failure. */
async function settled(work: Promise<unknown>[]): Promise<void> {
  const failed = (await Promise.allSettled(work)).find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
}
