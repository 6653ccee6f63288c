// For every th/td of the page's tables, whether its content fits it: the widest
// piece of text that cannot wrap must not be wider than the cell's content box.
// Latin words, numbers, serials and dates cannot wrap; Japanese text can between
// any two characters, except the package names given, which stay whole; text in
// a white-space: nowrap element (a badge) is one piece; a progress bar must keep
// its minimum width. Returns the cells that do not fit, described.
(wholeWords) => {
  const CJK = /[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/u;
  const pieces = (text) => {
    const out = [];
    for (const word of text.split(/\s+/).filter(Boolean)) {
      let rest = word;
      let latin = "";
      while (rest) {
        const whole = wholeWords.find((w) => rest.startsWith(w));
        if (whole) { if (latin) out.push(latin); latin = ""; out.push(whole); rest = rest.slice(whole.length); continue; }
        const ch = [...rest][0];
        rest = rest.slice(ch.length);
        if (CJK.test(ch)) { if (latin) out.push(latin); latin = ""; out.push(ch); } else { latin += ch; }
      }
      if (latin) out.push(latin);
    }
    return out;
  };
  const measure = (parent, text) => {
    const probe = document.createElement("span");
    probe.style.whiteSpace = "nowrap";
    probe.style.position = "absolute";
    probe.style.visibility = "hidden";
    probe.textContent = text;
    parent.appendChild(probe);
    const width = probe.getBoundingClientRect().width;
    probe.remove();
    return width;
  };
  const nowrapAncestor = (element, cell) => {
    for (let e = element; e && e !== cell; e = e.parentElement) {
      if (getComputedStyle(e).whiteSpace.startsWith("nowrap") || getComputedStyle(e).whiteSpace === "pre") return e;
    }
    return null;
  };
  const problems = [];
  let cells = 0;
  for (const cell of document.querySelectorAll("main table th, main table td")) {
    if (!cell.getClientRects().length) continue;
    cells += 1;
    const style = getComputedStyle(cell);
    const room = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    let widest = 0;
    let what = "";
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    const seen = new Set();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!node.textContent.trim() || !parent.getClientRects().length) continue;
      if (parent.closest(".visually-hidden")) continue;
      const nowrap = nowrapAncestor(parent, cell);
      if (nowrap) {
        if (seen.has(nowrap)) continue;
        seen.add(nowrap);
        const width = nowrap.getBoundingClientRect().width;
        if (width > widest) { widest = width; what = nowrap.textContent.trim(); }
        continue;
      }
      for (const piece of pieces(node.textContent)) {
        const width = measure(parent, piece);
        if (width > widest) { widest = width; what = piece; }
      }
    }
    if (widest > room + 1) {
      problems.push(`${cell.tagName} "${what}" needs ${widest.toFixed(1)}px, has ${room.toFixed(1)}px`);
    }
    for (const bar of cell.querySelectorAll(".progress")) {
      if (bar.getBoundingClientRect().width < 48) {
        problems.push(`progress bar ${bar.getBoundingClientRect().width.toFixed(1)}px wide`);
      }
    }
  }
  return { cells, problems };
}
