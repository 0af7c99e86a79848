import type { CropMode } from '../data/preprocess';

/**
 * Activations at a freeze boundary, one vector per image, computed once and reused by every
 * training run that shares (backbone, boundary, crop mode). Head-only training uses the pooled
 * feature as its boundary; fine-tuning moves the boundary down the backbone, which is simply
 * another key here.
 */
export class FeatureCache {
  private readonly tables = new Map<string, Map<string, Float32Array>>();

  static key(backboneId: string, boundary: string, cropMode: CropMode): string {
    return `${backboneId}|${boundary}|${cropMode}`;
  }

  table(key: string): Map<string, Float32Array> {
    let t = this.tables.get(key);
    if (!t) {
      t = new Map();
      this.tables.set(key, t);
    }
    return t;
  }

  /** Forget one image everywhere (it was deleted or its pixels changed). */
  evict(imageId: string): void {
    for (const t of this.tables.values()) t.delete(imageId);
  }

  clear(): void {
    this.tables.clear();
  }

  stats(): { entries: number; bytes: number } {
    let entries = 0;
    let bytes = 0;
    for (const t of this.tables.values()) {
      for (const v of t.values()) {
        entries++;
        bytes += v.byteLength;
      }
    }
    return { entries, bytes };
  }
}
