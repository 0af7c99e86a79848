/**
 * Lets queued messages (a Stop from the page) run between steps. A resolved await is not
 * enough on wasm/cpu, where reads resolve as microtasks; setTimeout would add 4 ms clamps.
 */
export function yieldToEventLoop(): Promise<void> {
  if (typeof setImmediate === 'function') return new Promise((resolve) => setImmediate(resolve));
  const channel = new MessageChannel();
  return new Promise((resolve) => {
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
