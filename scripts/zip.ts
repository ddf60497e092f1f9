/**
 * A minimal ZIP writer (PKWARE APPNOTE 6.3), so packaging needs neither an npm package nor the
 * `zip` CLI. Enough for a release archive: deflate or store, UTF-8 names, no ZIP64 (so under
 * 65 535 entries and 4 GiB), no encryption.
 *
 * Every entry gets the same fixed timestamp and mode 0644, so the same inputs always give the same
 * bytes (a release can be rebuilt and compared).
 */
import { deflateRawSync } from 'node:zlib'

export interface ZipEntry {
  /** Path inside the archive, `/`-separated, no leading slash. */
  name: string
  data: Buffer
}

const crcTable = new Uint32Array(256).map((_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c
})

export function crc32(data: Uint8Array): number {
  let c = 0xffffffff
  for (const byte of data) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

// 1980-01-01 00:00:00, the earliest MS-DOS date: the timestamp says nothing, by design.
const DOS_TIME = 0
const DOS_DATE = (0 << 9) | (1 << 5) | 1
// Bit 11: names are UTF-8.
const FLAGS = 0x0800
// "Made by" Unix (3) so extractors apply the mode in the high 16 bits of the external attributes.
const MADE_BY = (3 << 8) | 20
const FILE_MODE = 0o100644

export function createZip(entries: readonly ZipEntry[]): Buffer {
  if (entries.length > 0xffff) throw new Error('Too many entries for a ZIP without ZIP64.')
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const { name, data } of entries) {
    if (name.startsWith('/') || name.includes('\\')) throw new Error(`Bad entry name: ${name}`)
    const nameBytes = Buffer.from(name, 'utf8')
    const deflated = deflateRawSync(data, { level: 9 })
    // Store instead when deflate does not help (already-compressed images).
    const [method, body] = deflated.length < data.length ? [8, deflated] : [0, data]
    const crc = crc32(data)

    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4) // version needed: 2.0 (deflate)
    local.writeUInt16LE(FLAGS, 6)
    local.writeUInt16LE(method, 8)
    local.writeUInt16LE(DOS_TIME, 10)
    local.writeUInt16LE(DOS_DATE, 12)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(body.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(nameBytes.length, 26)
    local.writeUInt16LE(0, 28) // no extra field
    locals.push(local, nameBytes, body)

    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(MADE_BY, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(FLAGS, 8)
    central.writeUInt16LE(method, 10)
    central.writeUInt16LE(DOS_TIME, 12)
    central.writeUInt16LE(DOS_DATE, 14)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(body.length, 20)
    central.writeUInt32LE(data.length, 24)
    central.writeUInt16LE(nameBytes.length, 28)
    // extra length, comment length, disk number, internal attributes: all 0
    central.writeUInt32LE((FILE_MODE << 16) >>> 0, 38)
    central.writeUInt32LE(offset, 42)
    centrals.push(central, nameBytes)

    offset += local.length + nameBytes.length + body.length
    if (offset > 0xffffffff) throw new Error('Archive too large for a ZIP without ZIP64.')
  }
  const centralDir = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  // disk numbers: 0
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(centralDir.length, 12)
  end.writeUInt32LE(offset, 16)
  // comment length: 0
  return Buffer.concat([...locals, centralDir, end])
}
