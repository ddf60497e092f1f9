/** The few statistics the benchmark needs. Medians, because one GC pause must not move a row. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/** Rounds for the JSON report: sub-microsecond digits are noise. */
export function round(value: number, digits = 3): number {
  const factor = 10 ** digits
  return Math.round(value * factor) / factor
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/**
 * A 95% interval for median(a) - median(b), by resampling each side with replacement: how far
 * the difference could move on another run of the same benchmark. Each side is a list of groups
 * resampled whole: samples taken in one page (its reopens) share its luck, and resampling them
 * one by one would claim more certainty than the pages give. A fixed seed keeps the report
 * reproducible from the JSON samples.
 */
export function medianDifferenceInterval(
  a: readonly (readonly number[])[],
  b: readonly (readonly number[])[],
  resamples = 2000
): [number, number] {
  if (a.length === 0 || b.length === 0) return [Number.NaN, Number.NaN]
  let seed = 0x2545f491
  const random = (): number => {
    // xorshift32: plenty for picking samples.
    seed ^= seed << 13
    seed ^= seed >>> 17
    seed ^= seed << 5
    return (seed >>> 0) / 2 ** 32
  }
  const resample = (groups: readonly (readonly number[])[]): number[] =>
    groups.flatMap(() => groups[Math.floor(random() * groups.length)]!)
  const differences = Array.from({ length: resamples }, () => median(resample(a)) - median(resample(b))).sort(
    (x, y) => x - y
  )
  return [differences[Math.floor(resamples * 0.025)]!, differences[Math.ceil(resamples * 0.975) - 1]!]
}
