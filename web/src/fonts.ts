/**
 * Self-hosted web fonts, so report names, labels and values in any script show as letters, not
 * boxes, on a machine without such system fonts (a fresh Linux has no CJK, Arabic or Hebrew font),
 * and the app looks the same everywhere. styles.css lists them first, before the system UI fonts
 * (why is said there).
 *
 * Cost: the CSS files are a separate stylesheet and each face is cut into unicode-range slices, so
 * the browser downloads only the slices whose characters a page actually shows (a Latin page loads
 * one Noto Sans slice of ~20 kB per weight, a Japanese name a few JP slices). Vite copies
 * every slice into dist/assets, which only costs disk.
 *
 * Weights: Noto Sans (Latin, Greek, Cyrillic, Vietnamese) in the three the UI uses (400 text, 600
 * and 700 headings); Arabic and Hebrew, small, in 400 and 700; the CJK families in 400 only, each
 * weight being ~10 MB of slices; headings in them get the browser's synthetic bold. Emoji (📈 in a
 * report name) in Noto Color Emoji, cut into slices like the rest: no system has to have it.
 */
import '@fontsource/noto-sans/400.css';
import '@fontsource/noto-sans/600.css';
import '@fontsource/noto-sans/700.css';
import '@fontsource/noto-sans-arabic/400.css';
import '@fontsource/noto-sans-arabic/700.css';
import '@fontsource/noto-sans-hebrew/400.css';
import '@fontsource/noto-sans-hebrew/700.css';
import '@fontsource/noto-sans-jp/400.css';
import '@fontsource/noto-sans-kr/400.css';
import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-color-emoji/400.css';
