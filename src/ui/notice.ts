// What a notice is (a dismissible banner under the live view) and the narrow way features
// raise and withdraw one. Features take a NoticeSink rather than the app's notices controller,
// so they stay testable alone and src/features never imports src/app.

export interface Notice {
  /** one notice per key: a new one with the same key replaces the old one */
  key: string;
  text: string;
  /** label of an action button, with what it does. */
  action?: { label: string; run: () => void };
  /** 'error' for something that failed while the app goes on (default: notice). */
  severity?: 'error' | 'notice';
}

export interface NoticeSink {
  add(notice: Notice): void;
  dismiss(key: string): void;
}
