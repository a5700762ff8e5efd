/**
 * Record a PNG's resolution: insert a pHYs chunk (pixels per metre) after
 * IHDR, so word processors and LaTeX size a 300 dpi figure correctly
 * (PNG spec, ISO/IEC 15948:2003, section 11.3.5.3).
 */

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 as PNG chunks use it (ISO 3309). */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height in pixels from a PNG's IHDR chunk. */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const buf = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  if (buf.length < 24 || !buf.subarray(0, 8).equals(SIGNATURE) || buf.toString("latin1", 12, 16) !== "IHDR") throw new Error("not a PNG file");
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

/** Resolution in dots per inch from a PNG's pHYs chunk, or undefined when it has none. */
export function pngDpi(png: Uint8Array): number | undefined {
  const buf = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  let at = 8;
  while (at + 8 <= buf.length) {
    const length = buf.readUInt32BE(at);
    const type = buf.toString("latin1", at + 4, at + 8);
    if (type === "pHYs" && buf[at + 16] === 1) return Math.round(buf.readUInt32BE(at + 8) * 0.0254);
    if (type === "IDAT" || type === "IEND") return undefined;
    at += 12 + length;
  }
  return undefined;
}

/** A copy of `png` with its pHYs chunk set to `dpi` (any existing pHYs is replaced). */
export function withDpi(png: Uint8Array, dpi: number): Buffer {
  const buf = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  pngSize(buf);
  const ppm = Math.round(dpi / 0.0254);
  const data = Buffer.alloc(9);
  data.writeUInt32BE(ppm, 0);
  data.writeUInt32BE(ppm, 4);
  data[8] = 1; // unit: metre
  const typeAndData = Buffer.concat([Buffer.from("pHYs", "latin1"), data]);
  const chunk = Buffer.alloc(12 + 9);
  chunk.writeUInt32BE(9, 0);
  typeAndData.copy(chunk, 4);
  chunk.writeUInt32BE(crc32(typeAndData), 4 + typeAndData.length);
  const parts: Buffer[] = [buf.subarray(0, 8)];
  let at = 8;
  while (at + 8 <= buf.length) {
    const length = buf.readUInt32BE(at);
    const type = buf.toString("latin1", at + 4, at + 8);
    const end = at + 12 + length;
    if (type !== "pHYs") parts.push(buf.subarray(at, end));
    if (type === "IHDR") parts.push(chunk);
    at = end;
  }
  return Buffer.concat(parts);
}
