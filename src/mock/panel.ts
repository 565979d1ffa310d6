// The optional in-page panel (`ui: true`): GoPay-like sheets that wait for a click, toasts, and a call log.
// Plain DOM and one <style>, every class prefixed `gpmock-`. It may be created from a <script> in <head>, before
// <body> exists: everything it shows is then attached on DOMContentLoaded.

const CSS = `.gpmock-bar{position:fixed;right:12px;bottom:12px;z-index:2147483646;font:13px system-ui,sans-serif;background:#fff;color:#1c1c1c;border:1px solid #00aed6;border-radius:10px;box-shadow:0 4px 16px #0003;max-width:340px}
.gpmock-bar summary{cursor:pointer;padding:6px 10px;color:#00aed6;font-weight:600}
.gpmock-log{max-height:180px;overflow:auto;margin:0;padding:0 10px 8px;list-style:none;font:11px ui-monospace,monospace}
.gpmock-shade{position:fixed;inset:0;z-index:2147483647;background:#0006;display:flex;align-items:flex-end;justify-content:center}
.gpmock-sheet{background:#fff;color:#1c1c1c;width:min(480px,100%);border-radius:16px 16px 0 0;padding:20px;font:15px system-ui,sans-serif;white-space:pre-line;word-break:break-all}
.gpmock-sheet button{margin:12px 8px 0 0;padding:10px 16px;border:0;border-radius:20px;background:#00aed6;color:#fff;font-weight:600;cursor:pointer}
.gpmock-sheet .gpmock-secondary{background:#eee;color:#1c1c1c}
.gpmock-toast{position:fixed;left:50%;bottom:72px;transform:translateX(-50%);z-index:2147483647;background:#1c1c1ce6;color:#fff;padding:8px 14px;border-radius:16px;font:14px system-ui,sans-serif}`;

const SECRET = /auth_?code|token|base64/i;
function redact(params: Record<string, unknown>) {
  return JSON.stringify(params, (key, value) => (SECRET.test(key) ? '[redacted]' : value));
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text = '') {
  return Object.assign(document.createElement(tag), { className, textContent: text });
}

export interface Panel {
  /** Shows a bottom sheet and resolves with the label of the button clicked. */
  ask(question: string, buttons: string[]): Promise<string>;
  toast(message: string, duration: number): void;
  title(text: string): void;
  log(method: string, params: Record<string, unknown>): void;
  remove(): void;
}

export function createPanel(): Panel {
  let removed = false;
  // Nodes taken away before <body> existed (a toast that timed out) must not appear afterwards.
  const gone = new WeakSet<Node>();
  /** Appends to <body>, or once it exists. */
  const show = (node: HTMLElement) => {
    if (document.body) return void document.body.append(node);
    const late = () => removed || gone.has(node) || (document.body ?? document.documentElement).append(node);
    document.addEventListener('DOMContentLoaded', late, { once: true });
  };
  const hide = (node: HTMLElement) => {
    gone.add(node);
    node.remove();
  };
  const style = element('style', '', CSS);
  const bar = element('details', 'gpmock-bar');
  const summary = element('summary', '', 'GoPay mock');
  const list = element('ul', 'gpmock-log');
  bar.append(summary, list);
  (document.head ?? document.documentElement).append(style);
  show(bar);
  const sheets = new Set<HTMLElement>();

  return {
    ask: (question, buttons) =>
      new Promise((resolve) => {
        const shade = element('div', 'gpmock-shade');
        const sheet = element('div', 'gpmock-sheet', question);
        sheet.setAttribute('role', 'dialog');
        buttons.forEach((label, index) => {
          // The first button is the primary answer (Allow, Pay); the others are styled as secondary.
          const button = element('button', index ? 'gpmock-secondary' : 'gpmock-primary', label);
          button.type = 'button';
          button.onclick = () => {
            shade.remove();
            sheets.delete(shade);
            resolve(label);
          };
          sheet.append(element('br', ''), button);
        });
        shade.append(sheet);
        sheets.add(shade);
        show(shade);
      }),
    toast: (message, duration) => {
      const toast = element('div', 'gpmock-toast', message);
      toast.setAttribute('role', 'status');
      show(toast);
      setTimeout(() => hide(toast), duration);
    },
    title: (text) => {
      summary.textContent = `GoPay mock · ${text}`;
    },
    log: (method, params) => {
      const item = element('li', '', `${new Date().toISOString().slice(11, 19)} ${method} ${redact(params)}`);
      list.prepend(item);
      while (list.children.length > 50) list.lastChild!.remove();
    },
    remove: () => {
      removed = true;
      style.remove();
      bar.remove();
      sheets.forEach((shade) => shade.remove());
    },
  };
}
