import { describe, expect, it } from 'vitest'

import { watchUserGestures } from './userGesture'

/** An EventTarget whose events can claim to be trusted, as the browser's own input events are. */
function inputTarget() {
  const target = new EventTarget()
  const fire = (type: string, isTrusted: boolean) => {
    const event = new Event(type)
    Object.defineProperty(event, 'isTrusted', { value: isTrusted })
    target.dispatchEvent(event)
  }
  return { target, fire }
}

describe('watchUserGestures', () => {
  it('is in progress from a trusted click until the end of its task', () => {
    const { target, fire } = inputTarget()
    let endTask: () => void = () => {}
    const gesture = watchUserGestures({ target, afterTask: (done) => (endTask = done) })

    expect(gesture.inProgress()).toBe(false)
    fire('click', true)
    expect(gesture.inProgress()).toBe(true)
    endTask()
    expect(gesture.inProgress()).toBe(false)
  })

  it.for(['pointerdown', 'pointerup', 'click', 'keydown', 'keyup'])('counts a trusted %s', (type) => {
    const { target, fire } = inputTarget()
    const gesture = watchUserGestures({ target, afterTask: () => undefined })
    fire(type, true)
    expect(gesture.inProgress()).toBe(true)
  })

  it('ignores events dispatched by script, and stops listening when stopped', () => {
    const { target, fire } = inputTarget()
    const gesture = watchUserGestures({ target, afterTask: () => undefined })
    fire('click', false)
    expect(gesture.inProgress()).toBe(false)
    gesture.stop()
    fire('click', true)
    expect(gesture.inProgress()).toBe(false)
  })
})
