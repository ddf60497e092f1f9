// Which ComfyUI frontend the playground imitates where the two we test against differ (settings
// dialog layout and row order, when the host's API-key store starts; docs/host-contract.md, "Settings dialog").
// `?hostVersion=1.24|1.45` wins and is remembered for later reloads, like `?builtinUser=`.

export const HOST_VERSIONS = ['1.24', '1.45'] as const
export type HostVersion = (typeof HOST_VERSIONS)[number]

const VERSION_KEY = 'playground.hostVersion'

function isHostVersion(value: string | null): value is HostVersion {
  return (HOST_VERSIONS as readonly (string | null)[]).includes(value)
}

/** 1.24 unless asked otherwise: the browser tests were written against that host's shape. */
export function readHostVersion(): HostVersion {
  const param = new URLSearchParams(location.search).get('hostVersion')
  if (isHostVersion(param)) localStorage.setItem(VERSION_KEY, param)
  const stored = localStorage.getItem(VERSION_KEY)
  return isHostVersion(stored) ? stored : '1.24'
}
