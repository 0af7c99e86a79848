import { describe, expect, it } from 'vitest';
import { BackendLostError, isBackendFault, nextBackend } from '../src/core/backend-fault';

describe('isBackendFault', () => {
  it('recognises lost devices and contexts, missing kernels and out-of-memory errors', () => {
    expect(isBackendFault(new BackendLostError('webgl', 'context lost'))).toBe(true);
    expect(
      isBackendFault(
        new Error("Failed to execute 'mapAsync' on 'GPUBuffer': The Device was lost before mapping was resolved."),
      ),
    ).toBe(true);
    expect(isBackendFault(new Error('WebGL context lost'))).toBe(true);
    // tfjs' own wording for a kernel a backend lacks
    expect(isBackendFault(new Error("Kernel 'Conv2DBackpropFilter' not registered for backend 'wasm'"))).toBe(true);
    expect(isBackendFault(new Error('Failed to allocate 1073741824 bytes: out of memory'))).toBe(true);
  });

  it('leaves errors that would happen on any backend alone', () => {
    expect(isBackendFault(new Error('The loss became NaN in epoch 3'))).toBe(false);
    expect(isBackendFault(new Error('Add at least 2 images to "cats"'))).toBe(false);
    expect(isBackendFault('stopped')).toBe(false);
  });
});

describe('nextBackend', () => {
  it('walks webgpu → webgl → wasm → cpu, skipping failed and unavailable ones', () => {
    expect(nextBackend(['webgpu'], ['webgpu', 'webgl', 'wasm', 'cpu'])).toBe('webgl');
    expect(nextBackend(['webgpu', 'webgl'], ['webgpu', 'webgl', 'wasm', 'cpu'])).toBe('wasm');
    expect(nextBackend(['webgl'], ['webgl', 'cpu'])).toBe('cpu');
    expect(nextBackend(['wasm', 'cpu'], ['wasm', 'cpu'])).toBeNull();
    // never back up the order: webgpu was passed over when webgl was in use
    expect(nextBackend(['webgl'], ['webgpu', 'webgl', 'wasm', 'cpu'])).toBe('wasm');
    expect(nextBackend(['cpu'], ['webgpu', 'webgl', 'wasm', 'cpu'])).toBeNull();
  });
});
