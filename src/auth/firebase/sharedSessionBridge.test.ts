import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { startSharedSessionBridge, type SharedSessionBridge } from './sharedSessionBridge'

const key = 'firebase:authUser:k:[DEFAULT]'
let bridge: SharedSessionBridge | undefined
const events: StorageEvent[] = []
const dispatch = (event: StorageEvent) => events.push(event)

beforeEach(() => {
  vi.useFakeTimers()
  localStorage.clear()
  events.length = 0
})
afterEach(() => {
  bridge?.stop()
  vi.useRealTimers()
})

describe('sharedSessionBridge', () => {
  it('tells this page within half a second when the other SDK copy signs in or out', () => {
    const ended = vi.fn()
    bridge = startSharedSessionBridge({ key, dispatch, onEndedElsewhere: ended })

    localStorage.setItem(key, '{"uid":"a"}')
    vi.advanceTimersByTime(500)
    expect(events.map((e) => [e.key, e.oldValue, e.newValue])).toEqual([[key, null, '{"uid":"a"}']])
    expect(ended).not.toHaveBeenCalled()

    localStorage.removeItem(key)
    vi.advanceTimersByTime(500)
    expect(events.at(-1)?.newValue).toBeNull()
    expect(ended).toHaveBeenCalledTimes(1)
  })

  it('announces our own change at once, without reporting it as ended elsewhere', () => {
    localStorage.setItem(key, '{"uid":"a"}')
    const ended = vi.fn()
    bridge = startSharedSessionBridge({ key, dispatch, onEndedElsewhere: ended })
    localStorage.removeItem(key)
    bridge.announce()
    expect(events).toHaveLength(1)
    vi.advanceTimersByTime(2000)
    expect(events).toHaveLength(1)
    expect(ended).not.toHaveBeenCalled()
  })

  it('stays quiet while nothing changes, and ignores other keys', () => {
    bridge = startSharedSessionBridge({ key, dispatch })
    localStorage.setItem('something-else', '1')
    vi.advanceTimersByTime(5000)
    expect(events).toEqual([])
  })
})
