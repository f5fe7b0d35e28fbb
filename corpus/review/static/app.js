// bitext review — the page. Vanilla JS, no build step, no external resources.
// Text is only ever set with textContent (never innerHTML): a "<script>" in a sentence stays text.
// The server owns the state; this page keeps a copy and applies the splices the server answers.
'use strict';

(() => {
  const TOKEN = new URLSearchParams(window.location.search).get('token') || '';
  const LOW = 0.5; // below: low confidence (red)
  const MID = 0.75; // below: medium (amber)
  const OVERSCAN = 600; // px rendered above and below the visible part of the list
  const LANG_NAMES = { zh: '中文 zh', en: 'English en' };

  const S = {
    rev: -1,
    docId: '',
    src: { lang: '', sents: [], orig: new Map() },
    tgt: { lang: '', sents: [], orig: new Map() },
    beads: [], // {ns, nt, score, st: 'a'|'c'|'r'}
    srcStart: [],
    tgtStart: [],
    heights: [], // by bead index: measured row height in px, 0 while not measured
    est: [], // by bead index: estimated height (text length), scaled by `ratio` until measured
    ratio: 1, // measured / estimated, averaged over the rows measured so far
    ratioN: 0,
    order: [], // view position -> bead index
    pos: [], // bead index -> view position
    offsets: new Float64Array(1), // view position -> top in px (n + 1 entries)
    view: 'all',
    sel: 0,
    selSent: null, // {side, id}
    rows: new Map(), // bead index -> rendered row element
    editing: null,
    busy: false,
    reviewed: 0,
    total: 0,
    canUndo: false,
    canRedo: false,
    ovBase: null,
    ovGeom: null,
  };

  const $ = (id) => document.getElementById(id);
  let list;
  let spacer;

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = String(text);
    return node;
  }

  function msg(text, isError) {
    const box = $('message');
    box.textContent = text || '';
    box.classList.toggle('error', !!isError);
  }

  async function api(method, path, body) {
    const opts = { method, headers: { 'X-Bitext-Token': TOKEN } };
    if (body !== undefined) {
      opts.headers['Content-Type'] = 'application/json';
      opts.body = JSON.stringify(body);
    }
    const res = await fetch(path, opts);
    let data = null;
    try {
      data = await res.json();
    } catch (_e) {
      data = null;
    }
    if (!res.ok) {
      const err = new Error((data && data.error) || `${res.status} ${res.statusText}`);
      err.status = res.status;
      throw err;
    }
    return data;
  }

  // ------------------------------------------------------------------ model

  const rowToBead = (r) => ({ ns: r[0], nt: r[1], score: r[2], st: r[3] });

  function confClass(score) {
    return score < LOW ? 'conf-low' : score < MID ? 'conf-mid' : 'conf-high';
  }

  const CONF_COLOURS = { 'conf-low': '#dc2626', 'conf-mid': '#d97706', 'conf-high': '#16a34a' };

  function scoreColour(score) {
    return CONF_COLOURS[confClass(score)];
  }

  function recompute() {
    const n = S.beads.length;
    S.srcStart = new Array(n);
    S.tgtStart = new Array(n);
    let s = 0;
    let t = 0;
    for (let i = 0; i < n; i++) {
      S.srcStart[i] = s;
      S.tgtStart[i] = t;
      s += S.beads[i].ns;
      t += S.beads[i].nt;
    }
  }

  function estimate(i) {
    const b = S.beads[i];
    const lines = (side, start, count) => {
      const per = S[side].lang === 'zh' ? 30 : 64;
      let total = 0;
      for (let k = 0; k < count; k++) total += Math.max(1, Math.ceil(S[side].sents[start + k].length / per));
      return total;
    };
    const n = Math.max(1, lines('src', S.srcStart[i], b.ns), lines('tgt', S.tgtStart[i], b.nt));
    return 14 + 21 * n;
  }

  function beadOf(side, id) {
    const start = side === 'src' ? S.srcStart : S.tgtStart;
    const key = side === 'src' ? 'ns' : 'nt';
    let lo = 0;
    let hi = S.beads.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (id < start[mid]) hi = mid - 1;
      else if (id >= start[mid] + S.beads[mid][key]) lo = mid + 1;
      else return mid;
    }
    return -1;
  }

  function rebuildOrder() {
    const n = S.beads.length;
    const idx = Array.from({ length: n }, (_, i) => i);
    if (S.view === 'review') {
      idx.sort((a, b) => {
        const ra = S.beads[a].st === 'a' ? 0 : 1;
        const rb = S.beads[b].st === 'a' ? 0 : 1;
        return ra - rb || S.beads[a].score - S.beads[b].score || a - b;
      });
    }
    S.order = idx;
    S.pos = new Array(n);
    for (let p = 0; p < n; p++) S.pos[idx[p]] = p;
  }

  function heightOf(i) {
    return S.heights[i] || S.est[i] * S.ratio;
  }

  function layout() {
    const n = S.order.length;
    S.offsets = new Float64Array(n + 1);
    for (let p = 0; p < n; p++) S.offsets[p + 1] = S.offsets[p] + heightOf(S.order[p]);
    spacer.style.height = `${S.offsets[n]}px`;
  }

  // ---------------------------------------------------------------- loading

  function loadSide(side, data, originals) {
    S[side].lang = data.lang;
    S[side].sents = data.sentences;
    S[side].orig = new Map(Object.entries(originals || {}).map(([k, v]) => [Number(k), v]));
  }

  async function loadState() {
    const st = await api('GET', 'api/state');
    S.docId = st.doc_id;
    loadSide('src', st.src, st.originals.src);
    loadSide('tgt', st.tgt, st.originals.tgt);
    S.beads = st.beads.map(rowToBead);
    S.rev = st.rev;
    setCounts(st);
    recompute();
    S.est = S.beads.map((_, i) => estimate(i));
    S.heights = new Array(S.beads.length).fill(0);
    S.sel = Math.min(S.sel, Math.max(0, S.beads.length - 1));
    S.selSent = null;
    $('doc-id').textContent = S.docId;
    document.title = `bitext review — ${S.docId}`;
    for (const side of ['src', 'tgt']) {
      const name = LANG_NAMES[S[side].lang] || S[side].lang || side;
      $(`head-${side}`).textContent = name;
      for (const span of document.querySelectorAll(`.lang-${side}`)) span.textContent = S[side].lang || side;
    }
    refresh();
  }

  function setCounts(r) {
    S.reviewed = r.reviewed;
    S.total = r.total;
    S.canUndo = r.can_undo;
    S.canRedo = r.can_redo;
    $('counter').textContent = `Reviewed ${r.reviewed} / ${r.total}`;
    $('progress').max = Math.max(1, r.total);
    $('progress').value = r.reviewed;
    $('undo-btn').disabled = !r.can_undo;
    $('redo-btn').disabled = !r.can_redo;
  }

  function refresh() {
    rebuildOrder();
    clearRows();
    layout();
    drawOverviewBase();
    render();
    document.body.dataset.rev = String(S.rev);
    document.body.dataset.beads = String(S.beads.length);
  }

  // --------------------------------------------------------------- rendering

  function clearRows() {
    for (const row of S.rows.values()) row.remove();
    S.rows.clear();
  }

  function makeRow(i) {
    const b = S.beads[i];
    const row = el('div', `bead ${confClass(b.score)} st-${b.st}`);
    row.dataset.i = String(i);
    if (i === S.sel) row.classList.add('selected');
    row.style.borderLeftColor = b.st === 'c' ? '' : scoreColour(b.score);
    const meta = el('div', 'meta');
    meta.append(el('span', 'idx', `#${i + 1}`));
    const badge = el('span', 'score', b.score.toFixed(2));
    badge.style.backgroundColor = scoreColour(b.score);
    badge.title = `confidence ${b.score}`;
    meta.append(badge);
    meta.append(el('span', 'kind', `${b.ns}–${b.nt}`));
    if (b.st !== 'a') meta.append(el('span', 'status', b.st === 'c' ? '✓ confirmed' : '✗ rejected'));
    row.append(meta, sideCell(i, 'src', S.srcStart[i], b.ns), sideCell(i, 'tgt', S.tgtStart[i], b.nt));
    return row;
  }

  function sideCell(i, side, start, count) {
    const cell = el('div', `side side-${side}`);
    cell.lang = S[side].lang || '';
    if (!count) cell.append(el('div', 'empty', '(nothing)'));
    for (let k = 0; k < count; k++) {
      const id = start + k;
      const sent = el('div', 'sent', S[side].sents[id]);
      sent.dataset.side = side;
      sent.dataset.id = String(id);
      if (S[side].orig.has(id)) {
        sent.classList.add('edited');
        sent.title = `edited — original: ${S[side].orig.get(id)}`;
      }
      if (i === S.sel && S.selSent && S.selSent.side === side && S.selSent.id === id) {
        sent.classList.add('sel-sent');
      }
      cell.append(sent);
    }
    return cell;
  }

  function firstAt(y) {
    // largest p with offsets[p] <= y, clamped to [0, n - 1]
    const n = S.order.length;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (S.offsets[mid] <= y) lo = mid;
      else hi = mid - 1;
    }
    return Math.max(0, lo);
  }

  function render() {
    const n = S.order.length;
    if (!n) {
      clearRows();
      drawOverview();
      return;
    }
    for (let pass = 0; pass < 3; pass++) {
      const top = list.scrollTop;
      const bottom = top + list.clientHeight;
      const p0 = firstAt(top - OVERSCAN);
      const p1 = firstAt(bottom + OVERSCAN);
      const want = new Set();
      for (let p = p0; p <= p1; p++) {
        const i = S.order[p];
        want.add(i);
        let row = S.rows.get(i);
        if (!row) {
          row = makeRow(i);
          spacer.append(row);
          S.rows.set(i, row);
        }
        row.style.top = `${S.offsets[p]}px`;
      }
      for (const [i, row] of S.rows) {
        if (!want.has(i) && !(S.editing && S.editing.bead === i)) {
          row.remove();
          S.rows.delete(i);
        }
      }
      // measure the rendered rows; keep the first visible row where it is on screen (or stay
      // pinned to the bottom) when heights above it change
      let changed = false;
      for (const i of want) {
        const h = S.rows.get(i).offsetHeight;
        if (h && Math.abs(h - heightOf(i)) > 0.5) {
          if (!S.heights[i]) {
            S.ratio = (S.ratio * S.ratioN + h / S.est[i]) / (S.ratioN + 1);
            S.ratioN = Math.min(S.ratioN + 1, 200);
          }
          S.heights[i] = h;
          changed = true;
        } else if (h) {
          S.heights[i] = h;
        }
      }
      if (!changed) break;
      const atBottom = top > 0 && bottom >= S.offsets[n] - 2;
      const anchor = firstAt(top);
      const shift = top - S.offsets[anchor];
      layout();
      for (const [i, row] of S.rows) row.style.top = `${S.offsets[S.pos[i]]}px`;
      list.scrollTop = atBottom ? S.offsets[n] : S.offsets[anchor] + shift;
    }
    drawOverview();
  }

  let frame = 0;
  function scheduleRender() {
    if (!frame) {
      frame = requestAnimationFrame(() => {
        frame = 0;
        render();
      });
    }
  }

  function ensureVisible(i) {
    const p = S.pos[i];
    if (p === undefined) return;
    const top = S.offsets[p];
    const bottom = S.offsets[p + 1];
    const view = list.clientHeight;
    if (top < list.scrollTop || bottom > list.scrollTop + view) {
      list.scrollTop = Math.max(0, top - view / 3);
    }
    render();
  }

  function select(i, sent, scroll = true) {
    if (!S.beads.length) return;
    i = Math.max(0, Math.min(S.beads.length - 1, i));
    const old = S.rows.get(S.sel);
    if (old) {
      old.classList.remove('selected');
      for (const s of old.querySelectorAll('.sel-sent')) s.classList.remove('sel-sent');
    }
    S.sel = i;
    S.selSent = sent || null;
    const row = S.rows.get(i);
    if (row) {
      row.classList.add('selected');
      if (S.selSent) {
        for (const s of row.querySelectorAll('.sent')) {
          if (s.dataset.side === S.selSent.side && Number(s.dataset.id) === S.selSent.id) {
            s.classList.add('sel-sent');
          }
        }
      }
    }
    if (scroll) ensureVisible(i);
    else drawOverview();
  }

  function beadSentences(i) {
    const b = S.beads[i];
    const out = [];
    for (let k = 0; k < b.ns; k++) out.push({ side: 'src', id: S.srcStart[i] + k });
    for (let k = 0; k < b.nt; k++) out.push({ side: 'tgt', id: S.tgtStart[i] + k });
    return out;
  }

  function stepSentence(delta) {
    const sents = beadSentences(S.sel);
    if (!sents.length) return;
    let k = S.selSent ? sents.findIndex((s) => s.side === S.selSent.side && s.id === S.selSent.id) : -1;
    k = k < 0 ? (delta > 0 ? 0 : sents.length - 1) : (k + delta + sents.length) % sents.length;
    select(S.sel, sents[k]);
  }

  function stepBead(delta) {
    const p = S.pos[S.sel] + delta;
    if (p >= 0 && p < S.order.length) select(S.order[p], null);
  }

  // --------------------------------------------------------------- overview

  function drawOverviewBase() {
    const canvas = $('overview');
    const pane = $('overview-pane');
    const dpr = window.devicePixelRatio || 1;
    const w = Math.max(120, pane.clientWidth - 16);
    const h = Math.max(120, pane.clientHeight - $('legend').offsetHeight - 16);
    canvas.style.width = `${w}px`;
    canvas.style.height = `${h}px`;
    canvas.width = Math.round(w * dpr);
    canvas.height = Math.round(h * dpr);
    const base = document.createElement('canvas');
    base.width = canvas.width;
    base.height = canvas.height;
    const ctx = base.getContext('2d');
    ctx.scale(dpr, dpr);
    const pad = 16;
    const nsrc = Math.max(1, S.src.sents.length);
    const ntgt = Math.max(1, S.tgt.sents.length);
    const g = { pad, w, h, dpr, sx: (w - pad - 4) / nsrc, sy: (h - pad - 4) / ntgt };
    S.ovGeom = g;
    ctx.fillStyle = '#fbfbfd';
    ctx.fillRect(0, 0, w, h);
    ctx.strokeStyle = '#e3e5ea';
    ctx.lineWidth = 1;
    ctx.strokeRect(pad + 0.5, pad + 0.5, w - pad - 4, h - pad - 4);
    ctx.fillStyle = '#667';
    ctx.font = '10px sans-serif';
    ctx.fillText(`${S.src.lang || 'src'} → (${S.src.sents.length})`, pad, 11);
    ctx.save();
    ctx.translate(3, pad);
    ctx.rotate(Math.PI / 2);
    ctx.fillText(`${S.tgt.lang || 'tgt'} → (${S.tgt.sents.length})`, 0, 0);
    ctx.restore();
    // low-confidence stretches: a wide pale red halo under the path
    ctx.fillStyle = 'rgba(220, 38, 38, 0.22)';
    for (let i = 0; i < S.beads.length; i++) {
      const b = S.beads[i];
      if (b.st === 'a' && b.score < LOW) {
        const r = beadRect(i, g);
        ctx.fillRect(r.x - 4, r.y - 4, r.w + 8, r.h + 8);
      }
    }
    for (let i = 0; i < S.beads.length; i++) {
      const b = S.beads[i];
      const r = beadRect(i, g);
      ctx.fillStyle = b.st === 'c' ? '#2563eb' : b.st === 'r' ? '#7c3aed' : scoreColour(b.score);
      ctx.fillRect(r.x, r.y, r.w, r.h);
    }
    S.ovBase = base;
  }

  function beadRect(i, g) {
    const b = S.beads[i];
    const x = g.pad + S.srcStart[i] * g.sx;
    const y = g.pad + S.tgtStart[i] * g.sy;
    return { x, y, w: Math.max(2, b.ns * g.sx), h: Math.max(2, b.nt * g.sy) };
  }

  function drawOverview() {
    const canvas = $('overview');
    const g = S.ovGeom;
    if (!S.ovBase || !g) return;
    const ctx = canvas.getContext('2d');
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.drawImage(S.ovBase, 0, 0);
    ctx.scale(g.dpr, g.dpr);
    if (!S.beads.length) return;
    // the part of the document shown in the list (document view only: it is contiguous there)
    if (S.view === 'all' && S.order.length) {
      const a = firstAt(list.scrollTop);
      const z = firstAt(list.scrollTop + list.clientHeight);
      const ra = beadRect(S.order[a], g);
      const rz = beadRect(S.order[z], g);
      ctx.fillStyle = 'rgba(37, 99, 235, 0.10)';
      ctx.strokeStyle = 'rgba(37, 99, 235, 0.6)';
      ctx.lineWidth = 1;
      const x = ra.x - 3;
      const y = ra.y - 3;
      ctx.fillRect(x, y, rz.x + rz.w - x + 3, rz.y + rz.h - y + 3);
      ctx.strokeRect(x, y, rz.x + rz.w - x + 3, rz.y + rz.h - y + 3);
    }
    const r = beadRect(S.sel, g);
    ctx.strokeStyle = '#111';
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.arc(r.x + r.w / 2, r.y + r.h / 2, 6, 0, 2 * Math.PI);
    ctx.stroke();
  }

  function overviewClick(ev) {
    const g = S.ovGeom;
    if (!g || !S.beads.length) return;
    const box = $('overview').getBoundingClientRect();
    const x = ev.clientX - box.left;
    const y = ev.clientY - box.top;
    let best = 0;
    let bestD = Infinity;
    for (let i = 0; i < S.beads.length; i++) {
      const r = beadRect(i, g);
      const dx = Math.max(r.x - x, 0, x - (r.x + r.w));
      const dy = Math.max(r.y - y, 0, y - (r.y + r.h));
      const d = dx * dx + dy * dy;
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    if (S.view !== 'all') setView('all');
    select(best, null);
  }

  // -------------------------------------------------------------- operations

  async function op(name, args, focus) {
    if (S.busy) return;
    S.busy = true;
    const before = { sel: S.sel, p: S.pos[S.sel] };
    try {
      const res = await api('POST', 'api/op', { op: name, rev: S.rev, ...args });
      await applyResult(res, focus, before);
      msg('');
    } catch (e) {
      if (e.status === 409) {
        await loadState();
        msg(e.message, true);
      } else {
        msg(e.message, true);
      }
    } finally {
      S.busy = false;
    }
  }

  async function applyResult(res, focus, before) {
    setCounts(res);
    const d = res.delta;
    if (!d) return;
    if (res.rev !== S.rev + 1) {
      await loadState();
      return;
    }
    S.rev = res.rev;
    const inserted = d.insert.map(rowToBead);
    S.beads.splice(d.start, d.remove, ...inserted);
    S.heights.splice(d.start, d.remove, ...inserted.map(() => 0));
    S.est.splice(d.start, d.remove, ...inserted.map(() => 40));
    for (const [side, id, text, orig] of d.edits) {
      S[side].sents[id] = text;
      if (text !== orig) S[side].orig.set(id, orig);
      else S[side].orig.delete(id);
    }
    recompute();
    for (let k = 0; k < inserted.length; k++) S.est[d.start + k] = estimate(d.start + k);
    for (const [side, id] of d.edits) {
      const b = beadOf(side, id);
      if (b >= 0) S.heights[b] = 0; // its text changed: measure it again
    }
    rebuildOrder();
    let sel = d.start;
    if (typeof focus === 'function') sel = focus(d, inserted, before);
    S.sel = Math.max(0, Math.min(S.beads.length - 1, sel));
    if (!(d.edits.length && S.selSent)) S.selSent = null;
    refresh();
    ensureVisible(S.sel);
  }

  function advance(d, inserted, before) {
    // after confirm/reject: on to the next bead of the current view
    if (S.view === 'review') return S.order[Math.min(before.p, S.order.length - 1)];
    return Math.min(before.sel + 1, S.beads.length - 1);
  }

  const ACTIONS = {
    merge_next: () => op('merge_next', { index: S.sel }),
    merge_prev: () => op('merge_prev', { index: S.sel }),
    split: () => {
      if (!S.selSent) {
        msg('Select a sentence first (click it, or ← →): the bead is split before it.', true);
        return;
      }
      op('split', { index: S.sel, ...splitArgs(S.sel, S.selSent) });
    },
    src_up: () => move('move_up', 'src'),
    src_down: () => move('move_down', 'src'),
    tgt_up: () => move('move_up', 'tgt'),
    tgt_down: () => move('move_down', 'tgt'),
    confirm: () => verdict('c'),
    reject: () => verdict('r'),
    edit: () => startEdit(),
    undo: () => op('undo', {}),
    redo: () => op('redo', {}),
    next_review: () => nextToReview(),
  };

  function move(name, side) {
    const index = S.sel;
    op(name, { index, side }, (d, inserted) => {
      if (name === 'move_up') return inserted.length === 2 ? index : index - 1;
      return index;
    });
  }

  function verdict(code) {
    const b = S.beads[S.sel];
    if (!b) return;
    const name = b.st === code ? 'unmark' : code === 'c' ? 'confirm' : 'reject';
    op(name, { index: S.sel }, name === 'unmark' ? (d) => d.start : advance);
  }

  function splitArgs(i, sent) {
    const b = S.beads[i];
    const onSrc = sent.side === 'src';
    const start = onSrc ? S.srcStart[i] : S.tgtStart[i];
    const n = onSrc ? b.ns : b.nt;
    const other = onSrc ? b.nt : b.ns;
    const at = sent.id - start; // the selected sentence starts the second bead
    const otherAt = at === 0 ? other : Math.round((other * at) / n);
    return onSrc ? { src_at: at, tgt_at: otherAt } : { src_at: otherAt, tgt_at: at };
  }

  function nextToReview() {
    let best = -1;
    for (let i = 0; i < S.beads.length; i++) {
      const b = S.beads[i];
      if (b.st === 'a' && i !== S.sel && (best < 0 || b.score < S.beads[best].score)) best = i;
    }
    if (best < 0) msg('Every bead is reviewed.');
    else select(best, null);
  }

  function setView(view) {
    S.view = view;
    for (const b of document.querySelectorAll('button.view')) b.classList.toggle('active', b.dataset.view === view);
    rebuildOrder();
    if (view === 'review' && S.order.length) {
      S.sel = S.order[0];
      S.selSent = null;
    }
    list.scrollTop = 0;
    refresh();
    ensureVisible(S.sel);
  }

  // ------------------------------------------------------------------ edit

  function startEdit() {
    if (!S.beads.length) return;
    if (!S.selSent) {
      const sents = beadSentences(S.sel);
      if (!sents.length) return;
      select(S.sel, sents[0]);
    }
    ensureVisible(S.sel);
    const row = S.rows.get(S.sel);
    if (!row) return;
    const { side, id } = S.selSent;
    const node = [...row.querySelectorAll('.sent')].find(
      (s) => s.dataset.side === side && Number(s.dataset.id) === id,
    );
    if (!node) return;
    const ta = el('textarea', 'editor');
    ta.value = S[side].sents[id];
    ta.rows = Math.max(2, Math.ceil(ta.value.length / 50));
    ta.setAttribute('aria-label', `edit ${S[side].lang || side} sentence ${id}`);
    node.replaceWith(ta);
    S.editing = { bead: S.sel, side, id, ta };
    ta.focus();
    let done = false;
    const finish = (save) => {
      if (done) return;
      done = true;
      S.editing = null;
      const text = ta.value.replace(/\s*[\r\n]+\s*/g, ' ').trim();
      if (save && text !== S[side].sents[id]) {
        op('edit_text', { side, sid: id, text }, () => S.sel);
      } else {
        refresh();
      }
      list.focus();
    };
    ta.addEventListener('keydown', (ev) => {
      ev.stopPropagation();
      if (ev.key === 'Enter' && !ev.shiftKey) {
        ev.preventDefault();
        finish(true);
      } else if (ev.key === 'Escape') {
        ev.preventDefault();
        finish(false);
      }
    });
    ta.addEventListener('blur', () => finish(false));
  }

  // ---------------------------------------------------------------- export

  async function exportNow() {
    const format = $('export-format').value;
    const confirmedOnly = $('export-confirmed').checked;
    msg('Exporting…');
    try {
      const res = await api('POST', 'api/export', { format, confirmed_only: confirmedOnly });
      msg(`Exported to ${res.written.join(', ')} (in the output folder)`);
      document.body.dataset.exported = res.written.join(',');
    } catch (e) {
      msg(e.message, true);
    }
  }

  // ------------------------------------------------------------------- input

  function onKey(ev) {
    const tag = (ev.target && ev.target.tagName) || '';
    if (S.editing || tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return;
    const k = ev.key;
    if (tag === 'BUTTON' && (k === 'Enter' || k === ' ')) return; // the button's own click
    if (ev.ctrlKey || ev.metaKey) {
      const lower = k.toLowerCase();
      if (lower === 'z' && !ev.shiftKey) ACTIONS.undo();
      else if (lower === 'y' || (lower === 'z' && ev.shiftKey)) ACTIONS.redo();
      else return;
      ev.preventDefault();
      return;
    }
    if (ev.altKey) return;
    const keys = {
      ArrowDown: () => stepBead(1),
      j: () => stepBead(1),
      ArrowUp: () => stepBead(-1),
      k: () => stepBead(-1),
      ArrowRight: () => stepSentence(1),
      l: () => stepSentence(1),
      ArrowLeft: () => stepSentence(-1),
      h: () => stepSentence(-1),
      m: ACTIONS.merge_next,
      M: ACTIONS.merge_prev,
      s: ACTIONS.split,
      '[': ACTIONS.src_up,
      ']': ACTIONS.src_down,
      '{': ACTIONS.tgt_up,
      '}': ACTIONS.tgt_down,
      c: ACTIONS.confirm,
      x: ACTIONS.reject,
      e: ACTIONS.edit,
      Enter: ACTIONS.edit,
      z: ACTIONS.undo,
      y: ACTIONS.redo,
      Z: ACTIONS.redo,
      n: ACTIONS.next_review,
      v: () => setView(S.view === 'all' ? 'review' : 'all'),
      '?': () => {
        $('help').hidden = !$('help').hidden;
      },
      Escape: () => {
        $('help').hidden = true;
      },
    };
    const fn = keys[k];
    if (fn) {
      ev.preventDefault();
      fn();
    }
  }

  function onListClick(ev) {
    if (S.editing) return;
    const sent = ev.target.closest('.sent');
    const row = ev.target.closest('.bead');
    if (!row) return;
    const i = Number(row.dataset.i);
    select(i, sent ? { side: sent.dataset.side, id: Number(sent.dataset.id) } : null, false);
  }

  function onListDblClick(ev) {
    if (ev.target.closest('.sent')) {
      onListClick(ev);
      startEdit();
    }
  }

  function init() {
    list = $('list');
    spacer = $('spacer');
    list.addEventListener('scroll', scheduleRender, { passive: true });
    list.addEventListener('click', onListClick);
    list.addEventListener('dblclick', onListDblClick);
    document.addEventListener('keydown', onKey);
    for (const btn of document.querySelectorAll('#toolbar button[data-action]')) {
      btn.addEventListener('mousedown', (ev) => ev.preventDefault()); // keep focus on the list
      btn.addEventListener('click', () => ACTIONS[btn.dataset.action]());
    }
    for (const btn of document.querySelectorAll('button.view')) {
      btn.addEventListener('click', () => setView(btn.dataset.view));
    }
    $('export-btn').addEventListener('click', exportNow);
    $('help-btn').addEventListener('click', () => {
      $('help').hidden = !$('help').hidden;
    });
    $('help').addEventListener('click', () => {
      $('help').hidden = true;
    });
    $('overview').addEventListener('click', overviewClick);
    window.addEventListener('resize', () => {
      S.heights.fill(0);
      clearRows();
      layout();
      drawOverviewBase();
      render();
    });
    if (!TOKEN) {
      msg('No access token in the address: open the URL that `bitext review` printed.', true);
      return;
    }
    loadState()
      .then(() => {
        list.focus();
        document.body.dataset.ready = '1';
      })
      .catch((e) => msg(`Could not load the alignment: ${e.message}`, true));
  }

  document.addEventListener('DOMContentLoaded', init);
})();
