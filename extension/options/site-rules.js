// Options page: site rules ("always open in reader" / "always declutter") and the click
// picker's choices, listed, edited and removed here. A rule asks for its site's host
// permission from the "Add rule" click (permissions.request needs that user gesture).
// The page's URL may carry ?host=&mode= (the context menu's "Always ... this site...").

import { listPicks, listRules, normalizeHost, originPattern, PICK_ACTIONS, RULE_MODES, setPicks, setRule } from '../background/rules.js';

const api = globalThis.browser ?? globalThis.chrome;
/** @type {any} the rule form (its fields by name) */
const ruleForm = document.getElementById('rule-form');
const ruleBody = document.querySelector('#rule-list tbody');
const ruleStatus = document.getElementById('rule-status');
const pickBody = document.querySelector('#pick-list tbody');
const LABELS = { reader: 'Always open in reader view', declutter: 'Always declutter' };

function select(values, current, labels = {}) {
  const s = document.createElement('select');
  for (const v of values) s.append(new Option(labels[v] ?? v, v, false, v === current));
  return s;
}

function button(label, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.addEventListener('click', onClick);
  return b;
}

ruleForm.addEventListener('submit', (e) => {
  e.preventDefault();
  const host = normalizeHost(ruleForm.elements.host.value);
  const mode = ruleForm.elements.mode.value;
  if (!host) {
    ruleStatus.textContent = 'Type a site such as news.example.';
    return;
  }
  // Asked first thing in the click, before any other await (Firefox requires it).
  api.permissions.request({ origins: [originPattern(host)] }).then(
    async (granted) => {
      if (!granted) {
        ruleStatus.textContent = `No access to ${host} was given, so no rule was made.`;
        return;
      }
      await setRule(host, mode);
      ruleForm.reset();
      ruleStatus.textContent = `Rule saved: ${LABELS[mode]} on ${host}.`;
      await showRules();
    },
    (err) => {
      ruleStatus.textContent = `Could not ask for access to ${host}: ${err?.message ?? err}`;
    },
  );
});

async function showRules() {
  const rules = await listRules();
  const rows = [];
  for (const r of rules) {
    const row = document.createElement('tr');
    row.dataset.host = r.host;
    row.insertCell().textContent = r.host;
    const mode = select(RULE_MODES, r.mode, LABELS);
    mode.addEventListener('change', () => setRule(r.host, mode.value).then(showRules));
    row.insertCell().append(mode);
    const granted = await api.permissions.contains({ origins: [originPattern(r.host)] });
    row.insertCell().textContent = granted ? 'granted' : 'not granted (the rule waits)';
    row.insertCell().append(button('Remove', () => setRule(r.host, null).then(showRules)));
    rows.push(row);
  }
  ruleBody.replaceChildren(...rows);
  document.body.dataset.rules = String(rules.length);
}

async function showPicks() {
  const sites = await listPicks();
  const rows = [];
  for (const { host, picks } of sites) {
    picks.forEach((p, i) => {
      const row = document.createElement('tr');
      row.dataset.host = host;
      row.dataset.selector = p.selector;
      row.insertCell().textContent = host;
      const action = select(PICK_ACTIONS, p.action);
      const selector = document.createElement('input');
      selector.value = p.selector;
      selector.size = 40;
      selector.setAttribute('aria-label', 'Selector');
      const save = () => {
        const next = picks.map((q, j) => (j === i ? { ...q, action: action.value, selector: selector.value.trim() } : q));
        return setPicks(host, next).then(showPicks);
      };
      action.addEventListener('change', save);
      selector.addEventListener('change', save);
      row.insertCell().append(action);
      row.insertCell().append(selector);
      row.insertCell().append(
        button('Delete', () =>
          setPicks(
            host,
            picks.filter((_, j) => j !== i),
          ).then(showPicks),
        ),
      );
      rows.push(row);
    });
  }
  pickBody.replaceChildren(...rows);
  document.getElementById('no-picks').hidden = rows.length > 0;
  document.body.dataset.picks = String(rows.length);
}

// Lists follow storage: a pick made in a tab shows up while this page is open.
api.storage.onChanged.addListener((changes, area) => {
  if (area !== 'local') return;
  if ('rules' in changes) showRules();
  if ('picks' in changes) showPicks();
});

const params = new URLSearchParams(location.search);
if (params.get('host')) {
  ruleForm.elements.host.value = params.get('host');
  if (RULE_MODES.includes(params.get('mode'))) ruleForm.elements.mode.value = params.get('mode');
  ruleStatus.textContent = 'Press "Add rule" to make this rule (Declutter will ask for access to the site).';
}
await Promise.all([showRules(), showPicks()]);
document.body.dataset.rulesReady = 'true';
