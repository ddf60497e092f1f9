import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import type { HostDiagnostics, PromptProbe } from '@/types/hostBridge'

import { deferred, fakeAccount } from '../../../tests/support/fakeServices'
import { settle } from '../../../tests/support/sectionDom'
import { mountAccountSection } from '../mountAccountSection'

const KEY = `comfyui-${'0123456789abcdef'.repeat(4)}`

async function setup() {
  const fakes = fakeAccount()
  const { store, firebase } = fakes
  const started = store.start()
  firebase.restore()
  await started
  expect((await store.signInWithApiKey(KEY)).ok).toBe(true)
  const probe = deferred<PromptProbe>()
  const diagnostics: HostDiagnostics = {
    probePrompt: () => probe.promise,
    lastPartnerNodeFailure: () => null,
    versions: async () => ({ comfyui: '0.4.0', frontend: '1.45.0' })
  }
  const root = document.body.appendChild(document.createElement('div'))
  await mountAccountSection(root, { store, host: { locale: () => 'en', toast: vi.fn(), diagnostics } })
  await settle()
  const panel = root.querySelector<HTMLElement>('[data-testid="comfy-account-diagnostics"]')
  if (!panel) throw new Error('no diagnostics panel')
  return { ...fakes, root, panel, probe }
}

function button(panel: HTMLElement, label: string): HTMLButtonElement {
  const found = Array.from(panel.querySelectorAll('button')).find((b) => b.textContent?.trim() === label)
  if (!found) throw new Error(`no button "${label}"`)
  return found
}

const status = (panel: HTMLElement) =>
  panel.querySelector('[data-testid="comfy-account-diagnostics-status"]')?.textContent?.trim()

beforeEach(() => {
  // The anonymous probes: the API answers 401 without a credential; the page's HEAD has no COOP.
  vi.stubGlobal(
    'fetch',
    vi.fn<typeof fetch>(async (input) =>
      String(input).includes('/customers/') ? new Response(null, { status: 401 }) : new Response(null)
    )
  )
})
afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe('the setup check panel', () => {
  it('says it is checking in a status line, then lists verdicts in words and moves focus there', async () => {
    const { panel, probe } = await setup()
    const statusLine = panel.querySelector('[data-testid="comfy-account-diagnostics-status"]')
    expect(statusLine?.getAttribute('role')).toBe('status')

    button(panel, 'Check my setup').click()
    await vi.waitFor(() => expect(status(panel)).toBe('Checking your setup…'))
    expect(button(panel, 'Check again').getAttribute('aria-disabled')).toBe('true')
    probe.resolve({ carried: 'apiKey', lookup: 'ready' })

    await vi.waitFor(() => expect(status(panel)).toBe('Check finished: no problems found.'))
    const list = panel.querySelector<HTMLElement>('ul[aria-label="Findings"]')
    expect(list).not.toBeNull()
    await vi.waitFor(() => expect(document.activeElement).toBe(list))
    const verdicts = Array.from(list?.querySelectorAll('.ca-finding__verdict') ?? [], (v) => v.textContent)
    expect(verdicts).toHaveLength(9)
    expect(new Set(verdicts)).toEqual(new Set(['Fine']))
  })

  it('copies a report with the versions and no key', async () => {
    const { panel, probe } = await setup()
    const copied: string[] = []
    vi.stubGlobal('navigator', {
      ...navigator,
      clipboard: { writeText: async (text: string) => void copied.push(text) }
    })
    probe.resolve({ carried: 'none', lookup: 'ready' })
    button(panel, 'Check my setup').click()
    await vi.waitFor(() => expect(status(panel)).toBe('Check finished: see the problems below.'))

    button(panel, 'Copy report').click()
    await vi.waitFor(() => expect(panel.textContent).toContain('Report copied.'))
    const [report = ''] = copied
    expect(report).toContain('ComfyUI: 0.4.0')
    expect(report).toContain('ComfyUI frontend: 1.45.0')
    expect(report).toContain('ComfyUI-Account: 0.0.0-test')
    expect(report).toContain('[Problem] Next prompt: Another extension queues prompts without the sign-in')
    expect(report).toContain('comfyui-…cdef')
    expect(report).not.toContain(KEY)
    expect(report).not.toContain(KEY.slice(8, 40))
  })

  it('shows the report to copy by hand where the clipboard is refused', async () => {
    const { panel, probe } = await setup()
    vi.stubGlobal('navigator', { ...navigator, clipboard: undefined })
    probe.resolve({ carried: 'apiKey', lookup: 'ready' })
    button(panel, 'Check my setup').click()
    await vi.waitFor(() => expect(status(panel)).toContain('Check finished'))

    button(panel, 'Copy report').click()
    await vi.waitFor(() => expect(panel.querySelector('textarea')).not.toBeNull())
    const manual = panel.querySelector('textarea')
    expect(manual?.getAttribute('aria-label')).toBe('Setup report')
    expect(manual?.value).toContain('[Fine] Who is signed in')
    expect(document.activeElement).toBe(manual)
    expect(panel.textContent).toContain('select the report below and copy it')
  })
})
