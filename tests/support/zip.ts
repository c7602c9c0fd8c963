// A hand-made ZIP writer for hostile-archive tests: names, sizes and methods as
// given, even ones a real ZIP library refuses to write ("../x", "/etc/passwd",
// two entries with one name, a size that lies). PKWARE APPNOTE 6.3.x §4.3:
// local file header + data for each entry, then the central directory and the
// end-of-central-directory record.
import zlib from "node:zlib";

export interface RawEntry {
  name: string;
  data: Uint8Array | string;
  /** Deflate the data (method 8); default: stored (method 0). */
  deflate?: boolean;
  /** Override the uncompressed size written in the headers. */
  declaredSize?: number;
  /** Set the "encrypted" flag (bit 0). */
  encrypted?: boolean;
}

export function rawZip(entries: RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const raw = typeof e.data === "string" ? Buffer.from(e.data, "utf8") : Buffer.from(e.data);
    const packed = e.deflate ? zlib.deflateRawSync(raw) : raw;
    // Traditional PKWARE encryption puts a 12-byte header before the data (APPNOTE §6.1).
    const body = e.encrypted ? Buffer.concat([Buffer.alloc(12, 0x5a), packed]) : packed;
    const name = Buffer.from(e.name, "utf8");
    const crc = zlib.crc32(raw);
    const size = e.declaredSize ?? raw.byteLength;
    const flags = 0x0800 | (e.encrypted ? 1 : 0);
    const method = e.deflate ? 8 : 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(body.byteLength, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.byteLength, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(body.byteLength, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.byteLength, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.byteLength + name.byteLength + body.byteLength;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.byteLength, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
