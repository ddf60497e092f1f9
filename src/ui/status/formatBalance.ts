/**
 * The balance as the status card shows it. `currency` is whatever the Comfy API answered
 * (docs/host-contract.md, "The Comfy API": e.g. "usd"). A code Intl accepts is shown as money in the UI language; anything
 * it rejects ("", "credits") is shown as the number and the code as sent, so an answer we did not
 * expect still renders instead of throwing on every render.
 */
export function formatBalance(amountMicros: number, currency: string, locale: string): string {
  const amount = amountMicros / 1_000_000
  const code = currency.trim()
  const locales = validLocales(locale)
  try {
    return new Intl.NumberFormat(locales, { style: 'currency', currency: code.toUpperCase() }).format(amount)
  } catch {
    // Intl throws a RangeError for a code that is not three letters.
    const number = new Intl.NumberFormat(locales, { maximumFractionDigits: 2 }).format(amount)
    return code ? `${number} ${code}` : number
  }
}

/** The locale if Intl accepts the tag, else none (the runtime's default). */
function validLocales(locale: string): string[] {
  try {
    return Intl.getCanonicalLocales(locale)
  } catch {
    return []
  }
}
