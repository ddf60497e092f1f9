/*
 * A local stand-in for https://apis.google.com/js/api.js, for the demo and the browser tests only
 * (never part of the extension build). Firebase's popup sign-in talks to a hidden helper iframe
 * through `gapi.iframes`; offline the real script cannot load and sign-in fails with
 * auth/internal-error. This file implements just the calls both sides make, over postMessage:
 *
 * - the page (@firebase/auth, `_openIframe` and `BrowserPopupRedirectResolver`):
 *   `gapi.iframes.getContext().open({ where, url, attributes }, onOpen)`, then on the iframe
 *   `restyle`, `ping`, `register('authEvent', ...)`, `send('webStorageSupport', ...)`.
 *   Firebase uses an existing `window.gapi.iframes.Iframe` instead of loading the script.
 * - the Auth Emulator's helper iframe (`/emulator/auth/iframe`, served through
 *   dev/services/authEmulatorProxy.ts, which points its script tag here): `window.gapi_onload`,
 *   `gapi.load('gapi.iframes', { callback })`, `getContext().getParentIframe()`,
 *   `register('webStorageSupport', ...)` and `send('authEvent', ...)`.
 *
 * A call is `{ service, data }`; the other side answers with the list of its handlers' results,
 * as gapi does. Calls for a service nobody registered yet are held until somebody does: the
 * helper iframe sends its first authEvent before Firebase has registered its handler.
 */
;(() => {
  'use strict'

  if (window.gapi?.iframes?.Iframe) return

  const MARK = '__gapiStandin'
  let nextId = 1
  /** Every Iframe this window talks to, found by the window on the other side. */
  const peers = []

  class Iframe {
    constructor(target, origin) {
      this.target = target
      this.origin = origin
      this.handlers = new Map()
      this.held = new Map()
      this.callbacks = new Map()
      this.ready = new Promise((resolve) => (this.markReady = resolve))
      peers.push(this)
    }

    post(message) {
      this.target.postMessage({ ...message, [MARK]: true }, this.origin)
    }

    /** `handler(data)` answers calls named `service`; the filter (which iframes may call) is ignored. */
    register(service, handler) {
      this.handlers.set(service, handler)
      const waiting = this.held.get(service) ?? []
      this.held.delete(service)
      for (const call of waiting) void this.answer(call)
    }

    unregister(service) {
      this.handlers.delete(service)
    }

    /** Calls the other side's `service`; `callback` gets the list of its handlers' results. */
    send(service, data, callback) {
      const id = nextId++
      if (callback) this.callbacks.set(id, callback)
      this.post({ kind: 'call', id, service, data })
    }

    /** Resolves (and calls `callback`) once the other side has loaded this script. */
    async ping(callback) {
      await this.ready
      callback?.()
      return [true]
    }

    /** The helper iframe is hidden by its attributes; nothing to restyle. */
    async restyle() {}

    async answer(call) {
      const handler = this.handlers.get(call.service)
      if (!handler) {
        this.held.set(call.service, [...(this.held.get(call.service) ?? []), call])
        return
      }
      let results = []
      try {
        results = [await handler(call.data)]
      } catch (error) {
        console.error(`gapi stand-in: the handler for ${call.service} failed`, error)
      }
      this.post({ kind: 'reply', id: call.id, results })
    }

    receive(message) {
      if (message.kind === 'hello') {
        this.markReady()
      } else if (message.kind === 'call') {
        void this.answer(message)
      } else if (message.kind === 'reply') {
        const callback = this.callbacks.get(message.id)
        this.callbacks.delete(message.id)
        // gapi swallows what a callback throws; Firebase's webStorageSupport callback always
        // throws once it has its answer (see `_isIframeWebStorageSupported`).
        try {
          callback?.(message.results)
        } catch {
          // as above
        }
      }
    }
  }

  window.addEventListener('message', (event) => {
    const message = event.data
    if (message?.[MARK] !== true) return
    peers.find((peer) => peer.target === event.source)?.receive(message)
  })

  // Inside an iframe: the page that opened it. Created at once, so that calls arriving before the
  // iframe's own code registers its handlers are held; "hello" answers the page's ping.
  let parentIframe = null
  if (window.parent !== window) {
    parentIframe = new Iframe(window.parent, document.referrer ? new URL(document.referrer).origin : '*')
    parentIframe.markReady()
    parentIframe.post({ kind: 'hello' })
  }

  const context = {
    /** Opens `options.url` in an iframe; resolves with what `onOpen(iframe)` resolves to. */
    open(options, onOpen) {
      const element = document.createElement('iframe')
      for (const [name, value] of Object.entries(options.attributes ?? {})) {
        if (name === 'style') Object.assign(element.style, value)
        else element.setAttribute(name, value)
      }
      element.src = options.url
      ;(options.where ?? document.body).appendChild(element)
      const iframe = new Iframe(element.contentWindow, new URL(options.url, location.href).origin)
      return Promise.resolve(onOpen ? onOpen(iframe) : iframe)
    },
    getParentIframe() {
      return parentIframe
    }
  }

  window.gapi = {
    load(modules, options) {
      const callback = typeof options === 'function' ? options : options?.callback
      setTimeout(() => callback?.(), 0)
    },
    iframes: {
      Iframe,
      CROSS_ORIGIN_IFRAMES_FILTER: () => true,
      getContext: () => context
    }
  }

  // The real script calls `?onload=<name>` or `window.gapi_onload` once loaded.
  const src = document.currentScript?.src
  const onload = src ? new URL(src).searchParams.get('onload') : null
  const loaded = (onload && window[onload]) || window.gapi_onload
  if (typeof loaded === 'function') setTimeout(loaded, 0)
})()
