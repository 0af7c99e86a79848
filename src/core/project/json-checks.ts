// Checks of untrusted JSON values (a project.json, the files a project zip carries), field by field.

export const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A string of at most `max` characters, counted as names are cut (core/project/record.ts fitName):
 * by code point, so a class name of 150 emoji (300 UTF-16 units) that a project keeps is not refused
 * where a zip carries it. Past twice `max` units it cannot fit, and is not spread out to count.
 */
export const isStr = (v: unknown, max = 1000): v is string =>
  typeof v === 'string' && (v.length <= max || (v.length <= 2 * max && [...v].length <= max));

export const within = (x: unknown, lo: number, hi: number): x is number => typeof x === 'number' && x >= lo && x <= hi;

/** a whole number from 0 to `max` */
export const isCount = (v: unknown, max: number): v is number => Number.isInteger(v) && within(v, 0, max);
