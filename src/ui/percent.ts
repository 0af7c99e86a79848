/** A fraction as the results show it: one decimal place ("83.3%"). */
export const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
