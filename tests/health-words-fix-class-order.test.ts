import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readDatasetDir } from '../src/core/data/dataset-dir';
import { compareNames } from '../src/core/data/name-order';
import { useProject } from '../src/state/project';

const NAMES = ['class10', 'class2', 'Zebra', 'apple', 'class1', 'b01', 'b1'];
const root = mkdtempSync(join(tmpdir(), 'class-order-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('class order', () => {
  it('numbers in names by their value, letters regardless of case, and every name in its own place', () => {
    expect([...NAMES].sort(compareNames)).toEqual(['apple', 'b01', 'b1', 'class1', 'class2', 'class10', 'Zebra']);
    expect([...NAMES].reverse().sort(compareNames)).toEqual([...NAMES].sort(compareNames));
    expect(compareNames('a', 'A')).not.toBe(0);
  });

  it('the same folder tree gets the same classes in the same order in the studio and the CLI', async () => {
    for (const name of NAMES) {
      mkdirSync(join(root, name));
      writeFileSync(join(root, name, 'x.jpg'), new Uint8Array([1, 2, 3]));
    }
    const cli = (await readDatasetDir(root)).classes;
    useProject.setState({ classes: [], adding: null, notice: null });
    await useProject
      .getState()
      .addFolders(
        new Map(NAMES.map((n) => [n, [new File([new Uint8Array([1, 2, 3])], 'x.jpg', { type: 'image/jpeg' })]])),
      );
    const studio = useProject.getState().classes.map((c) => c.name);
    expect(cli).toEqual(['apple', 'b01', 'b1', 'class1', 'class2', 'class10', 'Zebra']);
    expect(studio).toEqual(cli);
  });
});
