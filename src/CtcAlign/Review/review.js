// CtcAlign review page: reads the JSON block written by `ctcalign review`, draws the timeline, fills the table
// and plays lines. Caption text is only ever set as textContent (never as HTML).
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("review-data").textContent);
  const lines = data.lines;
  const duration = Math.max(data.duration || 0, ...lines.map(l => Math.max(l.e || 0, l.he || 0)), 1);
  const COLORS = { aligned: "#2f9e44", low_confidence: "#e8a10a", not_aligned: "#d9382c" };
  const STATUS_NAMES = { aligned: "aligned", low_confidence: "low confidence", not_aligned: "not aligned" };
  const STATUS_ORDER = { not_aligned: 0, low_confidence: 1, aligned: 2 };
  const $ = id => document.getElementById(id);
  const audio = $("audio");
  const el = (tag, props, text) => {
    const e = document.createElement(tag);
    if (props) Object.assign(e, props);
    if (text !== undefined) e.textContent = text;
    return e;
  };

  // ---- formatting -------------------------------------------------------------------------------------------
  function time(t, digits) {
    if (t === undefined || t === null) return "–";
    digits = digits === undefined ? 2 : digits;
    const sign = t < 0 ? "-" : "";
    t = Math.abs(t);
    const h = Math.floor(t / 3600), m = Math.floor(t / 60) % 60, s = t - 3600 * h - 60 * m;
    const ss = s.toFixed(digits).padStart(digits ? 3 + digits : 2, "0");
    return sign + (h ? h + ":" + String(m).padStart(2, "0") : String(m)) + ":" + ss;
  }
  const num = (x, d) => x === undefined || x === null ? "–" : x.toFixed(d);
  const signed = x => x === null ? "–" : (x > 0 ? "+" : x < 0 ? "−" : "±") + Math.abs(x).toFixed(2) + " s";
  // Where a line plays: its aligned span, or its caption times when it was not placed.
  const span = l => l.s !== undefined ? [l.s, l.e] : l.hs !== undefined ? [l.hs, l.he] : null;
  const shift = l => l.s !== undefined && l.hs !== undefined ? l.s - l.hs : null;
  // Confidence as opacity: rho -1 and above fully drawn, -8 and below faint.
  const alphaOf = l => l.rho === undefined ? 0.35 : 0.3 + 0.7 * Math.min(1, Math.max(0, (l.rho + 8) / 7));
  const wordColor = c => "hsl(" + Math.round(120 * Math.min(1, Math.max(0, c))) + ", 70%, " + (82 - 10 * (1 - c)).toFixed(0) + "%)";

  // ---- header ---------------------------------------------------------------------------------------------
  document.title = data.id + " · CtcAlign review";
  $("media-id").textContent = data.id;
  $("index-link").href = data.index;
  const counts = { aligned: 0, low_confidence: 0, not_aligned: 0 };
  lines.forEach(l => counts[l.st]++);
  $("media-facts").textContent = data.path + " · " + time(data.duration, 1) + " · " + lines.length + " lines: " +
    counts.aligned + " aligned, " + counts.low_confidence + " low confidence, " + counts.not_aligned + " not aligned · model " +
    data.model + " · aligned " + data.aligned;
  for (const st in counts) $("count-" + st).textContent = counts[st];
  const notice = msg => { const n = $("audio-note"); n.textContent = msg; n.classList.add("notice"); };
  $("audio-note").textContent = "Audio: " + data.audio.note;
  if (data.audio.src) audio.src = data.audio.src; else audio.hidden = true;
  audio.addEventListener("error", () => notice("The audio could not be played (" + data.audio.note +
    "). Rerun `ctcalign review` with --copy-audio to write a copy the browser can play."));

  // ---- histogram -------------------------------------------------------------------------------------------
  const hmax = Math.max(1, ...data.histogram.map(b => b[1]));
  for (const [label, n] of data.histogram) {
    const row = el("div", { className: "bar-row" + (label === "not aligned" ? " na" : "") });
    row.append(el("span", null, label), el("div", { className: "bar" }), el("span", { className: "n" }, String(n)));
    row.children[1].style.width = (100 * n / hmax) + "%";
    $("histogram").append(row);
  }

  // ---- waveform peaks -----------------------------------------------------------------------------------------
  let peaks = null, pps = 0;
  if (data.waveform) {
    const bin = atob(data.waveform.peaks);
    peaks = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) peaks[i] = bin.charCodeAt(i);
    pps = data.waveform.pps;
  }
  // Largest peak over [t0, t1), 0..1, drawn with a gamma so quiet speech still shows.
  function peakAt(t0, t1) {
    if (!peaks) return 0;
    let i0 = Math.max(0, Math.floor(t0 * pps)), i1 = Math.min(peaks.length, Math.max(i0 + 1, Math.ceil(t1 * pps)));
    let m = 0;
    for (let i = i0; i < i1; i++) if (peaks[i] > m) m = peaks[i];
    return Math.pow(m / 255, 0.6);
  }

  // ---- state ------------------------------------------------------------------------------------------------
  let selected = null;          // the selected line
  let stopAt = null;            // where playback of a line ends
  let view = { t0: 0, dur: duration };
  let dirty = true;

  // ---- table ------------------------------------------------------------------------------------------------
  // Sortable columns; the first click sorts ascending, or descending where first is -1 (largest first), the next
  // click reverses. A new per-line score is one more entry here (and a key in ReviewLineOrder for "worst first").
  const COLUMNS = [
    { key: "index", label: "#", cls: "num", w: 52, value: l => l.i, cell: l => String(l.i) },
    { key: "start", label: "start", cls: "t", w: 76, value: l => span(l) ? span(l)[0] : Infinity, cell: l => time(l.s) },
    { key: "end", label: "end", cls: "t", w: 76, value: l => span(l) ? span(l)[1] : Infinity, cell: l => time(l.e) },
    { key: "caption", label: "caption time", cls: "t", w: 124, value: l => l.hs === undefined ? Infinity : l.hs,
      cell: l => l.hs === undefined ? "–" : time(l.hs, 1) + "–" + time(l.he, 1) },
    { key: "moved", label: "moved", cls: "num", w: 78, first: -1, value: l => shift(l) === null ? -1 : Math.abs(shift(l)), cell: l => signed(shift(l)) },
    { key: "rho", label: "rho", cls: "num", w: 62, value: l => l.rho === undefined ? -Infinity : l.rho, cell: l => num(l.rho, 2) },
    { key: "p", label: "p", cls: "num", w: 56, value: l => l.p === undefined ? -1 : l.p, cell: l => num(l.p, 2) },
    { key: "wer", label: "WER", cls: "num", w: 56, first: -1, value: l => l.wer === undefined ? -1 : l.wer, cell: l => num(l.wer, 2) },
    { key: "status", label: "status", w: 128, value: l => STATUS_ORDER[l.st], cell: l => STATUS_NAMES[l.st], st: true },
    { key: "text", label: "text", cls: "text", value: l => l.text.toLowerCase(), cell: l => l.text },
    { key: "why", label: "reason", cls: "why", w: "30%", value: l => (l.why || "").toLowerCase(), cell: l => l.why || "" },
  ];
  const WORST = { key: "worst", value: l => l.w };
  const table = $("lines"), tbody = table.querySelector("tbody"), headRow = table.querySelector("thead tr");
  const colgroup = el("colgroup");
  for (const c of COLUMNS) {
    const col = el("col");
    if (c.w) col.style.width = typeof c.w === "number" ? c.w + "px" : c.w;
    colgroup.append(col);
    const th = el("th", { className: c.cls || "" });
    th.dataset.key = c.key;
    const b = el("button", { type: "button", title: "sort by " + c.label }, c.label);
    b.addEventListener("click", () => sortBy(c, sort.col === c ? -sort.dir : c.first || 1));
    th.append(b);
    headRow.append(th);
  }
  table.prepend(colgroup);
  // One row element per line, made when first shown. Only the rows in (and near) the scrolled-to window are in the
  // document, between two spacer rows, so thousands of lines scroll as lightly as forty.
  const rows = new Map();
  function rowOf(l) {
    let tr = rows.get(l);
    if (tr) return tr;
    tr = el("tr", { className: "line" });
    tr.dataset.index = l.i;
    tr.dataset.status = l.st;
    for (const c of COLUMNS) {
      const td = el("td", { className: (c.cls || "") + (c.st ? " st-" + l.st : "") });
      if (c.st) td.append(el("span", { className: "chip st-" + l.st }, c.cell(l)));
      else td.textContent = c.cell(l);
      if (c.key === "text" || c.key === "why") td.title = c.cell(l);
      tr.append(td);
    }
    if (l === selected) tr.classList.add("selected");
    tr.addEventListener("click", () => { select(l, true); playLine(l); });
    rows.set(l, tr);
    return tr;
  }
  const scroller = $("table-scroll");
  const spacerTop = el("tr", { className: "spacer" }), spacerBottom = el("tr", { className: "spacer" });
  spacerTop.append(el("td", { colSpan: COLUMNS.length })); spacerBottom.append(el("td", { colSpan: COLUMNS.length }));
  let rowHeight = 0;
  const BLOCK = 40;
  let order = lines.slice();   // table order (sorted)
  let shownOrder = order;      // table order, filtered
  let sort = { col: null, dir: 1 };
  let rendered = "";
  function renderRows(force) {
    if (!rowHeight) {
      tbody.replaceChildren(rowOf(shownOrder[0] || lines[0]));
      rowHeight = Math.max(18, tbody.firstChild.getBoundingClientRect().height) || 26;
    }
    // whole blocks of rows, from the block before the window to the one after it: small scrolls change nothing
    const headH = table.tHead.getBoundingClientRect().height;
    const top = Math.max(0, Math.floor((scroller.scrollTop - headH) / rowHeight));
    const bottom = top + Math.ceil(scroller.clientHeight / rowHeight);
    const first = Math.max(0, (Math.floor(top / BLOCK) - 1) * BLOCK);
    const last = Math.min(shownOrder.length, (Math.floor(bottom / BLOCK) + 2) * BLOCK);
    const key = first + ":" + last;
    if (!force && key === rendered) return;
    rendered = key;
    spacerTop.firstChild.style.height = first * rowHeight + "px";
    spacerBottom.firstChild.style.height = (shownOrder.length - last) * rowHeight + "px";
    tbody.replaceChildren(spacerTop, ...shownOrder.slice(first, last).map(rowOf), spacerBottom);
  }
  let scrollQueued = false;
  scroller.addEventListener("scroll", () => {
    if (scrollQueued) return;
    scrollQueued = true;
    requestAnimationFrame(() => { scrollQueued = false; renderRows(false); });
  });
  window.addEventListener("resize", () => renderRows(false));
  // Scrolls the table so the line's row is in view (when it is shown at all).
  function revealRow(l) {
    const i = shownOrder.indexOf(l);
    if (i < 0) return;
    const headH = table.tHead.getBoundingClientRect().height, top = headH + i * rowHeight;
    if (top - headH < scroller.scrollTop) scroller.scrollTop = top - headH;
    else if (top + rowHeight > scroller.scrollTop + scroller.clientHeight) scroller.scrollTop = top + rowHeight - scroller.clientHeight;
    renderRows(false);
  }
  function sortBy(col, dir) {
    sort = { col, dir };
    order = lines.slice().sort((a, b) => {
      const x = col.value(a), y = col.value(b);
      return (x < y ? -dir : x > y ? dir : 0) || a.w - b.w;
    });
    for (const th of headRow.children)
      th.setAttribute("aria-sort", col.key === th.dataset.key ? (dir > 0 ? "ascending" : "descending") : "none");
    $("sort-worst").classList.toggle("active", col === WORST);
    refilter();
  }
  $("sort-worst").addEventListener("click", () => sortBy(WORST, 1));

  // ---- filters ----------------------------------------------------------------------------------------------
  const shown = new Set(Object.keys(counts));
  let query = "";
  const visible = l => shown.has(l.st) && (!query || l.text.toLowerCase().includes(query));
  function refilter() {
    shownOrder = order.filter(visible);
    const n = shownOrder.length;
    $("shown").textContent = n === lines.length ? lines.length + " lines" : n + " of " + lines.length + " lines shown";
    renderRows(true);
    if (selected) revealRow(selected);
    dirty = true;
  }
  document.querySelectorAll("input[data-status]").forEach(cb => cb.addEventListener("change", () => {
    if (cb.checked) shown.add(cb.dataset.status); else shown.delete(cb.dataset.status);
    refilter();
  }));
  $("search").addEventListener("input", e => { query = e.target.value.trim().toLowerCase(); refilter(); });

  // ---- selection, detail and playback -------------------------------------------------------------------------
  function select(l, keepView) {
    if (selected && rows.has(selected)) rows.get(selected).classList.remove("selected");
    selected = l;
    rowOf(l).classList.add("selected");
    revealRow(l);
    const sp = span(l);
    if (sp && !keepView && (sp[0] < view.t0 || sp[1] > view.t0 + view.dur)) zoomTo(sp, false);
    else if (sp && keepView && (sp[1] < view.t0 || sp[0] > view.t0 + view.dur)) setView(sp[0] - view.dur / 4, view.dur);
    showDetail(l);
    if (history.replaceState) try { history.replaceState(null, "", "#line=" + l.i); } catch (e) { /* some file:// setups refuse */ }
    dirty = true;
  }
  function showDetail(l) {
    const d = $("detail");
    d.textContent = "";
    const head = el("div");
    head.append(el("b", null, "line " + l.i + " "), el("span", { className: "chip st-" + l.st }, STATUS_NAMES[l.st]));
    d.append(head, el("p", { className: "text" }, l.text));
    const dl = el("dl");
    const add = (k, v) => { dl.append(el("dt", null, k), el("dd", null, v)); };
    add("aligned", l.s === undefined ? "not placed" : time(l.s) + " – " + time(l.e) + " (" + (l.e - l.s).toFixed(2) + " s)");
    if (l.hs !== undefined) add("caption", time(l.hs) + " – " + time(l.he) + (shift(l) === null ? "" : " (moved " + signed(shift(l)) + ")"));
    add("rho", num(l.rho, 2));
    if (l.p !== undefined) add("p_correct", num(l.p, 2));
    if (l.wer !== undefined) add("caption WER", num(l.wer, 2));
    add("rank", (l.w + 1) + " of " + lines.length + " (worst first)");
    if (l.why) add("reason", l.why);
    if (l.note) add("re-ranking", l.note);
    d.append(dl);
    if (l.words) {
      const words = el("div", { className: "words" });
      for (const [w, s, e, c] of l.words) {
        const sp = el("span", { title: time(s) + " – " + time(e) + ", confidence " + c.toFixed(2) }, w);
        sp.style.background = wordColor(c);
        sp.addEventListener("click", () => playSpan(s, e));
        words.append(sp);
      }
      d.append(words, el("p", { className: "muted" }, "Words shaded by confidence (green sure, red doubtful); click one to hear it."));
    }
  }
  function playSpan(a, b) {
    stopAt = b;
    audio.currentTime = a;
    const p = audio.play();
    if (p && p.catch) p.catch(err => { if (err.name !== "AbortError") notice("Playback failed: " + err.message); });
    dirty = true;
  }
  function playLine(l) {
    const sp = span(l);
    if (!sp || !data.audio.src) return;
    playSpan(sp[0], sp[1]);
  }
  function checkStop() {
    if (stopAt !== null && audio.currentTime >= stopAt) { audio.pause(); stopAt = null; }
  }
  audio.addEventListener("timeupdate", () => { checkStop(); dirty = true; });
  const markPlaying = on => {
    document.querySelectorAll("#lines tr.playing").forEach(tr => tr.classList.remove("playing"));
    if (on && selected) rowOf(selected).classList.add("playing");
    dirty = true;
  };
  audio.addEventListener("play", () => markPlaying(true));
  audio.addEventListener("pause", () => markPlaying(false));
  audio.addEventListener("seeking", () => { dirty = true; });

  // ---- keyboard ---------------------------------------------------------------------------------------------
  function step(delta) {
    const vis = shownOrder;
    if (!vis.length) return;
    let i = selected ? vis.indexOf(selected) : -1;
    i = i < 0 ? (delta > 0 ? 0 : vis.length - 1) : Math.min(vis.length - 1, Math.max(0, i + delta));
    select(vis[i]);
    playLine(vis[i]);
  }
  function nextWorst() {
    const vis = lines.filter(visible).sort((a, b) => a.w - b.w);
    if (!vis.length) return;
    const next = vis.find(l => selected && l.w > selected.w) || vis[0];
    select(next);
    playLine(next);
  }
  document.addEventListener("keydown", e => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const t = e.target;
    if (t && (t.tagName === "INPUT" && t.type !== "checkbox" || t.tagName === "TEXTAREA" || t.isContentEditable)) return;
    switch (e.key) {
      case "j": step(1); break;
      case "k": step(-1); break;
      case "w": nextWorst(); break;
      case " ":
        if (audio.paused) {
          const sp = selected && span(selected);
          if (sp && (audio.currentTime < sp[0] || audio.currentTime >= sp[1])) playLine(selected);
          else { if (stopAt !== null && audio.currentTime >= stopAt) stopAt = null; audio.play().catch(() => {}); }
        } else audio.pause();
        break;
      case "Enter": if (selected) playLine(selected); else return; break;
      case "+": case "=": zoom(0.5, view.t0 + view.dur / 2); break;
      case "-": zoom(2, view.t0 + view.dur / 2); break;
      case "z": if (selected && span(selected)) zoomTo(span(selected), true); break;
      case "0": setView(0, duration); break;
      default: return;
    }
    e.preventDefault();
  });

  // ---- timeline drawing -------------------------------------------------------------------------------------
  const canvas = $("timeline"), ov = $("overview");
  const ctx = canvas.getContext("2d"), octx = ov.getContext("2d");
  const ROW = { ruler: [0, 16], hint: [20, 30], line: [34, 56], wave: [60, 152], words: [158, 196] };
  let width = 0, ovWidth = 0;
  function resize() {
    const r = window.devicePixelRatio || 1;
    width = canvas.clientWidth; ovWidth = ov.clientWidth;
    for (const [c, h] of [[canvas, 200], [ov, 36]]) {
      c.width = Math.max(1, Math.round(c.clientWidth * r)); c.height = Math.round(h * r);
      c.getContext("2d").setTransform(r, 0, 0, r, 0, 0);
    }
    dirty = true;
  }
  const xOf = t => (t - view.t0) / view.dur * width;
  const tOf = x => view.t0 + x / width * view.dur;
  function setView(t0, dur) {
    dur = Math.min(duration, Math.max(0.5, dur));
    view = { t0: Math.min(Math.max(0, t0), duration - dur), dur };
    dirty = true;
  }
  function zoom(factor, around) { const f = (around - view.t0) / view.dur; const d = view.dur * factor; setView(around - f * d, d); }
  function zoomTo(sp, tight) { const d = Math.max(tight ? 1 : 8, (sp[1] - sp[0]) * (tight ? 1.6 : 4)); setView((sp[0] + sp[1]) / 2 - d / 2, d); }
  $("zoom-in").addEventListener("click", () => zoom(0.5, view.t0 + view.dur / 2));
  $("zoom-out").addEventListener("click", () => zoom(2, view.t0 + view.dur / 2));
  $("zoom-all").addEventListener("click", () => setView(0, duration));
  $("zoom-line").addEventListener("click", () => { if (selected && span(selected)) zoomTo(span(selected), true); });

  function tickStep(dur) {
    const target = dur / Math.max(1, width / 90);
    for (const s of [0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600]) if (s >= target) return s;
    return 7200;
  }
  function draw() {
    const w = width, t1 = view.t0 + view.dur;
    ctx.clearRect(0, 0, w, 200);
    // ruler
    ctx.fillStyle = "#6b7078"; ctx.font = "11px system-ui, sans-serif"; ctx.textBaseline = "top";
    const st = tickStep(view.dur);
    for (let t = Math.ceil(view.t0 / st) * st; t <= t1; t += st) {
      const x = Math.round(xOf(t)) + 0.5;
      ctx.fillRect(x, 12, 1, 4);
      ctx.fillText(time(t, st < 1 ? 1 : 0), x + 2, 1);
    }
    // waveform
    const [wy0, wy1] = ROW.wave, mid = (wy0 + wy1) / 2, half = (wy1 - wy0) / 2;
    if (selected && span(selected)) {
      const [a, b] = span(selected);
      ctx.fillStyle = "rgba(28,100,209,0.10)";
      ctx.fillRect(xOf(a), wy0, Math.max(1, xOf(b) - xOf(a)), wy1 - wy0);
    }
    ctx.fillStyle = "#55606e";
    if (peaks) {
      const px = view.dur / w;
      for (let x = 0; x < w; x++) {
        const h = Math.max(0.5, peakAt(view.t0 + x * px, view.t0 + (x + 1) * px) * half);
        ctx.fillRect(x, mid - h, 1, 2 * h);
      }
    } else {
      ctx.fillText("no waveform (the audio could not be read when the page was made)", 6, mid - 6);
    }
    // lines: caption times above, aligned regions below
    const visLines = lines.filter(l => visible(l));
    for (const l of visLines) {
      if (l.hs !== undefined && l.he > view.t0 && l.hs < t1) {
        ctx.strokeStyle = l === selected ? "#1c64d1" : "#9aa0a8";
        ctx.lineWidth = l === selected ? 2 : 1;
        ctx.strokeRect(xOf(l.hs) + 0.5, ROW.hint[0] + 0.5, Math.max(1, xOf(l.he) - xOf(l.hs) - 1), ROW.hint[1] - ROW.hint[0]);
      }
      const sp = span(l);
      if (!sp || sp[1] < view.t0 || sp[0] > t1) continue;
      const x0 = xOf(sp[0]), x1 = Math.max(x0 + 1, xOf(sp[1]));
      const [y0, y1] = ROW.line;
      ctx.globalAlpha = alphaOf(l);
      ctx.fillStyle = COLORS[l.st];
      if (l.st === "not_aligned") {
        ctx.strokeStyle = COLORS.not_aligned; ctx.lineWidth = 1; ctx.setLineDash([3, 2]);
        ctx.strokeRect(x0 + 0.5, y0 + 0.5, x1 - x0 - 1, y1 - y0 - 1); ctx.setLineDash([]);
        ctx.globalAlpha = 0.18; ctx.fillRect(x0, y0, x1 - x0, y1 - y0);
      } else ctx.fillRect(x0, y0, Math.max(1, x1 - x0 - 1), y1 - y0); // a pixel apart from the next line
      ctx.globalAlpha = 1;
      if (x1 - x0 > 40) {
        ctx.save(); ctx.beginPath(); ctx.rect(x0, y0, x1 - x0, y1 - y0); ctx.clip();
        ctx.fillStyle = l.st === "low_confidence" ? "#222" : l.st === "not_aligned" ? "#9a2a1f" : "#fff";
        ctx.fillText(l.text, x0 + 3, y0 + 5); ctx.restore();
      }
      if (l === selected) { ctx.strokeStyle = "#1c64d1"; ctx.lineWidth = 2; ctx.strokeRect(x0, y0 - 1, x1 - x0, y1 - y0 + 2); }
    }
    // selected line: how far it moved, and its words
    if (selected) {
      const l = selected;
      if (l.hs !== undefined && l.s !== undefined) {
        ctx.strokeStyle = "#1c64d1"; ctx.lineWidth = 1; ctx.beginPath();
        ctx.moveTo(xOf(l.hs), ROW.hint[1]); ctx.lineTo(xOf(l.s), ROW.line[0]);
        ctx.moveTo(xOf(l.he), ROW.hint[1]); ctx.lineTo(xOf(l.e), ROW.line[0]); ctx.stroke();
      }
      const [y0, y1] = ROW.words;
      for (const [word, s, e, c] of l.words || []) {
        if (e < view.t0 || s > t1) continue;
        const x0 = xOf(s), x1 = Math.max(x0 + 1, xOf(e));
        ctx.fillStyle = wordColor(c); ctx.fillRect(x0, y0, x1 - x0, y1 - y0);
        ctx.strokeStyle = "rgba(0,0,0,0.35)"; ctx.lineWidth = 1; ctx.strokeRect(x0 + 0.5, y0 + 0.5, x1 - x0 - 1, y1 - y0 - 1);
        const tw = ctx.measureText(word).width;
        if (tw + 4 < x1 - x0) { ctx.fillStyle = "#1d1f22"; ctx.fillText(word, x0 + 2, y0 + 4); }
        if (tw + 4 < x1 - x0 - 0 && y1 - y0 > 28) { ctx.fillStyle = "#555"; ctx.fillText(c.toFixed(2), x0 + 2, y0 + 20); }
      }
    } else {
      ctx.fillStyle = "#8a9099";
      ctx.fillText("select a line (click it, or press w) to see its words shaded by confidence", 6, ROW.words[0] + 12);
    }
    // playhead
    const x = xOf(audio.currentTime || 0);
    if (x >= 0 && x <= w) { ctx.fillStyle = "#c2185b"; ctx.fillRect(Math.round(x), 0, 1.5, 200); }
    drawOverview();
    const range = time(view.t0, 1) + " – " + time(t1, 1);
    if ($("view-range").textContent !== range) $("view-range").textContent = range;
  }
  let ovCache = null;
  function drawOverview() {
    const w = ovWidth;
    if (!ovCache || ovCache.w !== w || ovCache.filterKey !== filterKey()) {
      const off = document.createElement("canvas");
      const r = window.devicePixelRatio || 1;
      off.width = Math.max(1, Math.round(w * r)); off.height = Math.round(36 * r);
      const c = off.getContext("2d"); c.setTransform(r, 0, 0, r, 0, 0);
      c.fillStyle = "#aab3bf";
      const px = duration / w;
      for (let x = 0; x < w; x++) { const h = Math.max(0.5, peakAt(x * px, (x + 1) * px) * 11); c.fillRect(x, 12 - h, 1, 2 * h); }
      for (const l of lines) {
        if (!visible(l)) continue;
        const sp = span(l); if (!sp) continue;
        c.fillStyle = COLORS[l.st];
        c.fillRect(sp[0] / duration * w, l.st === "aligned" ? 26 : 24, Math.max(1, (sp[1] - sp[0]) / duration * w), l.st === "aligned" ? 8 : 12);
      }
      ovCache = { w, filterKey: filterKey(), img: off };
    }
    octx.clearRect(0, 0, w, 36);
    octx.drawImage(ovCache.img, 0, 0, w, 36);
    const x0 = view.t0 / duration * w, x1 = (view.t0 + view.dur) / duration * w;
    octx.fillStyle = "rgba(28,100,209,0.15)"; octx.fillRect(x0, 0, Math.max(2, x1 - x0), 36);
    octx.strokeStyle = "#1c64d1"; octx.lineWidth = 1; octx.strokeRect(x0 + 0.5, 0.5, Math.max(2, x1 - x0) - 1, 35);
    octx.fillStyle = "#c2185b"; octx.fillRect((audio.currentTime || 0) / duration * w, 0, 1, 36);
  }
  const filterKey = () => [...shown].sort().join() + "|" + query;

  // ---- timeline interaction ------------------------------------------------------------------------------------
  function lineAt(t, y) {
    const inHint = y >= ROW.hint[0] - 2 && y <= ROW.hint[1] + 2, inLine = y >= ROW.line[0] - 2 && y <= ROW.line[1] + 2;
    if (!inHint && !inLine) return null;
    let best = null;
    for (const l of lines) {
      if (!visible(l)) continue;
      const sp = inLine ? span(l) : (l.hs !== undefined ? [l.hs, l.he] : null);
      if (sp && t >= sp[0] && t <= sp[1] && (!best || sp[1] - sp[0] < best[1])) best = [l, sp[1] - sp[0]];
    }
    return best && best[0];
  }
  let drag = null;
  canvas.addEventListener("pointerdown", e => {
    drag = { x: e.clientX, t0: view.t0, moved: false };
    canvas.setPointerCapture(e.pointerId);
  });
  canvas.addEventListener("pointermove", e => {
    if (!drag) return;
    const dx = e.clientX - drag.x;
    if (Math.abs(dx) > 3) drag.moved = true;
    if (drag.moved) { setView(drag.t0 - dx / width * view.dur, view.dur); canvas.style.cursor = "grabbing"; }
  });
  canvas.addEventListener("pointerup", e => {
    const d = drag; drag = null; canvas.style.cursor = "";
    if (!d || d.moved) return;
    const rect = canvas.getBoundingClientRect(), x = e.clientX - rect.left, y = e.clientY - rect.top, t = tOf(x);
    if (selected && y >= ROW.words[0]) {
      const word = (selected.words || []).find(([, s, en]) => t >= s && t <= en);
      if (word) { playSpan(word[1], word[2]); return; }
    }
    const l = lineAt(t, y);
    if (l) { select(l, true); playLine(l); }
    else { stopAt = null; audio.currentTime = Math.max(0, Math.min(duration, t)); dirty = true; }
  });
  canvas.addEventListener("wheel", e => {
    e.preventDefault();
    const rect = canvas.getBoundingClientRect();
    if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) setView(view.t0 + (e.deltaX || e.deltaY) / width * view.dur, view.dur);
    else zoom(Math.exp(e.deltaY * 0.002), tOf(e.clientX - rect.left));
  }, { passive: false });
  let ovDrag = false;
  const ovMove = e => { const rect = ov.getBoundingClientRect(); setView((e.clientX - rect.left) / ovWidth * duration - view.dur / 2, view.dur); };
  ov.addEventListener("pointerdown", e => { ovDrag = true; ov.setPointerCapture(e.pointerId); ovMove(e); });
  ov.addEventListener("pointermove", e => { if (ovDrag) ovMove(e); });
  ov.addEventListener("pointerup", () => { ovDrag = false; });

  function frame() {
    if (!audio.paused) {
      checkStop();
      const t = audio.currentTime;
      if (t > view.t0 + view.dur || t < view.t0) setView(t - view.dur * 0.1, view.dur);
      dirty = true;
    }
    if (dirty) { dirty = false; draw(); }
    requestAnimationFrame(frame);
  }
  new ResizeObserver(resize).observe(canvas);
  window.addEventListener("resize", resize);

  // ---- start ------------------------------------------------------------------------------------------------
  resize();
  sortBy(WORST, 1);
  // #line=N in the address opens the page on caption line N (selected, not playing); selecting a line updates it.
  const m = /^#line=(\d+)$/.exec(location.hash);
  const first = m && lines.find(l => l.i === Number(m[1]));
  if (first) select(first);
  draw();
  requestAnimationFrame(frame);
  document.documentElement.dataset.readyMs = String(Math.round(performance.now()));
  document.documentElement.dataset.ready = "true";
})();
