//! What the page checks and rewrites of the build ([`crate::links`],
//! [`crate::fingerprint`], [`crate::standalone`]) need around lol_html, which
//! parses the pages for them.

use lol_html::html_content::{ContentType, TextChunk};
use lol_html::HandlerResult;

use crate::Result;

/// lol_html reads the content of `<noscript>` as text, as a browser running
/// scripts does; readers without scripts see its markup, so the checks and
/// rewrites parse that text again (with [`whole_text`]) as a page of its own.
pub const NOSCRIPT: &str = "noscript";

/// A lol_html text handler that gives `edit` an element's whole text (lol_html
/// hands it over in chunks) and writes what `edit` returns in its place, as it is.
pub fn whole_text<'h>(
    mut edit: impl FnMut(&str) -> Result<String> + 'h,
) -> impl FnMut(&mut TextChunk<'_>) -> HandlerResult + 'h {
    let mut text = String::new();
    move |chunk| {
        text.push_str(chunk.as_str());
        if chunk.last_in_text_node() {
            let whole = std::mem::take(&mut text);
            chunk.replace(&edit(&whole)?, ContentType::Html);
        } else {
            chunk.remove();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use lol_html::{rewrite_str, text, RewriteStrSettings};

    use super::*;

    #[test]
    fn edits_each_element_text_whole() {
        let html = "<script>a</script><p>b</p><noscript><img src=x></noscript><style></style>";
        let out = rewrite_str(
            html,
            RewriteStrSettings::new()
                .append_element_content_handler(text!("script, style, noscript", whole_text(|t| Ok(format!("[{t}]"))))),
        );
        // An empty element has no text to edit.
        assert_eq!(
            out.map_err(|e| e.to_string()),
            Ok("<script>[a]</script><p>b</p><noscript>[<img src=x>]</noscript><style></style>".to_owned())
        );
        let long = format!("<script>{}</script>", "x".repeat(300_000));
        let mut lengths = Vec::new();
        let out = rewrite_str(
            &long,
            RewriteStrSettings::new().append_element_content_handler(text!(
                "script",
                whole_text(|t| {
                    lengths.push(t.len());
                    Ok(t.to_owned())
                })
            )),
        );
        assert_eq!(out.as_ref().map(String::len).ok(), Some(long.len()));
        assert_eq!(lengths, [300_000]);
    }
}
