// What the page needs of the core's result (shared by both placements of the core).

/**
 * What the page needs of the core's result. Never the plain text, the fingerprints (site
 * memory) or the Markdown (sent after the view). The reader view shows the article and its
 * header: the block lists stay out, as counts.
 */
export function forPage(result, reader) {
  const { text: _text, fingerprints: _fp, markdown: _md, ...rest } = result;
  if (!reader) return rest;
  const { title, byline, site_name, reading_minutes, lang, dir, html, is_article, words, shown_words } = result;
  const copies = result.duplicates.reduce((n, g) => n + g.copies.filter((c) => !c.kept).length, 0);
  return {
    title,
    byline,
    site_name,
    reading_minutes,
    lang,
    dir,
    html,
    is_article,
    words,
    shown_words,
    counts: { hidden: result.hidden.length, duplicates: copies },
  };
}
