// Types of static-server.mjs, so the TypeScript tests import the same server the scripts use.

export interface StaticServerOptions {
  /** The folder served at / (dist/ or a copy of a build); setRoot() swaps it. */
  root: string;
  /** COOP/COEP/CORP on every response, like `vite preview` (default true); false: a bare static host. */
  isolation?: boolean;
  /** Exact URL path -> absolute file, served whatever the root (the anchors' files, say). */
  routes?: Record<string, string>;
  /** Exact URL path -> text made by the caller (a blank page, a folder's file list); no-store. */
  texts?: Record<string, string>;
  /** URL prefix starting and ending in '/' -> folder: its files only, no index pages. */
  mounts?: Record<string, string>;
  /** Closes itself after this long even if the caller never does (default: never). */
  lifetimeMs?: number;
  /** Who is speaking in the message printed when the lifetime is over. */
  label?: string;
}

export interface StaticServer {
  /** http://127.0.0.1:<port> */
  origin: string;
  /** Paths requested so far (with query), in order. */
  requests: string[];
  /** Serve another folder at / from now on (same origin). */
  setRoot(dir: string): void;
  close(): Promise<void>;
}

export function startStaticServer(opts: StaticServerOptions): Promise<StaticServer>;
