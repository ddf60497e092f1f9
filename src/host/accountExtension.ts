/**
 * The extension object ComfyUI registers. Only this folder touches `app` and `api`; the heavy
 * parts (Vue UI, Firebase, axios, vue-i18n) are imported on demand from files ComfyUI does not
 * import at start-up, and only when someone is (or may be) signed in or opens our UI.
 */
import { noteComfyUser } from '@/auth/startup/comfyUserChange'
import { hasStoredSession } from '@/auth/startup/storedSessionHint'
import { resolveConfig } from '@/config/accountConfig'
import { loadAccountMessages } from '@/i18n/startup/accountMessages'
import { resolveLocale, type SupportedLocale } from '@/i18n/startup/resolveLocale'
import type { AccountCore } from '@/store/startAccount'
import type { AccountDialogOptions } from '@/ui/dialog/showAccountDialog'
import { idleMinutesFrom } from '@/auth/startup/idleChoices'
import { ok } from '@/types/errors'

import { bootMessage } from './bootMessages'
import { hasBuiltInAccountPage, type HostApi, type HostApp, type HostExtension } from './hostTypes'
import { hostDroppedSetting, offerSidebarEntry } from './offerSidebarEntry'
import { createPartnerNodeCatalog } from './partnerNodeCatalog'
import { installPartnerNodeGuard } from './partnerNodeGuard'
import { watchPartnerNodeRuns, type PartnerRunEnd } from './partnerNodeRuns'
import { createHostBridge, IDLE_SETTING_ID } from './createHostBridge'
import { createHostDiagnostics } from './hostDiagnostics'
import { createCredentialLookup, installPromptCredentials } from './promptCredentials'
import { createFailureReporter } from './createFailureReporter'
import { createSectionRenderer } from './createSectionRenderer'
import { commandLabels, sectionName } from './hostFacingText'
import { whenIdle } from './whenIdle'

export const EXTENSION_NAME = 'ComfyUI-Account'
export const SECTION_SETTING_ID = 'ComfyAccount.Section'
export const COMMANDS = {
  signIn: 'ComfyAccount.SignIn',
  signOut: 'ComfyAccount.SignOut',
  openSettings: 'ComfyAccount.OpenSettings',
  checkSetup: 'ComfyAccount.CheckSetup'
} as const

export function createAccountExtension(app: HostApp, api: HostApi): HostExtension {
  const config = resolveConfig()
  const host = createHostBridge(app)
  const reportFailure = createFailureReporter(host)

  let core: Promise<AccountCore> | undefined
  let idle: { setMinutes(minutes: number): void } | undefined
  /** The start-up storage probe, asked once for the first paint and the store's start. */
  let probe: Promise<boolean> | undefined
  const storedSession = (): Promise<boolean> => (probe ??= hasStoredSession(config.firebase.apiKey ?? ''))
  const loadCore = (): Promise<AccountCore> =>
    (core ??= Promise.all([import('@/store/startAccount'), storedSession()])
      .then(async ([{ startAccount }, stored]) => {
        const started = startAccount(config, {
          hostHasAccountPage: hasBuiltInAccountPage(app),
          nothingStored: !stored
        })
        const { startIdleSignOut } = await import('@/store/idleSignOut')
        idle = startIdleSignOut({ store: started.store, host })
        idle.setMinutes(host.idleSignOut?.minutes() ?? 0)
        return started
      })
      .catch((error: unknown) => {
        core = undefined // a later attempt may succeed (e.g. the network is back)
        probe = undefined
        throw error
      }))
  /**
   * On a shared (`--multi-user`) server, a Comfy session left by the previous ComfyUI user is
   * closed before anything can use it: every credential lookup waits for this, and until the page
   * reloads, a credential ComfyUI fills in itself must be the one we would send.
   */
  let userSwitch: Promise<void> | undefined
  let userChangedThisLoad = false
  async function closePreviousUsersSession(): Promise<void> {
    const firebaseApiKey = config.firebase.apiKey ?? ''
    // Storage first, before our Firebase instance starts, and a few times over the first
    // seconds: ComfyUI's own instance may still be moving the session between IndexedDB and
    // localStorage, when it can be in neither for a moment (docs/host-contract.md, "Firebase").
    const { nudgeHostSession, wipeStoredSessions } = await import('@/auth/firebase/wipeStoredSessions')
    let closed = false
    for (const wait of [0, 250, 750, 2000]) {
      await new Promise((resolve) => setTimeout(resolve, wait))
      closed = (await wipeStoredSessions(firebaseApiKey)) || closed
    }
    const { store, restored } = await loadCore()
    await restored
    if (!closed && !store.isSignedIn) return
    await store.signOut()
    // Never rejects; the toast need not wait for it.
    void nudgeHostSession(firebaseApiKey)
    host.toast({
      severity: 'info',
      summary: await translate('comfyAccount.status.previousUserSignedOut'),
      life: 8000
    })
  }
  /** The restored store, or `undefined` when nobody can be signed in on this device. */
  async function restoredCore(): Promise<AccountCore | undefined> {
    await userSwitch
    if (!core && !(await hasStoredSession(config.firebase.apiKey ?? ''))) return undefined
    const loaded = await loadCore()
    await loaded.restored
    return loaded
  }
  const translate = async (key: string): Promise<string> => {
    const { translate } = await import('@/i18n/translate')
    return translate(host.locale(), key)
  }

  async function showDialog(options: Omit<AccountDialogOptions, 'store' | 'host'> = {}) {
    const [{ store }, { showAccountDialog }] = await Promise.all([
      loadCore(),
      import('@/ui/dialog/showAccountDialog')
    ])
    return showAccountDialog({ store, host, ...options })
  }

  /** The section's first state in plain DOM (src/ui/firstPaint/), or undefined: Vue draws it then. */
  async function paintFirst(root: HTMLElement, locale: SupportedLocale) {
    try {
      const stored = storedSession()
      const { showFirstPaint } = await import('@/ui/firstPaint/showFirstPaint')
      return await showFirstPaint(root, { locale, stored: await stored })
    } catch {
      return undefined // the loading text stays until Vue draws the section
    }
  }

  const renderSection = createSectionRenderer({
    locale: host.locale,
    loadingText: () => bootMessage('loading', host.locale()),
    failedText: () => bootMessage('sectionLoadFailed', host.locale()),
    reloadText: () => bootMessage('loadFailedDetail', host.locale()),
    retryText: () => bootMessage('retry', host.locale()),
    onError: reportFailure,
    async mount(root) {
      const locale = resolveLocale(host.locale())
      // Our strings download alongside the code rather than after it; the section reports failures.
      loadAccountMessages(locale).catch(() => undefined)
      // A fresh store draws the section as the first paint does; a used one may not (a draft, a tab).
      // The paint comes before our big chunks load: parsing them holds the page's only thread.
      const firstPaint = core ? undefined : await paintFirst(root, locale)
      const [{ store }, { mountAccountSection }] = await Promise.all([
        loadCore(),
        import('@/ui/mountAccountSection')
      ])
      return mountAccountSection(root, { store, host, firstPaint })
    }
  })

  /**
   * A partner-node run ended (how is already in the host's failure record, `noteRunEnd`): for
   * someone who may be signed in, the store reads the balance once. A 402 or 401 is explained in
   * our dialog, unless the host has its own account page: that one shows its own top-up or
   * sign-in dialog for exactly these failures (docs/host-contract.md, "Run events"). Nobody
   * signed in on this device: nothing of ours loads.
   */
  function afterPartnerRun(run: PartnerRunEnd): void {
    const explain = run.outcome === 'paymentRequired' || run.outcome === 'unauthorized'
    restoredCore()
      .then(async (loaded) => {
        if (!loaded) return
        const { store } = loaded
        store.partnerRunEnded(run.promptId)
        // A run without a credential (signed out, or a token that could not be had) went out after
        // our question said these nodes would fail: its 401 is no news.
        if (!explain || !run.carriedCredential || hasBuiltInAccountPage(app)) return
        await showDialog({
          runFailure: run.outcome === 'paymentRequired' ? 'paymentRequired' : 'unauthorized',
          partnerNodes: run.failedNode ? [run.failedNode] : []
        })
      })
      .catch(reportFailure)
  }

  // Never two "User" entries: on hosts with their own account page ours is "Comfy Account".
  const navLabel = hasBuiltInAccountPage(app) ? 'Comfy Account' : 'User'

  function setup(): void {
    if (noteComfyUser(api.user ?? '') !== null) {
      userChangedThisLoad = true
      userSwitch = closePreviousUsersSession().catch(reportFailure)
    }
    if (hostDroppedSetting(app, SECTION_SETTING_ID)) {
      offerSidebarEntry(app, {
        id: 'comfy-account',
        icon: 'pi pi-user',
        title: sectionName,
        tooltip: sectionName,
        type: 'custom',
        render: (container) => container.append(renderSection('Comfy Account', () => {}, ''))
      })
    }
    // One bounded lookup for both: the guard's answer for a click on Run and each prompt's agree.
    const lookup = createCredentialLookup({
      async credential() {
        try {
          const loaded = await restoredCore()
          return loaded ? loaded.credentials.current() : ok(null)
        } catch (error) {
          // Our failure must not stop the prompt; it simply goes out without our credential.
          reportFailure(error)
          return ok(null)
        }
      }
    })
    const diagnostics = createHostDiagnostics({ api, lookup })
    host.diagnostics = diagnostics
    const catalog = createPartnerNodeCatalog(api)
    const runs = watchPartnerNodeRuns({
      api,
      catalog,
      onEnd: (run) => {
        diagnostics.noteRunEnd(run)
        afterPartnerRun(run)
      },
      onError: reportFailure
    })
    installPromptCredentials({
      api,
      lookup,
      distrustHost: () => userChangedThisLoad,
      onQueued: runs.noteQueued
    })
    installPartnerNodeGuard({
      app,
      catalog,
      lookup,
      // Asked only once the lookup found a credential, so the store is loaded and restored.
      credits: {
        knownToPay: async () => (await loadCore()).store.creditsKnownToPay(),
        forRun: async () => (await loadCore()).store.creditsForRun()
      },
      async ask(partnerNodes, rerun, reason, focusedBefore) {
        const outcome = await showDialog({ partnerNodes, rerun, reason, returnFocusTo: focusedBefore })
        return outcome === 'runAnyway' ? 'runAnyway' : 'handled'
      },
      onError: reportFailure
    })
    // Keep a stored session fresh (tokens, other tabs, a re-check of a stored key), but only
    // once ComfyUI has finished starting.
    whenIdle(() => {
      restoredCore().catch(reportFailure)
    })
  }

  return {
    name: EXTENSION_NAME,
    settings: [
      // Hidden: the choice is a control in our status card. As a row of its own, ComfyUI would
      // mount a PrimeVue Select for it on every open of the dialog (README: Performance), and
      // show it to signed-out users, whom it does not concern.
      {
        id: IDLE_SETTING_ID,
        name: 'Sign out after inactivity',
        category: [navLabel, 'Comfy Account', 'Idle sign-out'],
        type: 'hidden',
        defaultValue: 0,
        onChange: (minutes) => idle?.setMinutes(idleMinutesFrom(minutes))
      },
      {
        id: SECTION_SETTING_ID,
        name: sectionName,
        category: [navLabel, 'Comfy Account', 'Account'],
        // 1.4x puts the group with the highest sortOrder first in a nav entry that other
        // extensions may share (docs/host-contract.md, "Order inside a nav entry").
        sortOrder: 100,
        type: renderSection,
        defaultValue: ''
      }
    ],
    commands: [
      {
        id: COMMANDS.signIn,
        label: commandLabels.signIn,
        icon: 'pi pi-sign-in',
        function: () => showDialog().then(() => undefined, reportFailure)
      },
      {
        id: COMMANDS.openSettings,
        label: commandLabels.openSettings,
        icon: 'pi pi-user',
        function: () => showDialog().then(() => undefined, reportFailure)
      },
      {
        id: COMMANDS.checkSetup,
        label: commandLabels.checkSetup,
        icon: 'pi pi-wrench',
        function: () => showDialog({ checkSetup: true }).then(() => undefined, reportFailure)
      },
      {
        id: COMMANDS.signOut,
        label: commandLabels.signOut,
        icon: 'pi pi-sign-out',
        function: () =>
          loadCore()
            .then(async ({ store, restored }) => {
              await restored
              await store.signOut()
              host.toast({
                severity: 'info',
                summary: await translate('comfyAccount.status.signedOut'),
                life: 3000
              })
            })
            .catch(reportFailure)
      }
    ],
    aboutPageBadges: [
      {
        label: `ComfyUI-Account v${__COMFY_ACCOUNT_VERSION__}`,
        url: 'https://github.com/comfyui-account/ComfyUI-Account',
        icon: 'pi pi-user'
      }
    ],
    setup
  }
}
