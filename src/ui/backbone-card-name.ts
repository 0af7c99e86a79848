/**
 * The name a backbone's card shows, in three parts: `shown`, then `hidden` (visually hidden, so the
 * radio is still named by the whole name, which e2e specs and speech users select it by), then
 * `after`. A remark after a comma in a name's closing parenthesis is for developers:
 * "MobileNet v1 α0.25 (graph model, @tensorflow-models/mobilenet)" shows as
 * "MobileNet v1 α0.25 (graph model)". Cutting the whole parenthesis left two cards reading
 * "MobileNet v1 α0.25", told apart only by their taglines.
 */
export function cardName(b: { name: string }): { shown: string; hidden: string; after: string } {
  const m = /^(.* \([^(),]+)(,[^()]*)(\))$/.exec(b.name);
  return m ? { shown: m[1], hidden: m[2], after: m[3] } : { shown: b.name, hidden: '', after: '' };
}
