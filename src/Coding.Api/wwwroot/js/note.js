// Renders a note with its evidence spans as <mark> elements, built from text nodes only: note text may contain
// anything, including markup, and must never be parsed as HTML.

/**
 * Splits the text at every span boundary, so overlapping spans need no nesting: each piece knows every suggestion
 * that covers it. spans: [{ start, end, id }]. Returns [{ start, end, ids: [...] }] covering the whole text.
 */
export function segments(length, spans) {
  const cuts = new Set([0, length]);
  for (const s of spans) {
    if (s.start >= 0 && s.end <= length && s.start < s.end) { cuts.add(s.start); cuts.add(s.end); }
  }
  const points = [...cuts].sort((a, b) => a - b);
  const pieces = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i];
    const end = points[i + 1];
    const ids = spans.filter((s) => s.start <= start && s.end >= end).map((s) => s.id);
    pieces.push({ start, end, ids: [...new Set(ids)] });
  }
  return pieces;
}

/** Fills container with the note; marks carry data-suggestions (space-separated ids) and data-start/data-end. */
export function renderNote(container, text, spans, classify) {
  while (container.firstChild) container.removeChild(container.firstChild);
  for (const piece of segments(text.length, spans)) {
    const content = document.createTextNode(text.slice(piece.start, piece.end));
    if (piece.ids.length === 0) {
      container.append(content);
      continue;
    }
    const mark = document.createElement('mark');
    mark.dataset.suggestions = piece.ids.join(' ');
    mark.dataset.start = String(piece.start);
    mark.dataset.end = String(piece.end);
    const cls = classify(piece.ids);
    if (cls) mark.className = cls;
    mark.append(content);
    container.append(mark);
  }
}

/**
 * The current selection inside container as note offsets, trimmed of surrounding white space, or null. Offsets count
 * UTF-16 code units of the rendered text, which is the note text itself (white-space: pre-wrap keeps every character).
 */
export function selectionOffsets(container, text) {
  const selection = window.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  if (!container.contains(range.startContainer) || !container.contains(range.endContainer)) return null;
  const before = document.createRange();
  before.selectNodeContents(container);
  before.setEnd(range.startContainer, range.startOffset);
  let start = before.toString().length;
  let end = start + range.toString().length;
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  if (end <= start) return null;
  return { start, end, text: text.slice(start, end) };
}
