// Markdown for the playground's Markdown tab, written from the core's clean article HTML.
// (The core's own Markdown renderer serves the CLI; when the Extraction carries a `markdown`
// field the playground shows that instead.) Iterative over the tree: no recursion on depth.

const BLOCK = new Set(['p', 'div', 'section', 'article', 'main', 'header', 'figure', 'figcaption', 'table', 'dl', 'dt', 'dd', 'tr']);

function escapeInline(s) {
  return s.replace(/([\\`*_[\]])/g, '\\$1');
}

/** Converts an HTML fragment (a string) to Markdown. */
export function htmlToMarkdown(html, doc = document) {
  const tpl = doc.createElement('template');
  tpl.innerHTML = html;
  const out = [];
  // Each frame: a node to visit, or a closing action.
  const stack = [{ node: tpl.content, enter: true }];
  const lists = []; // {ordered, n}
  let quote = 0;
  let pre = 0;
  let buf = '';
  const flush = () => {
    const text = buf.replace(/[ \t]+\n/g, '\n').replace(/[ \t]{2,}/g, ' ').trim();
    buf = '';
    if (!text) return;
    const prefix = '> '.repeat(quote);
    out.push(prefix ? text.split('\n').map((l) => prefix + l).join('\n') : text);
  };
  while (stack.length) {
    const f = stack.pop();
    if (f.close) {
      f.close();
      continue;
    }
    const n = f.node;
    if (n.nodeType === 3) {
      buf += pre ? n.data : escapeInline(n.data.replace(/\s+/g, ' '));
      continue;
    }
    if (n.nodeType !== 1 && n.nodeType !== 11) continue;
    const tag = n.nodeType === 1 ? n.localName : '';
    let close = null;
    if (/^h[1-6]$/.test(tag)) {
      flush();
      buf = '#'.repeat(+tag[1]) + ' ';
      close = flush;
    } else if (tag === 'br') {
      buf += pre ? '\n' : '  \n';
    } else if (tag === 'hr') {
      flush();
      out.push('---');
    } else if (tag === 'strong' || tag === 'b') {
      buf += '**';
      close = () => { buf += '**'; };
    } else if (tag === 'em' || tag === 'i') {
      buf += '_';
      close = () => { buf += '_'; };
    } else if (tag === 'code' && !pre) {
      buf += '`';
      close = () => { buf += '`'; };
    } else if (tag === 'a') {
      const href = n.getAttribute('href');
      if (href) {
        buf += '[';
        close = () => { buf += `](${href.replace(/\)/g, '%29')})`; };
      }
    } else if (tag === 'img') {
      const src = n.getAttribute('src');
      if (src) buf += `![${escapeInline(n.getAttribute('alt') || '')}](${src})`;
    } else if (tag === 'pre') {
      flush();
      pre++;
      buf = '```\n';
      close = () => {
        pre--;
        out.push((buf.endsWith('\n') ? buf : buf + '\n') + '```');
        buf = '';
      };
    } else if (tag === 'blockquote') {
      flush();
      quote++;
      close = () => { flush(); quote--; };
    } else if (tag === 'ul' || tag === 'ol') {
      flush();
      lists.push({ ordered: tag === 'ol', n: 0 });
      close = () => { flush(); lists.pop(); };
    } else if (tag === 'li') {
      flush();
      const l = lists[lists.length - 1] ?? { ordered: false, n: 0 };
      l.n++;
      buf = '  '.repeat(Math.max(0, lists.length - 1)) + (l.ordered ? `${l.n}. ` : '- ');
      close = flush;
    } else if (tag === 'td' || tag === 'th') {
      close = () => { buf += ' | '; };
    } else if (BLOCK.has(tag)) {
      flush();
      close = flush;
    }
    if (close) stack.push({ close });
    for (let c = n.lastChild; c; c = c.previousSibling) stack.push({ node: c, enter: true });
  }
  flush();
  // Consecutive list items read better without blank lines between them.
  return out.join('\n\n').replace(/\n\n(?=\s*(?:- |\d+\. ))/g, '\n') + '\n';
}
