// One formatter for the page: toLocaleString builds a new Intl formatter per call, which showed
// up as the main thread's largest self time while training re-rendered the layer map.
const integer = new Intl.NumberFormat('en-US');

/** 218544 → "218,544" */
export const fmt = (n: number) => integer.format(n);
