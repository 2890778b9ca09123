//! A chart's page to share and how other sites embed it: `chart/<id>.html`
//! (the chart's figure alone, with the Open Graph and Twitter tags of its link
//! preview) and, for a site whose address is known (`--site-url`), the
//! absolute tags (`og:image`, `og:url`, canonical), an oEmbed discovery link,
//! and the oEmbed response `oembed/<id>.json` (type `rich`: the iframe code).
//! Absolute URLs are written only here; every other link of the site is relative.

use super::poster::{Picture, CARD_SIZE};
use crate::html::{escape, IMAGE_WIDTH};
use crate::meta::ChartMeta;
use crate::store::Store;

/// `--site-url`: an http(s) address, ending in `/` so relative paths join onto it.
pub fn site_url(url: &str) -> Result<String, String> {
    let lower = url.to_ascii_lowercase();
    let scheme = lower.starts_with("https://") || lower.starts_with("http://");
    let host = url.split_once("://").map_or("", |(_, rest)| rest.split('/').next().unwrap_or(""));
    if !scheme || host.is_empty() || url.contains(|c: char| c.is_whitespace() || "\"'<>`#?".contains(c)) {
        return Err(format!(
            "--site-url {url}: give the address the site is published at, e.g. https://example.org/graphics/pk-2025/"
        ));
    }
    Ok(if url.ends_with('/') { url.to_owned() } else { format!("{url}/") })
}

/// The height to give the iframe at first, in px: the poster's (title to
/// credit) plus the page's boxes, toggle and links; auto-height corrects it.
pub fn embed_height(meta: &ChartMeta, poster: &Picture) -> u32 {
    let boxes: usize = meta.differences.iter().map(|d| 3 + d.counts.len()).sum();
    poster.height + 22 * boxes as u32 + 70
}

/// `chart/<id>.html`: the chart's figure alone (no script: the image, notes,
/// table with its quotes and the downloads), the page to share, with the tags
/// that make its link preview; absolute ones only when `site` is known.
pub fn chart_page(meta: &ChartMeta, store: &Store, figure: &str, site: Option<&str>) -> String {
    let id = escape(&meta.id);
    let title = escape(&meta.title);
    let description = escape(&meta.subtitle);
    let mut head = format!(
        "<meta property=\"og:type\" content=\"article\">\n\
         <meta property=\"og:site_name\" content=\"{}\">\n\
         <meta property=\"og:title\" content=\"{title}\">\n\
         <meta property=\"og:description\" content=\"{description}\">\n",
        escape(&store.data.title)
    );
    match site {
        Some(site) => {
            let site = escape(site);
            head.push_str(&format!(
                "<meta property=\"og:url\" content=\"{site}chart/{id}.html\">\n\
                 <meta property=\"og:image\" content=\"{site}img/{id}-card.png\">\n\
                 <meta property=\"og:image:type\" content=\"image/png\">\n\
                 <meta property=\"og:image:width\" content=\"{}\">\n\
                 <meta property=\"og:image:height\" content=\"{}\">\n\
                 <meta property=\"og:image:alt\" content=\"{}\">\n\
                 <meta name=\"twitter:card\" content=\"summary_large_image\">\n\
                 <link rel=\"canonical\" href=\"{site}chart/{id}.html\">\n\
                 <link rel=\"alternate\" type=\"application/json+oembed\" href=\"{site}oembed/{id}.json\" title=\"{title}\">\n",
                CARD_SIZE.0,
                CARD_SIZE.1,
                escape(&meta.summary),
            ));
        }
        None => head.push_str("<meta name=\"twitter:card\" content=\"summary\">\n"),
    }
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"color-scheme\" content=\"light dark\">\n\
         <title>{title} — {}</title>\n<meta name=\"description\" content=\"{description}\">\n{head}\
         <link rel=\"icon\" href=\"../favicon.svg\" type=\"image/svg+xml\">\n\
         <link rel=\"stylesheet\" href=\"../style.css\">\n<link rel=\"stylesheet\" href=\"../chart.css\">\n\
         </head>\n<body class=\"chart-page\">\n<main class=\"charts\">\n{figure}\n</main>\n\
         <footer class=\"page-footer\"><p><a href=\"../embed-{id}.html\">This chart, interactive</a> · \
         <a href=\"../index.html\">Every chart: {}</a></p></footer>\n</body>\n</html>\n",
        escape(&store.data.title),
        escape(&store.data.title),
    )
}

/// `oembed/<id>.json`: a rich oEmbed response whose `html` is the iframe
/// embed code (auto-height through embed.js), at the dashboard's column width.
pub fn oembed_json(meta: &ChartMeta, store: &Store, site: &str, poster: &Picture) -> Result<String, String> {
    let id = &meta.id;
    let height = embed_height(meta, poster);
    let html = format!(
        "<iframe src=\"{site}embed-{id}.html\" title=\"{}\" loading=\"lazy\" width=\"100%\" height=\"{height}\" \
         style=\"width:100%;border:0\"></iframe>\n<script src=\"{site}embed.js\" defer></script>",
        escape(&meta.title)
    );
    let json = serde_json::json!({
        "version": "1.0",
        "type": "rich",
        "title": meta.title,
        "provider_name": store.data.title,
        "provider_url": site,
        "html": html,
        "width": IMAGE_WIDTH as u32,
        "height": height,
        "thumbnail_url": format!("{site}img/{id}-card.png"),
        "thumbnail_width": CARD_SIZE.0,
        "thumbnail_height": CARD_SIZE.1,
    });
    serde_json::to_string_pretty(&json).map_err(|e| format!("{id}: cannot write oEmbed JSON: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_urls_are_http_and_end_in_a_slash() {
        assert_eq!(site_url("https://example.org/graphics/pk").as_deref(), Ok("https://example.org/graphics/pk/"));
        assert_eq!(site_url("http://localhost:8000/").as_deref(), Ok("http://localhost:8000/"));
        for bad in [
            "example.org",
            "https://",
            "ftp://x.org/",
            "javascript:alert(1)",
            "https://x.org/a b",
            "https://x.org/\"",
            "https://x.org/?q",
        ] {
            assert!(site_url(bad).is_err(), "{bad}");
        }
    }
}
