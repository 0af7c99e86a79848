/** resolvers waiting for their message on the one channel, in order */
const waiting: (() => void)[] = [];
let channel: MessageChannel | null = null;

/**
 * Lets queued messages (a Stop from the page) run between steps. A resolved await is not
 * enough on wasm/cpu, where reads resolve as microtasks; setTimeout would add 4 ms clamps.
 * One channel serves every call: a new MessageChannel and its close per call were ~0.5 ms of the
 * page's main thread each under 4× CPU throttling, hundreds of times while a drop was added.
 */
export function yieldToEventLoop(): Promise<void> {
  if (typeof setImmediate === 'function') return new Promise((resolve) => setImmediate(resolve));
  if (!channel) {
    channel = new MessageChannel();
    // one message per call, delivered in order: each resolves the oldest waiting call
    channel.port1.onmessage = () => waiting.shift()?.();
  }
  const port = channel.port2;
  return new Promise((resolve) => {
    waiting.push(resolve);
    port.postMessage(null);
  });
}

/**
 * A task boundary for work done in slices (the health check's comparison, the feature map's PCA):
 * what queued meanwhile (a worker's other calls, a timer) runs before the next slice. Nested
 * timeouts are clamped to 4 ms a turn; a message is not.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof MessageChannel === 'undefined') return void setTimeout(resolve, 0);
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(null);
  });
}
