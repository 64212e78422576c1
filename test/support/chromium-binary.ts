/**
 * Which Chromium the browser tests drive. Debian's (`/usr/bin/chromium`, or `CHROMIUM_PATH`) when
 * the machine has it; otherwise the Chromium that the npm package @sparticuz/chromium ships
 * (brotli-compressed headless shell for Linux x64, with the NSS/NSPR/expat libraries it links
 * against), so a fresh machine with only Node runs the browser tests too.
 *
 * The global setup (test/global-setup.ts) unpacks the npm Chromium once per run, before any test
 * file starts, into a versioned directory under the temp dir (atomic rename, so parallel runs never
 * see a half-written binary), and hands its location to the test processes in
 * REPORTCAST_NPM_CHROMIUM_DIR (or the reason it could not in REPORTCAST_NPM_CHROMIUM_ERROR).
 *
 * The npm Chromium gets its own fontconfig file listing only the package's fonts (Open Sans):
 * what the page shows beyond Latin comes from the SPA's web fonts, not from the machine.
 */
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import chromium, { inflate } from '@sparticuz/chromium';

export const SYSTEM_CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags every launch gets, whichever Chromium it is. */
const OUR_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Of @sparticuz/chromium's recommended flags (`chromium.args`), some are left out:
 * - the ones that weaken the page's security: our tests check the Content-Security-Policy and
 *   same-origin behaviour, which --disable-web-security and friends would switch off;
 * - --single-process, which Lambda needs (no PR_SET_NO_NEW_PRIVS there) but which makes closing a
 *   browser context take the whole browser down ("Target page, context or browser has been
 *   closed" in the next test, seen with 153.0.8010.0);
 * - WebGL (swiftshader): not needed.
 */
const NPM_ARGS_LEFT_OUT = new Set(['--disable-web-security', '--allow-running-insecure-content',
  '--disable-site-isolation-trials', '--single-process',
  '--use-gl=angle', '--use-angle=swiftshader', '--enable-unsafe-swiftshader']);

export interface ChromiumBinary {
  source: 'system' | 'npm';
  executablePath: string;
  args: string[];
  /** Extra environment for the browser process (the npm Chromium's libraries and fonts). */
  env?: Record<string, string>;
}

const requireHere = createRequire(import.meta.url);

function npmChromiumVersion(): string {
  const entry = requireHere.resolve('@sparticuz/chromium');
  const pkg = requireHere(join(dirname(entry), '..', 'package.json')) as { version: string };
  return pkg.version;
}

/**
 * Unpacks the npm Chromium (once per version and machine) and returns its directory. Runs in the
 * global setup only: one process, before the test files.
 */
export async function unpackNpmChromium(): Promise<string> {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`@sparticuz/chromium ships Chromium for Linux x64 only (this is ${process.platform}/${process.arch})`);
  }
  const version = npmChromiumVersion();
  const dir = join(tmpdir(), `reportcast-npm-chromium-${version}`);
  if (existsSync(join(dir, 'chromium'))) return dir;

  const stage = mkdtempSync(`${dir}.part-`);
  // The package unpacks into os.tmpdir(), which reads TMPDIR on every call: point it at the stage
  // so the files land together in our directory instead of loose in /tmp (its Lambda layout).
  const savedTmpdir = process.env.TMPDIR;
  process.env.TMPDIR = stage;
  try {
    const binDir = join(dirname(requireHere.resolve('@sparticuz/chromium')), '..', 'bin');
    await chromium.executablePath(binDir); // stage/chromium, stage/fonts/, swiftshader libraries
    // The shared libraries the binary links against (NSS, NSPR, expat): the package unpacks them
    // only on Amazon Linux; a fresh Debian has none of them without the chromium package.
    await inflate(join(binDir, 'al2023.tar.br')); // stage/al2023/lib
  } finally {
    if (savedTmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmpdir;
  }
  mkdirSync(join(stage, 'fontconfig-cache'));
  writeFileSync(join(stage, 'fonts.conf'), [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
    '<fontconfig>',
    `  <dir>${join(dir, 'fonts')}</dir>`,
    `  <cachedir>${join(dir, 'fontconfig-cache')}</cachedir>`,
    '</fontconfig>',
    '',
  ].join('\n'));
  try {
    renameSync(stage, dir);
  } catch (error) {
    rmSync(stage, { recursive: true, force: true });
    // Another run unpacked the same version at the same time: use theirs.
    if (!existsSync(join(dir, 'chromium'))) throw error;
  }
  return dir;
}

/** The launch settings for the npm Chromium unpacked in `dir`. */
export function npmChromium(dir: string): ChromiumBinary {
  chromium.setGraphicsMode = false;
  const args = [...chromium.args.filter((a) => !NPM_ARGS_LEFT_OUT.has(a)), ...OUR_ARGS];
  const libDir = join(dir, 'al2023', 'lib');
  return {
    source: 'npm',
    executablePath: join(dir, 'chromium'),
    args,
    env: {
      LD_LIBRARY_PATH: [libDir, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':'),
      FONTCONFIG_FILE: join(dir, 'fonts.conf'),
    },
  };
}

export function systemChromium(): ChromiumBinary {
  return { source: 'system', executablePath: SYSTEM_CHROMIUM, args: OUR_ARGS };
}
