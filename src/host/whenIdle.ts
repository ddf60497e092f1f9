/** Runs `work` once the browser is idle (ComfyUI has finished starting), or soon after. */
export function whenIdle(work: () => void, timeoutMs = 3000): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(work, { timeout: timeoutMs })
  else setTimeout(work, 200)
}
