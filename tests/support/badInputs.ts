/**
 * Hostile input for every form of the section (the shared-devices "Bad input" requirement): empty and whitespace-only
 * values, 10 000 characters, right-to-left and zero-width characters, HTML and script injection,
 * quotes, SQL-ish strings, emoji, NUL and other control characters, each alone and in the places
 * of an otherwise ordinary email address, password or API key. Deterministic: the same list on
 * every run, so a failure names an input that can be tried again.
 */

/** Set by every injection payload below if it ever runs; it must stay undefined. */
import en from '../../locales/en/account.json'

export const PWNED = '__pwned'

export interface BadInput {
  /** Names the input in failure messages (the value itself can be 10 000 characters). */
  label: string
  value: string
}

export const atoms: readonly BadInput[] = [
  { label: 'empty', value: '' },
  { label: 'one space', value: ' ' },
  { label: 'spaces and tabs', value: ' \t  \t ' },
  { label: 'line breaks', value: '\n\r\n' },
  { label: 'no-break and ideographic spaces', value: '\u00a0\u3000' },
  { label: '10 000 letters', value: 'a'.repeat(10_000) },
  { label: '10 000 accented letters', value: 'é'.repeat(10_000) },
  { label: '10 000 angle brackets', value: '<'.repeat(10_000) },
  { label: 'right-to-left mark', value: '\u200f' },
  { label: 'right-to-left override', value: '\u202e' },
  { label: 'right-to-left override inside', value: 'user\u202emoc.elpmaxe' },
  { label: 'Arabic letter mark', value: '\u061c' },
  { label: 'zero-width space', value: '\u200b' },
  { label: 'byte order mark', value: '\ufeff' },
  { label: 'zero-width joiner', value: 'a\u200db' },
  { label: 'img onerror', value: `<img src=x onerror=window.${PWNED}=1>` },
  { label: 'script element', value: `<script>window.${PWNED}=1</script>` },
  { label: 'attribute breakout', value: `"><img src=x onerror=window.${PWNED}=1>` },
  { label: 'svg onload', value: `'><svg onload=window.${PWNED}=1>` },
  { label: 'iframe srcdoc', value: `<iframe srcdoc="<script>parent.${PWNED}=1</script>">` },
  { label: 'Vue interpolation', value: `{{ window.${PWNED} = 1 }}` },
  { label: 'template literal', value: `\${window.${PWNED}=1}` },
  { label: 'javascript: URL', value: `javascript:window.${PWNED}=1` },
  { label: 'HTML entities', value: '&lt;b&gt;&amp;&#60;' },
  { label: 'double quotes', value: '"""' },
  { label: 'single quotes', value: "'''" },
  { label: 'backticks', value: '```' },
  { label: 'SQL OR', value: "' OR '1'='1" },
  { label: 'SQL DROP', value: "'; DROP TABLE users; --" },
  { label: 'SQL comment', value: "admin'--" },
  { label: 'SQL UNION', value: '1 UNION SELECT password FROM users' },
  { label: 'emoji', value: '😀' },
  { label: 'family emoji (ZWJ sequence)', value: '👩‍👩‍👧‍👦' },
  { label: 'flag emoji', value: '🏳️‍🌈' },
  { label: 'NUL', value: '\u0000' },
  { label: 'NUL inside', value: 'a\u0000b' },
  { label: 'bell and ANSI escape', value: '\u0007\u001b[31m' },
  { label: 'Chinese', value: '用户名' },
  { label: 'Arabic', value: 'مستخدم' },
  { label: 'Hebrew', value: 'משתמש' },
  { label: 'combining accent', value: 'e\u0301' },
  { label: 'dotted capital I', value: 'İ' },
  { label: 'format specifiers', value: '%s%s%n%x' },
  { label: 'percent-encoded NUL', value: '%00' },
  { label: 'path traversal', value: '../../etc/passwd' },
  { label: 'backslashes', value: '\\\\' },
  { label: 'prototype key', value: '__proto__' },
  { label: 'JSON', value: '{"email":"x@example.com"}' }
]

export const GOOD_PASSWORD = 'Correct-Horse-42!'

/** Five email addresses per atom: alone, as the local part, inside it, as the domain, after it. */
export function badEmails(): BadInput[] {
  return atoms.flatMap(({ label, value }) => [
    { label: `email: ${label}`, value },
    { label: `email: ${label} as the local part`, value: `${value}@example.com` },
    { label: `email: ${label} inside the local part`, value: `us${value}er@example.com` },
    { label: `email: ${label} as the domain`, value: `user@${value}` },
    { label: `email: ${label} after the address`, value: `user@example.com${value}` }
  ])
}

export interface Credentials {
  label: string
  email: string
  password: string
}

/** Sign-in: every bad address with a fine password, and a fine address with every bad password. */
export function badSignIns(): Credentials[] {
  return [
    ...badEmails().map(({ label, value }) => ({ label, email: value, password: GOOD_PASSWORD })),
    ...atoms.map(({ label, value }) => ({
      label: `password: ${label}`,
      email: 'nobody-here@example.com',
      password: value
    })),
    ...atoms.map(({ label, value }) => ({
      label: `password: ${label} around a good one`,
      email: 'nobody-here@example.com',
      password: `${value}${GOOD_PASSWORD}${value}`
    }))
  ]
}

/**
 * Create account: every bad address with a password that meets every rule, and a fine address
 * with every bad password, alone and added to one that meets the rules. `freshEmail` makes the
 * fine addresses unique where a test talks to a real server.
 */
export function badSignUps(freshEmail: (n: number) => string = () => 'new-user@example.com'): Credentials[] {
  return [
    ...badEmails().map(({ label, value }) => ({ label, email: value, password: GOOD_PASSWORD })),
    ...atoms.map(({ label, value }, n) => ({
      label: `password: ${label}`,
      email: freshEmail(2 * n),
      password: value
    })),
    ...atoms.map(({ label, value }, n) => ({
      label: `password: ${label} added to a good one`,
      email: freshEmail(2 * n + 1),
      password: `Aa1!${value}`
    }))
  ]
}

const KEY_PREFIX = 'comfyui-'
const KEY_BODY_LENGTH = 64

/** Five keys per atom: alone, after the prefix, shaped like a key (72 characters), and around a key. */
export function badKeys(): BadInput[] {
  const wellFormed = `${KEY_PREFIX}${'0123456789abcdef'.repeat(4)}`
  return atoms.flatMap(({ label, value }) => [
    { label: `key: ${label}`, value },
    { label: `key: ${label} after the prefix`, value: `${KEY_PREFIX}${value}` },
    {
      label: `key: ${label} shaped like a key`,
      value: `${KEY_PREFIX}${`${value}${'f'.repeat(KEY_BODY_LENGTH)}`.slice(0, KEY_BODY_LENGTH)}`
    },
    { label: `key: ${label} before a key`, value: `${value}${wellFormed}` },
    { label: `key: ${label} after a key`, value: `${wellFormed}${value}` }
  ])
}

/** Every `step`-th item, so a slow test can try a spread of the same cases. */
export function sample<T>(items: readonly T[], size: number): T[] {
  const step = Math.max(1, Math.floor(items.length / size))
  return items.filter((_item, index) => index % step === 0).slice(0, size)
}

const messages = en.comfyAccount

/** The only answers a form may give bad input: each is a message of ours, never raw SDK text. */
export const allowedAnswers = {
  signIn: [messages.signIn.missingFields, messages.errors.invalidEmail, messages.errors.invalidCredentials],
  signUp: [
    messages.signIn.missingFields,
    messages.signUp.weak,
    messages.signUp.mismatch,
    messages.errors.invalidEmail,
    messages.errors.emailInUse
  ],
  reset: [messages.reset.missingEmail, messages.reset.sent, messages.errors.invalidEmail],
  apiKey: [...Object.values(messages.apiKey.format), messages.errors.keyRejected]
}
