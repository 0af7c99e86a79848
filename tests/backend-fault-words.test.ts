import { describe, expect, it } from 'vitest';
import { isBackendFault } from '../src/core/backend-fault';
import { DatasetError } from '../src/core/data/train-val';
import { StoppedError } from '../src/core/features/extract';
import { NonFiniteLossError } from '../src/core/train/step';

describe('isBackendFault and words that contain "oom"', () => {
  it('does not take a class named like a room for an out-of-memory error', () => {
    for (const name of ['Bedroom', 'Living room', 'Mushroom', 'Zoom', 'BOOM']) {
      expect(isBackendFault(new Error(`Class "${name}" has 1 readable image: add at least 2`))).toBe(false);
    }
  });

  it('never retries the engine’s own errors on another backend', () => {
    expect(isBackendFault(new DatasetError('Class "Bedroom" has 1 readable image'))).toBe(false);
    // even when the wording would otherwise look like a GPU fault
    expect(isBackendFault(new DatasetError('"out of memory" is a class name'))).toBe(false);
    expect(isBackendFault(new NonFiniteLossError('The loss became NaN (out of memory?)'))).toBe(false);
    expect(isBackendFault(new StoppedError())).toBe(false);
    // as they arrive over a worker boundary: a plain object with the name kept
    expect(isBackendFault({ name: 'DatasetError', message: 'OOM' })).toBe(false);
  });

  it('still recognises real out-of-memory errors', () => {
    expect(isBackendFault(new Error('Aborted(OOM). Build with -sASSERTIONS for more info.'))).toBe(true);
    expect(isBackendFault(new Error('OOM when allocating tensor'))).toBe(true);
    expect(isBackendFault(new Error('Failed to allocate 1073741824 bytes: out of memory'))).toBe(true);
    expect(isBackendFault(new Error('GPUOutOfMemoryError: Not enough memory left'))).toBe(true);
    expect(isBackendFault(new Error('Out of memory'))).toBe(true);
  });
});
