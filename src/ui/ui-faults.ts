/** Test hook (opt-in with ?fault=NAME in the page address): lets an e2e make one part of the page crash. */
export function uiFault(name: string): boolean {
  return new RegExp(`[?&]fault=${name}(&|$)`).test(globalThis.location?.search ?? '');
}
