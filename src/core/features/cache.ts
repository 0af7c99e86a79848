import type { CropMode } from '../data/crop';
import type { Row } from './float16';

/**
 * Activations at a freeze boundary, one vector per image, computed once and reused by every
 * training run that shares (backbone, boundary, crop mode). Head-only training uses the pooled
 * feature as its boundary; fine-tuning moves the boundary down the backbone, which is simply
 * another key here.
 */
export class FeatureCache {
  private readonly tables = new Map<string, Map<string, Row>>();

  static key(backboneId: string, boundary: string, cropMode: CropMode): string {
    return `${backboneId}|${boundary}|${cropMode}`;
  }

  /** Key of augmented view k (0 = the plain image) at a boundary. */
  static viewKey(backboneId: string, boundary: string, cropMode: CropMode, k: number): string {
    return FeatureCache.key(backboneId, k === 0 ? boundary : `${boundary}#view${k}`, cropMode);
  }

  table(key: string): Map<string, Row> {
    let t = this.tables.get(key);
    if (!t) {
      t = new Map();
      this.tables.set(key, t);
    }
    return t;
  }

  /** Every table's key. */
  keys(): string[] {
    return [...this.tables.keys()];
  }

  /** The table under `key` if one exists (table() creates it). */
  peek(key: string): Map<string, Row> | undefined {
    return this.tables.get(key);
  }

  /** Forget one image everywhere (it was deleted or its pixels changed). */
  evict(imageId: string): void {
    for (const t of this.tables.values()) t.delete(imageId);
  }

  /**
   * Drops the tables of one backbone whose boundary matches `stale` (all of them when omitted):
   * the backbone's weights changed under them. A view suffix ('layer#view2') is stripped first.
   */
  dropWhere(backboneId: string, stale: (boundary: string) => boolean = () => true): number {
    let dropped = 0;
    for (const key of [...this.tables.keys()]) {
      const [id, boundary] = key.split('|');
      if (id === backboneId && stale(boundary.split('#')[0])) {
        this.tables.delete(key);
        dropped++;
      }
    }
    return dropped;
  }

  dropBackbone(backboneId: string): number {
    return this.dropWhere(backboneId);
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
