/**
 * Google and GitHub sign-in only work on addresses Comfy's Firebase project authorizes:
 * localhost, 127.0.0.0/8, ::1 and Comfy's own domains (docs/host-contract.md, "Firebase"). Anywhere else (a LAN box,
 * a custom domain) the popup fails with auth/unauthorized-domain, so we say so up front.
 */
export interface AddressFacts {
  /** Google/GitHub can work here. */
  oauthAvailable: boolean
  /** Plain HTTP to another machine: passwords and keys cross the network unencrypted. */
  insecureRemote: boolean
}

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/gu, '').toLowerCase()
  if (host === 'localhost' || host.endsWith('.localhost') || host === '::1') return true
  const parts = host.split('.')
  return (
    parts.length === 4 && parts[0] === '127' && parts.every((p) => /^\d{1,3}$/u.test(p) && Number(p) <= 255)
  )
}

function isComfyDomain(hostname: string): boolean {
  const host = hostname.toLowerCase()
  return host === 'comfy.org' || host.endsWith('.comfy.org')
}

export function addressFacts(
  location: Pick<Location, 'hostname' | 'protocol'>,
  extraAuthorizedHosts: readonly string[] = []
): AddressFacts {
  const local = isLoopback(location.hostname)
  const authorized =
    local ||
    isComfyDomain(location.hostname) ||
    extraAuthorizedHosts.includes(location.hostname.toLowerCase())
  return { oauthAvailable: authorized, insecureRemote: !local && location.protocol === 'http:' }
}
