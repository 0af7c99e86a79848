// Checks of untrusted JSON values (a project.json, the files a project zip carries), field by field.

export const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export const isStr = (v: unknown, max = 1000): v is string => typeof v === 'string' && v.length <= max;

export const within = (x: unknown, lo: number, hi: number): x is number => typeof x === 'number' && x >= lo && x <= hi;

/** a whole number from 0 to `max` */
export const isCount = (v: unknown, max: number): v is number => Number.isInteger(v) && within(v, 0, max);
