/**
 * Reads a binary PGM (P5) image, as OpenJPEG's `opj_decompress` writes it:
 * tests use it to check our JPEG 2000 decoding against an independent one.
 */
export interface Pgm {
  width: number;
  height: number;
  maxValue: number;
  /** Samples row by row (16-bit samples are big-endian in the file). */
  samples: Uint16Array;
}

export function readPgm(bytes: Uint8Array): Pgm {
  const tokens: number[] = [];
  let p = 2;
  if (bytes[0] !== 0x50 || bytes[1] !== 0x35) throw new Error('not a binary PGM (P5)');
  while (tokens.length < 3) {
    const c = bytes[p];
    if (c === 0x23) {
      while (bytes[p] !== 0x0a) p++;
    } else if (c >= 0x30 && c <= 0x39) {
      let v = 0;
      while (bytes[p] >= 0x30 && bytes[p] <= 0x39) v = v * 10 + bytes[p++] - 0x30;
      tokens.push(v);
      continue;
    }
    p++;
  }
  p++; // the single whitespace after maxval
  const [width, height, maxValue] = tokens;
  const samples = new Uint16Array(width * height);
  const wide = maxValue > 255;
  for (let n = 0; n < samples.length; n++) {
    samples[n] = wide ? (bytes[p + 2 * n] << 8) | bytes[p + 2 * n + 1] : bytes[p + n];
  }
  return { width, height, maxValue, samples };
}
