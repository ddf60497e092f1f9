import { describe, expect, it } from 'vitest'

import { claimSettingRow } from './claimSettingRow'

describe('claimSettingRow', () => {
  it("stretches our cell over ComfyUI's form row and hides only our row's label", () => {
    document.body.innerHTML = `
      <div class="row" id="ours"><div class="form-label"><span>Comfy Account</span></div>
        <div class="form-input"><div class="custom"><div id="root"></div></div></div></div>
      <div class="row" id="other"><div class="form-label"><span>Other</span></div>
        <div class="form-input"><input></div></div>`
    const root = document.getElementById('root') as HTMLElement
    claimSettingRow(root, 'Comfy Account')

    expect((document.querySelector('#ours .form-label') as HTMLElement).style.display).toBe('none')
    expect((document.querySelector('#ours .form-input') as HTMLElement).style.width).toBe('100%')
    expect((document.querySelector('#other .form-label') as HTMLElement).style.display).toBe('')
    expect((document.querySelector('#other .form-input') as HTMLElement).style.width).toBe('')
  })

  it('leaves a detached root alone', () => {
    const root = document.createElement('div')
    expect(() => claimSettingRow(root, 'Comfy Account')).not.toThrow()
  })
})
