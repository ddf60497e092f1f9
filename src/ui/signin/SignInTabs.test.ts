import { createApp, h, nextTick, ref } from 'vue'
import { afterEach, describe, expect, it } from 'vitest'

import SignInTabs from './SignInTabs.vue'

const unmount: Array<() => void> = []
afterEach(() => unmount.splice(0).forEach((stop) => stop()))

function mountTabs(dir: 'ltr' | 'rtl' = 'ltr') {
  const selected = ref<'account' | 'apiKey'>('account')
  const root = document.body.appendChild(document.createElement('div'))
  root.dir = dir
  const app = createApp({
    render: () =>
      h(
        SignInTabs<'account' | 'apiKey'>,
        {
          modelValue: selected.value,
          'onUpdate:modelValue': (value: 'account' | 'apiKey') => (selected.value = value),
          tabs: [
            { value: 'account', label: 'Sign in' },
            { value: 'apiKey', label: 'Comfy API key' }
          ]
        },
        { account: () => h('input', { name: 'email' }), apiKey: () => h('input', { name: 'api-key' }) }
      )
  })
  app.mount(root)
  unmount.push(() => {
    app.unmount()
    root.remove()
  })
  const tabs = () => [...root.querySelectorAll<HTMLButtonElement>('[role="tab"]')]
  const panels = () => [...root.querySelectorAll<HTMLElement>('[role="tabpanel"]')]
  const press = async (key: string) => {
    root
      .querySelector('[role="tablist"]')!
      .dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }))
    await nextTick()
  }
  return { selected, tabs, panels, press }
}

describe('the sign-in tabs', () => {
  it('follow the ARIA tabs pattern: one tab stop, each tab controls its labelled panel', () => {
    const { tabs, panels } = mountTabs()
    expect(tabs().map((tab) => [tab.getAttribute('aria-selected'), tab.tabIndex])).toEqual([
      ['true', 0],
      ['false', -1]
    ])
    tabs().forEach((tab, i) => {
      expect(tab.getAttribute('aria-controls')).toBe(panels()[i]!.id)
      expect(panels()[i]!.getAttribute('aria-labelledby')).toBe(tab.id)
    })
  })

  it.for([
    { key: 'ArrowRight', dir: 'ltr', want: 'apiKey' },
    { key: 'ArrowLeft', dir: 'ltr', want: 'apiKey' },
    { key: 'End', dir: 'ltr', want: 'apiKey' },
    { key: 'Home', dir: 'ltr', want: 'account' },
    { key: 'Enter', dir: 'ltr', want: 'account' }
  ] as const)('$key selects $want', async ({ key, dir, want }) => {
    const { selected, press } = mountTabs(dir)
    await press(key)
    expect(selected.value).toBe(want)
  })

  it('keeps the hidden panel mounted, so what was typed there stays', async () => {
    const { press, panels } = mountTabs()
    panels()[0]!.querySelector('input')!.value = 'ada@example.com'
    await press('ArrowRight')
    expect(panels()[0]!.style.display).toBe('none')
    expect(panels()[0]!.querySelector('input')!.value).toBe('ada@example.com')
  })
})
