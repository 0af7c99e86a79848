import * as tf from '@tensorflow/tfjs';

/**
 * Registers `name` with a stand-in factory that loads the backend's package only when the backend
 * is first started (setBackend, a calibration, a fallback). The package registers its own factory
 * and kernels on import, and tfjs keeps the first factory of a name: the stand-in steps aside for
 * the import, then hands over to the factory the package registered. A visit that never starts it
 * never downloads, parses or compiles it (WebGPU: ~430 KB of the worker's 2.8 MB, on every visit
 * that runs on wasm or WebGL).
 * `priority` is the package's own, so tfjs' default choice is unchanged.
 */
export function registerLazyBackend(name: string, priority: number, load: () => Promise<unknown>): void {
  const engine = tf.engine();
  let loading: Promise<unknown> | null = null;
  const standIn = async (): Promise<tf.KernelBackend> => {
    if (engine.registryFactory[name]?.factory === standIn) delete engine.registryFactory[name];
    // a failed download is asked for again at the next start (a network back, a new deploy)
    loading ??= load().catch((err: unknown) => {
      loading = null;
      throw err;
    });
    try {
      await loading;
    } catch (err) {
      restoreStandIn();
      throw new Error(`the ${name} backend's code could not be loaded: ${(err as Error).message}`);
    }
    const entry = engine.registryFactory[name];
    if (!entry || entry.factory === standIn) {
      restoreStandIn();
      // the package registers nothing where the browser lacks the API (no navigator.gpu)
      throw new Error(`the ${name} backend is not available in this browser`);
    }
    return entry.factory() as tf.KernelBackend | Promise<tf.KernelBackend>;
  };
  const restoreStandIn = () => {
    if (!engine.registryFactory[name]) tf.registerBackend(name, standIn, priority);
  };
  tf.registerBackend(name, standIn, priority);
}
