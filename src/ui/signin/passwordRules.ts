/** The rules a new password must meet, shown live while the user types (issue: create account). */
export const passwordRules = {
  length: (p: string) => [...p].length >= 8 && [...p].length <= 32,
  upper: (p: string) => /\p{Lu}/u.test(p),
  lower: (p: string) => /\p{Ll}/u.test(p),
  digit: (p: string) => /\p{Nd}/u.test(p),
  symbol: (p: string) => /[^\p{L}\p{N}\s]/u.test(p)
} as const satisfies Record<string, (password: string) => boolean>

export type PasswordRule = keyof typeof passwordRules

export function checkPassword(password: string): Record<PasswordRule, boolean> {
  const entries = Object.entries(passwordRules).map(([rule, test]) => [rule, test(password)])
  return Object.fromEntries(entries) as Record<PasswordRule, boolean>
}

export function isStrongPassword(password: string): boolean {
  return Object.values(checkPassword(password)).every(Boolean)
}
