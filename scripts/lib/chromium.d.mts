// Types of chromium.mjs, for tests/e2e/browser.ts.

/** CHROME_PATH from the environment, else /usr/bin/chromium. */
export const CHROME_PATH: string;
/** The flags of every launch. */
export const BASE_ARGS: readonly string[];
/** Added for WebGPU only (they drop WebGL to WebGL1). */
export const WEBGPU_ARGS: readonly string[];
export function chromiumArgs(backend?: string): string[];
/** A headless launch for runs on `backend`. */
export function launchChromium(backend?: string): Promise<import('@playwright/test').Browser>;
/** Builds when dist/ is missing or older than anything the build reads; true if it built. */
export function ensureBuild(root: string, label: string): boolean;
