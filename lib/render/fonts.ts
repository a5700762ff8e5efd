/**
 * The DejaVu fonts every figure is drawn with, from the npm package
 * dejavu-fonts-ttf (no OS fonts needed, so output is the same everywhere).
 * Charts name "DejaVu Sans"; other families in hand-written specs map to the
 * closest DejaVu face (sans-serif and unknown names to DejaVu Sans).
 */
import * as path from "node:path";

export type FontFace = "sans" | "sans-bold" | "sans-oblique" | "sans-bold-oblique" | "serif" | "serif-bold" | "mono" | "mono-bold";

const FILES: Record<FontFace, string> = {
  sans: "DejaVuSans.ttf",
  "sans-bold": "DejaVuSans-Bold.ttf",
  "sans-oblique": "DejaVuSans-Oblique.ttf",
  "sans-bold-oblique": "DejaVuSans-BoldOblique.ttf",
  serif: "DejaVuSerif.ttf",
  "serif-bold": "DejaVuSerif-Bold.ttf",
  mono: "DejaVuSansMono.ttf",
  "mono-bold": "DejaVuSansMono-Bold.ttf",
};

let fontDir: string | undefined;

/** Folder holding the DejaVu .ttf files (node_modules/dejavu-fonts-ttf/ttf). */
export function dejavuDir(): string {
  if (fontDir === undefined) {
    let pkg: string;
    try {
      pkg = require.resolve("dejavu-fonts-ttf/package.json");
    } catch {
      throw new Error("figure fonts missing: the npm package dejavu-fonts-ttf is not installed (run npm install)");
    }
    fontDir = path.join(path.dirname(pkg), "ttf");
  }
  return fontDir;
}

/** Absolute path of one DejaVu face. */
export function fontFile(face: FontFace): string {
  return path.join(dejavuDir(), FILES[face]);
}

/** Every face, for renderers that take a font list. */
export function allFontFiles(): string[] {
  return (Object.keys(FILES) as FontFace[]).map(fontFile);
}

/** The DejaVu face for a CSS font-family list and weight/style, e.g. ('"Helvetica", sans-serif', true, false) -> sans-bold. */
export function faceFor(family: string | undefined, bold: boolean, italic: boolean): FontFace {
  const f = (family ?? "").toLowerCase();
  if (/mono|courier|consolas|menlo/.test(f)) return bold ? "mono-bold" : "mono";
  if (/serif/.test(f.replace(/sans-serif|sans serif|dejavu sans/g, "")) || /times|georgia/.test(f)) return bold ? "serif-bold" : "serif";
  if (bold && italic) return "sans-bold-oblique";
  if (bold) return "sans-bold";
  if (italic) return "sans-oblique";
  return "sans";
}
