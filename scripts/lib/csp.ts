import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from '../../src/security/csp.ts';

export { CONTENT_SECURITY_POLICY };

/** The text of every inline <style> element of a page. */
export function inlineStyles(html: string): string[] {
  return [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)].map((m) => m[1]);
}

/** The CSP hash source for an inline style or script ('sha256-<base64>'). */
export function hashSource(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** Hash sources of the page's inline styles that the policy's style-src does not list. */
export function unlistedInlineStyles(html: string, policy = CONTENT_SECURITY_POLICY): string[] {
  const styleSrc = policy.split(';').map((d) => d.trim().split(/\s+/)).find(([name]) => name === 'style-src') ?? [];
  if (styleSrc.includes("'unsafe-inline'")) return [];
  return inlineStyles(html).map(hashSource).filter((h) => !styleSrc.includes(h));
}

/**
 * Puts the Content-Security-Policy (src/security/csp.ts) into index.html as the first thing in
 * <head>, before any script, so a plain static host applies it to the page too. A <meta>
 * policy cannot reach workers (they take theirs from their own response): the servers send it
 * as a header (vite.config.ts), and so should a production host.
 *
 * The policy allows inline styles by hash only, so the build checks the page it wrote: an
 * inline <style> whose hash the policy lacks (index.html's first-paint style edited, or
 * minified differently) would be refused in the browser, and fails the build instead.
 */
export function cspMeta(policy = CONTENT_SECURITY_POLICY): Plugin {
  return {
    name: 'ssd-cam-csp-meta',
    transformIndexHtml: {
      order: 'pre',
      handler: () => [
        { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: policy }, injectTo: 'head-prepend' },
      ],
    },
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        for (const file of Object.values(bundle)) {
          if (file.type !== 'asset' || !file.fileName.endsWith('.html')) continue;
          const missing = unlistedInlineStyles(String(file.source), policy);
          if (missing.length > 0) {
            this.error(
              `${file.fileName}: inline <style> not allowed by the Content-Security-Policy; ` +
                `add ${missing.join(' ')} to INLINE_STYLE_HASHES in src/security/csp.ts (or move the style into a file)`,
            );
          }
        }
      },
    },
  };
}
