/**
 * The view-model of "Check my setup": runs the check, turns its findings into sentences in the UI
 * language, and writes the plain-text report a user can paste into a support request. The report
 * is built only from those sentences (the email and key already masked), so it holds no secret.
 */
import { computed, ref, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'

import { findingsOf, type DiagnosisFacts, type Finding, type Verdict } from '@/auth/rules/diagnosisRules'

import { formatBalance } from '../status/formatBalance'
import { useViewStore } from '../useAccountView'
import { useHost } from '../useHost'

const NS = 'comfyAccount.diagnostics'

export interface ShownFinding {
  id: Finding['id']
  verdict: Verdict
  /** "Fine", "Problem", "Cannot tell": the verdict in words, never colour alone. */
  verdictLabel: string
  /** What the finding is about ("Comfy API"). */
  title: string
  sentence: string
  /** The one thing to do, or null when there is nothing. */
  todo: string | null
}

export type CheckState = 'idle' | 'running' | 'done' | 'failed'

export function useDiagnostics() {
  const store = useViewStore()
  const host = useHost()
  const { t, locale } = useI18n()

  const state = ref<CheckState>('idle')
  const facts = shallowRef<DiagnosisFacts | null>(null)

  const dateTime = (at: number) =>
    new Intl.DateTimeFormat(locale.value, { dateStyle: 'medium', timeStyle: 'short' }).format(at)
  const time = (at: number) => new Intl.DateTimeFormat(locale.value, { timeStyle: 'short' }).format(at)

  function paramsOf({ params }: Finding): Record<string, string | number> {
    const shown: Record<string, string | number> = {}
    if (params.host !== undefined) shown.host = params.host
    if (params.email !== undefined) shown.email = params.email
    if (params.key !== undefined) shown.key = params.key
    if (params.origin !== undefined) shown.origin = params.origin
    if (params.minutes !== undefined) shown.minutes = params.minutes
    if (params.method !== undefined) shown.method = t(`comfyAccount.method.${params.method}`)
    if (params.since !== undefined) shown.since = dateTime(params.since)
    if (params.at !== undefined) shown.at = time(params.at)
    if (params.amount !== undefined) {
      shown.amount = formatBalance(params.amount.amountMicros, params.amount.currency, locale.value)
    }
    return shown
  }

  const findings = computed<ShownFinding[]>(() =>
    facts.value
      ? findingsOf(facts.value).map((found) => {
          const params = paramsOf(found)
          const base = `${NS}.${found.id}`
          return {
            id: found.id,
            verdict: found.verdict,
            verdictLabel: t(`${NS}.verdict.${found.verdict}`),
            title: t(`${base}.title`),
            sentence: t(`${base}.${found.case}`, params),
            todo: found.todo ? t(`${base}.${found.case}Do`, params) : null
          }
        })
      : []
  )
  const problems = computed(() => findings.value.filter((found) => found.verdict === 'problem').length)
  const summary = computed(() => {
    if (state.value === 'running') return t(`${NS}.running`)
    if (state.value === 'failed') return t(`${NS}.failed`)
    if (state.value !== 'done') return ''
    return t(problems.value === 0 ? `${NS}.doneFine` : `${NS}.doneProblems`)
  })

  /** Runs the check; a second click while one runs waits for that one. */
  let running: Promise<void> | undefined
  function run(): Promise<void> {
    running ??= (async () => {
      state.value = 'running'
      try {
        facts.value = await store.checkSetup(host.diagnostics)
        state.value = 'done'
      } catch (error) {
        console.error('[ComfyUI-Account] the setup check failed', error)
        state.value = 'failed'
      } finally {
        running = undefined
      }
    })()
    return running
  }

  /** The report for a support request or a forum post: versions, browser, findings, no secret. */
  async function report(): Promise<string> {
    const checked = facts.value
    if (!checked) return ''
    const versions = (await host.diagnostics?.versions().catch(() => null)) ?? {
      comfyui: null,
      frontend: null
    }
    const unknown = t(`${NS}.report.unknown`)
    const lines = [
      t(`${NS}.report.title`),
      `${t(`${NS}.report.checkedAt`)}: ${dateTime(checked.checkedAt)}`,
      `ComfyUI: ${versions.comfyui ?? unknown}`,
      `${t(`${NS}.report.frontend`)}: ${versions.frontend ?? unknown}`,
      `ComfyUI-Account: ${__COMFY_ACCOUNT_VERSION__}`,
      `${t(`${NS}.report.browser`)}: ${navigator.userAgent}`,
      ''
    ]
    for (const found of findings.value) {
      lines.push(`[${found.verdictLabel}] ${found.title}: ${found.sentence}`)
      if (found.todo) lines.push(`    ${t(`${NS}.todo`)} ${found.todo}`)
    }
    return lines.join('\n')
  }

  return { state, findings, problems, summary, run, report }
}
