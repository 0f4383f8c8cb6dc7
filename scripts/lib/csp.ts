import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from '../../src/security/csp.ts';

export { CONTENT_SECURITY_POLICY };

/**
 * Puts the Content-Security-Policy (src/security/csp.ts) into index.html as the first thing in
 * <head>, before any script, so a plain static host applies it to the page too. A <meta>
 * policy cannot reach workers (they take theirs from their own response): the servers send it
 * as a header (vite.config.ts), and so should a production host.
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
  };
}
