// bitext review — the run index: the documents of a batch run, worst mean score first.
// Text is only ever set with textContent; each document opens in the one-document screen.
'use strict';

(() => {
  const TOKEN = new URLSearchParams(window.location.search).get('token') || '';
  const $ = (id) => document.getElementById(id);

  function cell(row, text, cls) {
    const td = document.createElement('td');
    if (cls) td.className = cls;
    td.textContent = String(text);
    row.appendChild(td);
    return td;
  }

  function confidenceClass(score) {
    if (score < 0.5) return 'conf-low';
    if (score < 0.75) return 'conf-mid';
    return 'conf-high';
  }

  async function load() {
    const res = await fetch('/api/run', { headers: { 'X-Bitext-Token': TOKEN } });
    const data = await res.json();
    if (!res.ok) throw new Error(data.error || `${res.status}`);
    $('run-name').textContent = data.run;
    const rows = $('run-rows');
    const failed = $('failed-list');
    rows.replaceChildren();
    failed.replaceChildren();
    let ok = 0;
    let reviewedDocs = 0;
    for (const doc of data.documents) {
      if (doc.status !== 'ok') {
        const li = document.createElement('li');
        li.textContent = `${doc.id}: ${doc.error}`;
        failed.appendChild(li);
        continue;
      }
      ok += 1;
      if (doc.beads && doc.reviewed === doc.beads) reviewedDocs += 1;
      const tr = document.createElement('tr');
      cell(tr, ok);
      const link = document.createElement('a');
      link.href = `/doc/${doc.number}/?token=${encodeURIComponent(TOKEN)}`;
      link.textContent = doc.id;
      const name = document.createElement('td');
      name.appendChild(link);
      tr.appendChild(name);
      cell(tr, doc.mean_score.toFixed(3), `score ${confidenceClass(doc.mean_score)}`);
      cell(tr, doc.beads, 'num');
      cell(tr, `${doc.reviewed} / ${doc.beads}`, 'num');
      rows.appendChild(tr);
    }
    $('failed-head').hidden = !failed.children.length;
    $('run-counts').textContent =
      `${ok} documents, ${reviewedDocs} fully reviewed, ${failed.children.length} failed`;
    document.body.dataset.ready = '1';
  }

  function refresh() {
    load().catch((e) => {
      $('message').textContent = `Could not load the run: ${e.message}`;
      $('message').classList.add('error');
    });
  }

  document.addEventListener('DOMContentLoaded', () => {
    if (!TOKEN) {
      $('message').textContent = 'No access token in the address: open the URL that `bitext review` printed.';
      return;
    }
    refresh();
  });
  // Back from a document: its reviewed count has changed.
  window.addEventListener('pageshow', (event) => { if (event.persisted) refresh(); });
})();
