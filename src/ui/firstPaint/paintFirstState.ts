/**
 * The section's first state in plain DOM, drawn while our Vue app, the store and Firebase are still
 * loading (README: Performance). It is the same markup the Vue components render for that state,
 * so when Vue takes over (takeOver.ts) nothing on screen moves; paintFirstState.test.ts compares
 * the two in every language. Only the two states a fresh page can open in are drawn here: the
 * sign-in form when nothing is stored, and "checking" when a session may be.
 */
import { iconPaths, type IconName } from '../icons/iconPaths'
import { injectStyles } from '../injectStyles'

export type Messages = Record<string, unknown>

export interface FirstPaintOptions {
  /** The language's messages, and English for keys it lacks. */
  messages: Messages
  fallback: Messages
  dir: 'ltr' | 'rtl'
  /** A session may be stored: say so, instead of a form that might vanish a moment later. */
  restoring: boolean
}

type Child = Node | string

/** The text of a message: a plain string in tests, vue-i18n's precompiled form in builds. */
function plainText(message: unknown): string | undefined {
  if (typeof message === 'string') return message
  const body = (message as { b?: { s?: unknown }; body?: { static?: unknown } } | undefined) ?? {}
  const text = body.b?.s ?? body.body?.static
  return typeof text === 'string' ? text : undefined
}

function lookup(messages: Messages, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Messages | undefined)?.[part], messages)
}

function el(tag: string, attrs: Record<string, string>, ...children: Child[]): HTMLElement {
  const element = document.createElement(tag)
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, value)
  element.append(...children)
  return element
}

function icon(name: IconName): SVGElement {
  const ns = 'http://www.w3.org/2000/svg'
  const svg = document.createElementNS(ns, 'svg')
  const attrs = {
    class: 'ca-icon',
    viewBox: '0 0 24 24',
    width: '16',
    height: '16',
    'aria-hidden': 'true',
    focusable: 'false'
  }
  for (const [attr, value] of Object.entries(attrs)) svg.setAttribute(attr, value)
  const path = document.createElementNS(ns, 'path')
  path.setAttribute('d', iconPaths[name])
  path.setAttribute('fill', 'currentColor')
  svg.append(path)
  return svg
}

/**
 * Draws the first state into `root`. Returns the drawn section, or undefined when a message is
 * missing (then the loading text stays and Vue draws the section when it is ready).
 */
export function paintFirstState(root: HTMLElement, options: FirstPaintOptions): HTMLElement | undefined {
  const missing: string[] = []
  const t = (key: string): string => {
    const text = plainText(lookup(options.messages, key)) ?? plainText(lookup(options.fallback, key))
    if (text === undefined) missing.push(key)
    return text ?? ''
  }
  const section = el(
    'section',
    {
      class: 'comfy-account',
      dir: options.dir,
      'aria-label': t('comfyAccount.title'),
      'aria-busy': String(options.restoring),
      // Tells the drawing apart from Vue's (and tests wait for Vue's): the markup is otherwise the same.
      'data-first-paint': ''
    },
    ...(options.restoring
      ? [el('p', { class: 'ca-muted', role: 'status' }, t('comfyAccount.restoring'))]
      : [signInPanel(t), setupCheck(t)])
  )
  if (missing.length > 0) return undefined
  injectStyles(root.ownerDocument)
  root.removeAttribute('role')
  root.replaceChildren(section)
  return section
}

/** SignInPanel.vue, signed out, on its first tab, at an address where every way to sign in works. */
function signInPanel(t: (key: string) => string): HTMLElement {
  const tab = (value: string, label: string, selected: boolean) =>
    el(
      'button',
      {
        id: `v-0-tab-${value}`,
        type: 'button',
        role: 'tab',
        class: 'ca-tab',
        'aria-selected': String(selected),
        'aria-controls': `v-0-panel-${value}`,
        tabindex: selected ? '0' : '-1'
      },
      label
    )
  const panel = (value: string, ...children: Child[]) =>
    el(
      'div',
      {
        id: `v-0-panel-${value}`,
        role: 'tabpanel',
        class: 'ca-panel',
        'aria-labelledby': `v-0-tab-${value}`
      },
      ...children
    )
  const provider = (name: 'google' | 'github') =>
    el(
      'button',
      { type: 'button', class: 'ca-button ca-button--wide' },
      icon(name),
      el('span', {}, t(`comfyAccount.oauth.${name}`))
    )
  const field = (label: string, attrs: Record<string, string>) =>
    el(
      'label',
      { class: 'ca-field' },
      el('span', { class: 'ca-label' }, label),
      el('input', { class: 'ca-input', ...attrs, required: '' })
    )
  const link = (label: string) => el('button', { type: 'button', class: 'ca-link' }, label)

  const apiKeyPanel = panel('apiKey')
  apiKeyPanel.style.display = 'none'
  const remember = el('input', { type: 'checkbox', name: 'remember' }) as HTMLInputElement
  remember.checked = true

  return el(
    'div',
    { class: 'ca-panel' },
    el(
      'div',
      { class: 'ca-tabs' },
      el(
        'div',
        { class: 'ca-tablist', role: 'tablist' },
        tab('account', t('comfyAccount.signIn.tabAccount'), true),
        tab('apiKey', t('comfyAccount.apiKey.tab'), false)
      ),
      el(
        'div',
        { class: 'ca-tabpanels' },
        panel(
          'account',
          el(
            'div',
            { class: 'ca-oauth' },
            el('div', { class: 'ca-actions' }, provider('google'), provider('github'))
          ),
          el('p', { class: 'ca-divider', role: 'separator' }, t('comfyAccount.signIn.or')),
          el(
            'form',
            { class: 'ca-form', novalidate: '' },
            field(t('comfyAccount.signIn.email'), {
              type: 'email',
              name: 'email',
              autocomplete: 'username',
              inputmode: 'email',
              spellcheck: 'false',
              maxlength: '254'
            }),
            field(t('comfyAccount.signIn.password'), {
              type: 'password',
              name: 'password',
              autocomplete: 'current-password'
            }),
            el(
              'div',
              { class: 'ca-actions' },
              el(
                'button',
                { type: 'submit', class: 'ca-button ca-button--primary' },
                t('comfyAccount.signIn.submit')
              ),
              link(t('comfyAccount.signIn.forgotPassword'))
            ),
            el(
              'p',
              { class: 'ca-muted' },
              `${t('comfyAccount.signIn.noAccount')} `,
              link(t('comfyAccount.signIn.createAccount'))
            )
          )
        ),
        apiKeyPanel
      )
    ),
    el(
      'div',
      { class: 'ca-remember' },
      el('label', { class: 'ca-check' }, remember, el('span', {}, t('comfyAccount.signIn.remember'))),
      el('p', { class: 'ca-hint' }, t('comfyAccount.signIn.securityTip'))
    ),
    troubleHelp(t, link)
  )
}

/** TroubleHelp.vue: a disclosure button whose list is drawn only while open. */
function troubleHelp(t: (key: string) => string, link: (text: string) => HTMLElement): HTMLElement {
  const toggle = el(
    'button',
    { type: 'button', class: 'ca-link ca-help-toggle', 'aria-expanded': 'false' },
    t('comfyAccount.help.title')
  )
  const help = el('div', { class: 'ca-help' }, toggle)
  toggle.addEventListener('click', () => {
    const open = toggle.getAttribute('aria-expanded') !== 'true'
    toggle.setAttribute('aria-expanded', String(open))
    if (!open) {
      help.querySelector('ul')?.remove()
      return
    }
    help.append(
      el(
        'ul',
        {},
        ...['checkAddress', 'capsLock', 'verifyEmail', 'allowPopups', 'otherBrowser'].map((key) =>
          el('li', {}, t(`comfyAccount.help.${key}`))
        ),
        el('li', {}, link(t('comfyAccount.help.useApiKey'))),
        el(
          'li',
          {},
          el(
            'a',
            { href: 'https://support.comfy.org', target: '_blank', rel: 'noopener noreferrer' },
            t('comfyAccount.help.contactSupport')
          )
        )
      )
    )
  })
  return help
}

/** DiagnosticsPanel.vue before its check has run. */
function setupCheck(t: (key: string) => string): HTMLElement {
  return el(
    'section',
    { class: 'ca-diagnostics', 'aria-labelledby': 'v-4', 'data-testid': 'comfy-account-diagnostics' },
    el('h3', { id: 'v-4', class: 'ca-diagnostics__title' }, t('comfyAccount.diagnostics.title')),
    el('p', { class: 'ca-muted' }, t('comfyAccount.diagnostics.intro')),
    el(
      'div',
      { class: 'ca-actions' },
      el('button', { type: 'button', class: 'ca-button' }, t('comfyAccount.diagnostics.run'))
    ),
    el('p', {
      class: 'ca-diagnostics__status',
      role: 'status',
      'data-testid': 'comfy-account-diagnostics-status'
    })
  )
}
