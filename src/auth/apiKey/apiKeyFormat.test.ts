import { describe, expect, it } from 'vitest'

import { checkApiKeyFormat, maskApiKey } from './apiKeyFormat'

const valid = `comfyui-${'a1'.repeat(32)}`

describe('checkApiKeyFormat', () => {
  it.for([
    ['', ['empty']],
    ['   ', ['empty']],
    [valid, []],
    [`  ${valid}\n`, []],
    [`comfyui-${'a'.repeat(63)}`, ['length']],
    [`comfyui-${'a'.repeat(65)}`, ['length']],
    [`comfyUI-${'a'.repeat(64)}`, ['prefix']],
    [`sk-${'a'.repeat(69)}`, ['prefix']],
    ['comfyui-', ['length']],
    ['hello', ['prefix', 'length']],
    [`comfyui-${'a'.repeat(32)} ${'a'.repeat(31)}`, ['characters']],
    [`comfyui-${'é'.repeat(64)}`, ['characters']],
    [`comfyui-${'a'.repeat(63)}\u200b`, ['characters']]
  ] as const)('%j breaks %j', ([raw, problems]) => {
    const result = checkApiKeyFormat(raw)
    expect(result.ok ? [] : result.problems).toEqual(problems)
  })

  it('returns the trimmed key', () => {
    expect(checkApiKeyFormat(` ${valid} `)).toEqual({ ok: true, key: valid })
  })
})

describe('maskApiKey', () => {
  it('shows the prefix and the last four characters only', () => {
    expect(maskApiKey(`comfyui-${'0'.repeat(60)}wxyz`)).toBe('comfyui-…wxyz')
  })
})
