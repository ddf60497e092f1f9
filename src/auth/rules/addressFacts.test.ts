import { describe, expect, it } from 'vitest'

import { addressFacts } from './addressFacts'

describe('addressFacts', () => {
  it.for([
    ['http:', 'localhost', true, false],
    ['http:', '127.0.0.1', true, false],
    ['http:', '127.8.9.10', true, false],
    ['http:', '[::1]', true, false],
    ['http:', 'app.localhost', true, false],
    ['https:', 'cloud.comfy.org', true, false],
    ['http:', '192.168.1.20', false, true],
    ['https:', '192.168.1.20', false, false],
    ['http:', 'comfy.example.com', false, true],
    ['http:', '127.0.0.1.evil.test', false, true],
    ['https:', 'comfy.org.evil.test', false, false],
    ['http:', '128.0.0.1', false, true]
  ] as const)('%s//%s → oauth %s, insecure %s', ([protocol, hostname, oauth, insecure]) => {
    expect(addressFacts({ protocol, hostname })).toEqual({ oauthAvailable: oauth, insecureRemote: insecure })
  })

  it('accepts hosts the deployment has authorized itself', () => {
    expect(addressFacts({ protocol: 'https:', hostname: 'comfy.lan' }, ['comfy.lan']).oauthAvailable).toBe(
      true
    )
  })
})
